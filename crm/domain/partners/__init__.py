"""The partner and affiliate programme: partners and their tracked links, clicks, conversions attributed to them,
commission plans, commissions, wallets kept as append-only ledgers, payouts, and the figures reported from running
totals. Modules are imported by name; ``clicks`` and ``destinations`` are plain Python (no pydantic), for the
redirect's cold start."""
