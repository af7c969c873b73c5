"""Use cases as verbs: each receives the repositories it needs and knows nothing of HTTP."""
