"""Use cases of the partner and affiliate programme; modules are imported by name (``clicks`` alone serves the
redirect and imports nothing heavier than the plain-Python domain modules it needs)."""
