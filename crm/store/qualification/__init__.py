"""Lead pipelines, their running totals and the lead board, in Firestore."""
