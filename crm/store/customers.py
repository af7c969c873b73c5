"""Customers in Firestore: documents with their search tokens, and the email claims that keep emails unique."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.base_query import BaseQuery
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.common import from_cents, to_cents
from crm.domain.customer_queries import CustomerListParams
from crm.domain.customers import Customer
from crm.domain.identity import Caller
from crm.domain.paging import Page
from crm.errors import AlreadyExistsError
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, fetch_page
from crm.store.unit_of_work import TransactionRunner, UnitOfWork

SORT_FIELDS = {
    "name": "name_sort",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "lifetime_value": "lifetime_value_cents",
}
DERIVED_FIELDS = ("name_sort", "search_tokens", "lifetime_value_cents")
NOT_STORED = {"id", "email", "phone", "lifetime_value", "version"}

Decide = Callable[[Customer | None], Customer]
STALE_CLAIM_RETRIES = 3


def customer_to_document(customer: Customer) -> dict[str, Any]:
    data = _plain(customer.model_dump(mode="python", exclude=NOT_STORED))
    data["lifetime_value_cents"] = to_cents(customer.lifetime_value)
    data["name_sort"] = customer.name_sort_key()
    data["search_tokens"] = dict.fromkeys(sorted(customer.search_tokens()), True)
    return data


def customer_from_snapshot(snapshot: firestore.DocumentSnapshot) -> Customer:
    data = snapshot.to_dict() or {}
    cents = data.get("lifetime_value_cents", 0)
    for field in DERIVED_FIELDS:
        data.pop(field, None)
    return Customer(**data, id=snapshot.id, lifetime_value=from_cents(cents))


def email_claim_id(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


class FirestoreCustomerStore:
    """The customer repository on Cloud Firestore."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._names = names
        self._customers = db.collection(names.customers)
        self._claims = db.collection(names.customer_emails)

    def new_id(self) -> str:
        return self._customers.document().id

    def get(self, customer_id: str) -> Customer | None:
        snapshot = self._customers.document(customer_id).get()
        read_meter.record_lookups(1)
        return customer_from_snapshot(snapshot) if snapshot.exists else None

    def get_many(self, customer_ids: list[str]) -> list[Customer]:
        refs = [self._customers.document(i) for i in customer_ids]
        found = {s.id: s for s in self._db.get_all(refs) if s.exists}
        read_meter.record_lookups(len(refs))
        return [customer_from_snapshot(found[i]) for i in customer_ids if i in found]

    def save(self, customer_id: str, decide: Decide, *, actor: Caller) -> Customer:
        """Read the customer, let ``decide`` return its new state, and write it with its email claims, atomically,
        for ``actor``.

        ``decide`` gets ``None`` for a customer that does not exist yet and may raise to abort. A new email is
        claimed by creating its claim document, which fails if another customer holds it; the transaction then
        reads nothing it would contend on, so concurrent claims of one email cannot deadlock each other.

        Raises:
            AlreadyExistsError: an email of the new state belongs to another active customer.
        """
        attempted: list[Customer] = []

        def work(uow: UnitOfWork) -> Customer:
            customers = TxCustomers(uow)
            current = customers.get(customer_id)
            updated = decide(current)
            attempted.append(updated)
            customers.put(updated, current)
            return updated

        for _ in range(STALE_CLAIM_RETRIES):
            try:
                runner = TransactionRunner(self._db, self._names)
                return runner.run(work, actor=actor, lock=[f"customers/{customer_id}"])
            except google_exceptions.AlreadyExists:
                self._explain_claim_conflict(customer_id, attempted[-1].emails())
        raise AlreadyExistsError("an email of this customer is claimed by another customer")

    def _explain_claim_conflict(self, customer_id: str, emails: list[str]) -> None:
        """Raise the conflict naming the active customer holding one of ``emails``, after releasing stale claims.

        Raises:
            AlreadyExistsError: an active customer other than ``customer_id`` holds one of the emails.
        """
        refs = [self._claims.document(email_claim_id(e)) for e in emails]
        claims = [c for c in self._db.get_all(refs) if c.exists and c.get("customer_id") != customer_id]
        read_meter.record_lookups(len(refs))
        for claim in claims:
            owner = self.get(claim.get("customer_id"))
            if owner and owner.deleted_at is None:
                email = claim.get("email")
                message = f"email {email} already belongs to customer {owner.id} ({owner.name})"
                detail = {"field": "email", "value": email, "customer_id": owner.id, "message": message}
                raise AlreadyExistsError(message, [detail])
            claim.reference.delete(option=self._db.write_option(last_update_time=claim.update_time))

    def list(self, params: CustomerListParams) -> Page[Customer]:
        """One page of active customers matching ``params``, with the total that match."""
        query, sort_field, descending = self._filtered(params)
        fingerprint = query_fingerprint(params.search_terms(), params.status, params.tag, params.owner_id,
                                        params.order.value)
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._customers, query, request, sort_field, descending, customer_from_snapshot)

    def _filtered(self, params: CustomerListParams) -> tuple[BaseQuery, str | None, bool]:
        query: BaseQuery = self._customers.where(filter=FieldFilter("deleted_at", "==", None))
        if params.status:
            query = query.where(filter=FieldFilter("status", "==", params.status.value))
        if params.tag:
            query = query.where(filter=FieldFilter("tags", "array_contains", params.tag))
        if params.owner_id:
            query = query.where(filter=FieldFilter("owner_id", "==", params.owner_id))
        terms = params.search_terms()
        for term in terms:
            query = query.where(filter=FieldFilter(FieldPath("search_tokens", term).to_api_repr(), "==", True))
        if terms:
            return query, None, False
        return query, SORT_FIELDS[params.order.field], params.order.descending

    def bulk_import(self, customers: list[Customer]) -> None:
        """Write many new customers in batches, with their claims; for demo data and benchmarks, not for users."""
        for start in range(0, len(customers), 200):
            batch = self._db.batch()
            for customer in customers[start : start + 200]:
                batch.set(self._customers.document(customer.id), customer_to_document(customer))
                for email in _active_emails(customer):
                    claim = {"email": email, "customer_id": customer.id}
                    batch.set(self._claims.document(email_claim_id(email)), claim)
            batch.commit()


def _active_emails(customer: Customer | None) -> list[str]:
    if customer is None or customer.deleted_at is not None:
        return []
    return customer.emails()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


class TxCustomers:
    """Customers inside a unit of work: reads through its transaction, writes staged with the email claims."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._customers = uow.collection(uow.names.customers)
        self._claims = uow.collection(uow.names.customer_emails)

    def get(self, customer_id: str) -> Customer | None:
        snapshot = self._uow.get(self._customers.document(customer_id))
        return customer_from_snapshot(snapshot) if snapshot.exists else None

    def get_active(self, customer_id: str) -> Customer | None:
        customer = self.get(customer_id)
        return customer if customer and customer.deleted_at is None else None

    def put(self, customer: Customer, previous: Customer | None) -> None:
        """Stage ``customer``'s write, creating the claims of emails it newly holds and deleting those it let go.

        A claim is created, never overwritten: if another customer holds the email, the commit fails with
        ``google.api_core.exceptions.AlreadyExists``.
        """
        held = set(_active_emails(previous))
        wanted = set(_active_emails(customer))
        self._uow.set(self._customers.document(customer.id), customer_to_document(customer))
        for email in sorted(wanted - held):
            claim = {"email": email, "customer_id": customer.id}
            self._uow.create(self._claims.document(email_claim_id(email)), claim)
        for email in sorted(held - wanted):
            self._uow.delete(self._claims.document(email_claim_id(email)))
