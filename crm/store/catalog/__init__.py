"""The product catalog in Firestore."""
