"""The local stack: the Firestore emulator, emulator-style ID tokens, demo data."""
