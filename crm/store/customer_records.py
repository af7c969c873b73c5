"""A page of customers' deals, orders and activities read together: one ``customer_id in [...]`` query per 30
customers instead of one query per customer.

Firestore has no per-customer limit inside one query, so each chunk's query is capped at ``chunk x per_customer``
documents; a chunk over the cap (some customer holds more than its share) is read again one customer at a time,
newest first, each capped at ``per_customer`` (the query and index of a customer's list over REST). A chunk costs
the documents it returns (one read when it matches nothing), plus the cap when it is read again. The chunk queries
have equality filters only (no order), which Firestore serves by merging single-field indexes; the newest first
order is applied here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.activities import Activity
from crm.domain.deals import Deal
from crm.domain.orders import Order
from crm.store import read_meter
from crm.store.activities import activity_from_snapshot
from crm.store.collections import CollectionNames
from crm.store.deals import deal_from_snapshot
from crm.store.orders import order_from_snapshot

IN_LIMIT = 30  # the most values Firestore takes in one `in` filter
Filters = Sequence[tuple[str, str]]


class Record(Protocol):
    customer_id: str

    @property
    def created_at(self) -> object: ...


R = TypeVar("R", bound=Record)


class FirestoreCustomerRecords:
    """Deals, orders and activities of many customers at once, each customer's newest first."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._deals = db.collection(names.deals)
        self._orders = db.collection(names.orders)
        self._activities = db.collection(names.activities)

    def deals(self, customer_ids: Sequence[str], filters: Filters, per_customer: int) -> dict[str, list[Deal]]:
        return _by_customer(self._deals, customer_ids, filters, per_customer, deal_from_snapshot)

    def orders(self, customer_ids: Sequence[str], filters: Filters, per_customer: int) -> dict[str, list[Order]]:
        return _by_customer(self._orders, customer_ids, filters, per_customer, order_from_snapshot)

    def activities(self, customer_ids: Sequence[str], filters: Filters,
                   per_customer: int) -> dict[str, list[Activity]]:
        return _by_customer(self._activities, customer_ids, filters, per_customer, activity_from_snapshot)


def _by_customer(collection: firestore.CollectionReference, customer_ids: Sequence[str], filters: Filters,
                 per_customer: int, build: Callable[[firestore.DocumentSnapshot], R]) -> dict[str, list[R]]:
    found: dict[str, list[R]] = defaultdict(list)
    unique = list(dict.fromkeys(customer_ids))
    for start in range(0, len(unique), IN_LIMIT):
        chunk = unique[start:start + IN_LIMIT]
        cap = len(chunk) * per_customer
        records = _read(_filtered(collection, filters).where(filter=FieldFilter("customer_id", "in", chunk)), cap + 1,
                        build)
        if len(records) > cap:
            records = [r for one in chunk for r in _read(_newest(collection, filters, one), per_customer, build)]
        for record in records:
            found[record.customer_id].append(record)
    return {customer_id: sorted(found[customer_id], key=lambda r: r.created_at, reverse=True)[:per_customer]  # type: ignore[arg-type,return-value]
            for customer_id in unique}


def _filtered(collection: firestore.CollectionReference, filters: Filters) -> firestore.Query:
    query: firestore.Query = collection  # type: ignore[assignment]
    for field, value in filters:
        query = query.where(filter=FieldFilter(field, "==", value))
    return query


def _newest(collection: firestore.CollectionReference, filters: Filters, customer_id: str) -> firestore.Query:
    query = _filtered(collection, filters).where(filter=FieldFilter("customer_id", "==", customer_id))
    return query.order_by("created_at", direction=firestore.Query.DESCENDING)


def _read(query: firestore.Query, limit: int, build: Callable[[firestore.DocumentSnapshot], R]) -> list[R]:
    snapshots = list(query.limit(limit).stream())
    read_meter.record_documents(len(snapshots))
    return [build(s) for s in snapshots]
