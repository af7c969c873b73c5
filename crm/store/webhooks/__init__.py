"""Webhooks in Firestore: the outbox the unit of work fills, endpoints, the delivery queue and its log."""
