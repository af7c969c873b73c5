"""A page of customers' deals, orders and activities at once, under the same rules as each customer's list: a rep
gets only their own records of each customer, as GET /crm/customers/{id}/deals (and orders, activities) gives."""

from __future__ import annotations

from collections.abc import Sequence

from crm.domain import access
from crm.domain.activities import Activity, ActivityStatus
from crm.domain.deals import Deal, DealStatus
from crm.domain.orders import Order, OrderStatus
from crm.identity import Caller
from crm.services.ports import CustomerRecordReader

MAX_PER_CUSTOMER = 50


def _filters(caller: Caller, status: str | None) -> list[tuple[str, str]]:
    owner = access.list_owner(caller, None)
    return [*([("owner_id", owner)] if owner else []), *([("status", status)] if status else [])]


def customers_deals(reader: CustomerRecordReader, customer_ids: Sequence[str], status: DealStatus | None,
                    per_customer: int, caller: Caller) -> dict[str, list[Deal]]:
    """Each customer's deals (in ``status`` if given), newest first, at most ``per_customer`` each."""
    return reader.deals(customer_ids, _filters(caller, status.value if status else None), per_customer)


def customers_orders(reader: CustomerRecordReader, customer_ids: Sequence[str], status: OrderStatus | None,
                     per_customer: int, caller: Caller) -> dict[str, list[Order]]:
    """Each customer's orders (in ``status`` if given), newest first, at most ``per_customer`` each."""
    return reader.orders(customer_ids, _filters(caller, status.value if status else None), per_customer)


def customers_activities(reader: CustomerRecordReader, customer_ids: Sequence[str], status: ActivityStatus | None,
                         per_customer: int, caller: Caller) -> dict[str, list[Activity]]:
    """Each customer's activities (in ``status`` if given), newest first, at most ``per_customer`` each."""
    return reader.activities(customer_ids, _filters(caller, status.value if status else None), per_customer)
