"""Use cases that move data in and out in bulk: imports, exports, bulk actions, and the jobs that run them."""
