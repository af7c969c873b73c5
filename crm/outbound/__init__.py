"""Requests we make to other systems (webhook receivers)."""
