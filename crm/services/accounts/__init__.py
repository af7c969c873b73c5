"""Account use cases: a customer's parent account and figures, its sub-accounts, likely duplicates and merges."""
