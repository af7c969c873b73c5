"""Webhook use cases: endpoints managed by admins, and the delivery of events to them."""
