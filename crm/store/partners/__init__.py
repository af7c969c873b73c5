"""Firestore adapters of the partner programme; modules are imported by name (``click_log`` alone serves the
redirect)."""
