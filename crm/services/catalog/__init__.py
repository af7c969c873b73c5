"""Product catalog use cases, and the checks of records that reference products."""
