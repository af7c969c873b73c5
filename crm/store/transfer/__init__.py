"""Firestore adapters of imports, exports, bulk actions and their jobs."""
