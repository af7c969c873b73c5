"""Orders in Firestore: documents with the total in minor units, and the claims that keep order numbers unique."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.base_query import BaseQuery

from crm.domain.common import from_cents, to_cents
from crm.domain.orders import Order, OrderListParams, order_number_key
from crm.domain.paging import Page
from crm.errors import AlreadyExistsError
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, fetch_page
from crm.store.unit_of_work import UnitOfWork

T = TypeVar("T")
SORT_FIELDS = {"created_at": "created_at", "total": "total_cents", "order_number": "order_number_key"}
EQUALITY_FILTERS = ("customer_id", "status", "owner_id")
DERIVED_FIELDS = ("total_cents", "order_number_key")
TIMESTAMPS = ("created_at", "updated_at", "delivered_at", "cancelled_at")
STALE_CLAIM_RETRIES = 3


def order_to_document(order: Order) -> dict[str, Any]:
    data = order.model_dump(mode="json", exclude={"id", "total", "status_history", "version"})
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


def order_number_claim_id(order_number: str) -> str:
    return hashlib.sha256(order_number_key(order_number).encode()).hexdigest()


class TxOrders:
    """Orders inside a unit of work: reads through its transaction, writes staged with the order-number claims."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._orders = uow.collection(uow.names.orders)
        self._claims = uow.collection(uow.names.order_numbers)

    def new_id(self) -> str:
        return self._orders.document().id

    def get(self, order_id: str) -> Order | None:
        snapshot = self._uow.get(self._orders.document(order_id))
        return order_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, order: Order, previous: Order | None) -> None:
        """Stage ``order``'s write; a new order number is claimed by creating its claim, the old one released.

        The claim is created, never overwritten: if another order holds the number, the commit fails with
        ``google.api_core.exceptions.AlreadyExists`` (``FirestoreOrderReader.claiming`` explains it).
        """
        self._uow.set(self._orders.document(order.id), order_to_document(order))
        held = order_number_claim_id(previous.order_number) if previous else None
        wanted = order_number_claim_id(order.order_number)
        if wanted != held:
            claim = {"order_number": order.order_number, "order_id": order.id}
            self._uow.create(self._claims.document(wanted), claim)
            if held:
                self._uow.delete(self._claims.document(held))

    def delete(self, order: Order) -> None:
        self._uow.delete(self._orders.document(order.id))
        self._uow.delete(self._claims.document(order_number_claim_id(order.order_number)))


class FirestoreOrderReader:
    """Orders outside transactions: one order, lists with filters, order and paging; and the explanation of a
    refused order-number claim."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._orders = db.collection(names.orders)
        self._claims = db.collection(names.order_numbers)

    def get(self, order_id: str) -> Order | None:
        snapshot = self._orders.document(order_id).get()
        read_meter.record_lookups(1)
        return order_from_snapshot(snapshot) if snapshot.exists else None

    def list(self, params: OrderListParams) -> Page[Order]:
        query: BaseQuery = self._orders
        for field in EQUALITY_FILTERS:
            value = getattr(params, field)
            if value is not None:
                query = query.where(filter=FieldFilter(field, "==", str(value)))
        fingerprint = query_fingerprint([str(getattr(params, f)) for f in EQUALITY_FILTERS], params.order_by.value)
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._orders, query, request, SORT_FIELDS[params.order_by.field], params.order_by.descending,
                          order_from_snapshot)

    def claiming(self, order_number: str | None, run: Callable[[], T], *, order_id: str | None = None) -> T:
        """Run ``run``, a transaction that may claim ``order_number`` (for order ``order_id``, if it exists yet).

        When the number's claim is held by another order, a claim left by an order that no longer holds the number
        is released and the transaction tried again; a live one is reported.

        Raises:
            AlreadyExistsError: another order holds ``order_number``; the details name it.
        """
        for _ in range(STALE_CLAIM_RETRIES):
            try:
                return run()
            except google_exceptions.AlreadyExists:
                if order_number is None:
                    raise
                self._explain_claim_conflict(order_number, order_id)
        raise AlreadyExistsError(f"order number {order_number} is claimed by another order")

    def _explain_claim_conflict(self, order_number: str, order_id: str | None) -> None:
        claim = self._claims.document(order_number_claim_id(order_number)).get()
        read_meter.record_lookups(1)
        if not claim.exists or claim.get("order_id") == order_id:
            return
        holder = self.get(claim.get("order_id"))
        if holder is not None and order_number_key(holder.order_number) == order_number_key(order_number):
            message = f"order number {holder.order_number} already belongs to order {holder.id}"
            detail = {"field": "order_number", "value": holder.order_number, "order_id": holder.id, "message": message}
            raise AlreadyExistsError(message, [detail])
        # if the claim changed meanwhile, the next attempt meets its new holder
        with contextlib.suppress(google_exceptions.FailedPrecondition):
            claim.reference.delete(option=self._db.write_option(last_update_time=claim.update_time))
