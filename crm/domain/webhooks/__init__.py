"""Webhooks out: the events a record's change raises, endpoints that subscribe to them, signatures, and the rules of
delivery (backoff, giving up, disabling an endpoint that keeps failing)."""
