"""HTTP handlers for leads coming in: the public hook that web forms and ad platforms post to, and the lead sources
admins manage."""

from crm.http.lead_intake import hook, sources  # noqa: F401  (registers the operations)
from crm.http.lead_intake.hook import allow_source_origins

__all__ = ["allow_source_origins"]
