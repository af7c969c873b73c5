"""Accounts: a customer as a person or an organization, its company fields and parent account, its running figures,
the keys that find likely duplicates, and the merge of duplicates into one customer."""
