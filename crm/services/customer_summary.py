"""The customer summary use case: one customer, its open deals and open activities, read in a few queries."""

from __future__ import annotations

from crm.domain import access
from crm.domain.activities import OPEN_STATUSES
from crm.domain.activity_queries import ActivityListParams
from crm.domain.customer_summary import CustomerSummary, summarize
from crm.domain.deal_queries import DealListParams, DealOrder
from crm.domain.deals import DealStatus
from crm.identity import Caller
from crm.services.customers import get_customer
from crm.services.ports import ActivityReader, CustomerReader, DealReader

MAX_OPEN_DEALS = 100
OPEN_ACTIVITIES = 10


def customer_summary(customers: CustomerReader, deals: DealReader, activities: ActivityReader,
                     customer_id: str, caller: Caller) -> CustomerSummary:
    """The customer with its deal figures, open activities and latest notes; a rep's summary counts only the
    deals and activities they own.

    Up to MAX_OPEN_DEALS open deals are summed (``deals.complete`` says whether that was all of them).

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
    """
    customer = get_customer(customers, customer_id, caller)
    owner_id = access.list_owner(caller, None)
    open_deals = deals.list(DealListParams(
        customer_id=customer_id, owner_id=owner_id, status=DealStatus.OPEN, order_by=DealOrder.VALUE_DESC,
        page_size=MAX_OPEN_DEALS))
    due = []
    for status in OPEN_STATUSES:
        found = activities.list(ActivityListParams(customer_id=customer_id, owner_id=owner_id, status=status,
                                                   page_size=OPEN_ACTIVITIES))
        due += found.results
    due = sorted(due, key=lambda a: (a.due_at is None, a.due_at or a.created_at))[:OPEN_ACTIVITIES]
    return summarize(customer, open_deals.results, open_deals.total, due)
