"""The customer timeline use case: a customer's audit entries, newest first, in pages."""

from __future__ import annotations

from typing import Protocol

from crm.domain import access
from crm.domain.timeline import AuditEntry, TimelinePage, TimelineParams
from crm.identity import Caller
from crm.services.customers import CustomerStore, get_customer
from crm.store.paging import Page


class AuditReader(Protocol):
    def customer_history(self, customer_id: str, params: TimelineParams, owner_id: str | None = None
                         ) -> tuple[list[AuditEntry], Page]: ...


def customer_timeline(customers: CustomerStore, audit: AuditReader, customer_id: str, params: TimelineParams,
                      caller: Caller) -> TimelinePage:
    """What happened to a customer and its deals, orders and activities, newest first; a rep sees the entries of
    the records they own (as they see only those records).

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        InvalidArgumentError: the cursor is malformed or belongs to another query.
    """
    get_customer(customers, customer_id, caller)
    entries, page = audit.customer_history(customer_id, params, access.list_owner(caller, None))
    return TimelinePage(
        results=entries, total=page.total, total_exact=page.total_exact, page=page.page,
        page_size=params.page_size, next_cursor=page.next_cursor,
    )
