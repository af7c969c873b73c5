"""Contact persons in Firestore: their documents, email claims, search and lists."""
