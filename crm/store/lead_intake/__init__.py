"""Lead intake in Firestore: lead sources, and finding the customer a lead already is."""
