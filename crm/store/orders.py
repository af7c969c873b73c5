"""Orders in Firestore: documents with the total in minor units, and the claims that keep order numbers unique."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.claims import ORDER_NUMBER
from crm.domain.common import from_cents, to_cents
from crm.domain.orders import Order, OrderListParams, order_number_key
from crm.domain.paging import Page
from crm.store import read_meter
from crm.store.claims import ClaimCollection
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.unit_of_work import UnitOfWork

SORT_FIELDS = {"created_at": "created_at", "total": "total_cents", "order_number": "order_number_key"}
EQUALITY_FILTERS = ("customer_id", "status", "owner_id")
DERIVED_FIELDS = ("total_cents", "order_number_key")
TIMESTAMPS = ("created_at", "updated_at", "delivered_at", "cancelled_at")
COMPUTED = ("next_statuses", "money_editable")


def order_to_document(order: Order) -> dict[str, Any]:
    data = order.model_dump(mode="json", exclude={"id", "total", "status_history", "version", *COMPUTED})
    for field in TIMESTAMPS:
        data[field] = getattr(order, field)
    data["status_history"] = [
        {"from": e.from_status.value if e.from_status else None, "to": e.to.value, "at": e.at, "by": e.by}
        for e in order.status_history
    ]
    data["total_cents"] = to_cents(order.total)
    data["ltv_base_cents"] = order.ltv_base_cents
    data["order_number_key"] = order_number_key(order.order_number)
    return data


def order_from_snapshot(snapshot: firestore.DocumentSnapshot) -> Order:
    data = snapshot.to_dict() or {}
    total = from_cents(data.get("total_cents", 0))
    for field in DERIVED_FIELDS:
        data.pop(field, None)
    return Order(**data, id=snapshot.id, total=total)


ORDER_NUMBER_CLAIMS = ClaimCollection(
    ORDER_NUMBER, claims=lambda names: names.order_numbers, holders=lambda names: names.orders,
    record=order_from_snapshot,
)


class TxOrders:
    """Orders inside a unit of work: reads through its transaction, writes staged with the order-number claims."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._orders = uow.collection(uow.names.orders)

    def new_id(self) -> str:
        return self._orders.document().id

    def get(self, order_id: str) -> Order | None:
        snapshot = self._uow.get(self._orders.document(order_id))
        return order_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, order: Order, previous: Order | None) -> None:
        """Stage ``order``'s write, claiming a new order number and releasing the one it let go."""
        self._uow.set(self._orders.document(order.id), order_to_document(order))
        self._uow.change_claims(ORDER_NUMBER_CLAIMS, order.id, previous, order)

    def delete(self, order: Order) -> None:
        self._uow.delete(self._orders.document(order.id))
        self._uow.change_claims(ORDER_NUMBER_CLAIMS, order.id, order, None)


class FirestoreOrderReader:
    """Orders outside transactions: one order, and lists with filters, order and paging."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._orders = db.collection(names.orders)

    def get(self, order_id: str) -> Order | None:
        snapshot = self._orders.document(order_id).get()
        read_meter.record_lookups(1)
        return order_from_snapshot(snapshot) if snapshot.exists else None

    def list(self, params: OrderListParams) -> Page[Order]:
        query: Queryable = self._orders
        for field in EQUALITY_FILTERS:
            value = getattr(params, field)
            if value is not None:
                query = query.where(filter=FieldFilter(field, "==", str(value)))
        fingerprint = query_fingerprint([str(getattr(params, f)) for f in EQUALITY_FILTERS], params.order_by.value)
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._orders, query, request, SORT_FIELDS[params.order_by.field], params.order_by.descending,
                          order_from_snapshot)
