"""Contact persons: the people who work at (or belong to) a customer, their channels and flags."""
