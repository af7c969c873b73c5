"""Accounts in Firestore: each customer's running figures, the keys that find duplicates, and merge records."""
