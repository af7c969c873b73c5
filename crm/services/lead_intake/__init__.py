"""Lead intake use cases: lead sources managed by admins, and leads received from them."""
