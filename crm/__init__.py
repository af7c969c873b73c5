"""A CRM backend for Firebase: customers, search and identity over Cloud Firestore."""
