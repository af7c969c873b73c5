"""The customer timeline use case: a customer's audit entries, newest first, in pages."""

from __future__ import annotations

from crm.domain import access
from crm.domain.timeline import TimelinePage, TimelineParams
from crm.identity import Caller
from crm.services.customers import get_customer
from crm.services.ports import AuditReader, CustomerReader


def customer_timeline(customers: CustomerReader, audit: AuditReader, customer_id: str, params: TimelineParams,
                      caller: Caller) -> TimelinePage:
    """What happened to a customer and its deals, orders and activities, newest first; a rep sees the entries of
    the records they own (as they see only those records).

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        InvalidArgumentError: the cursor is malformed or belongs to another query.
    """
    get_customer(customers, customer_id, caller)
    found = audit.customer_history(customer_id, params, access.list_owner(caller, None))
    return TimelinePage.of(found, params.page_size)
