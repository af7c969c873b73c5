"""HTTP handlers for webhooks: endpoints, deliveries and notices (admins only)."""

from crm.http.webhooks import deliveries, endpoints  # noqa: F401  (registers the operations)
