"""Customers in Firestore: documents with their search tokens, and the email claims that keep emails unique."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.base_query import BaseQuery
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.common import from_cents, to_cents
from crm.domain.customer_queries import CustomerListParams, CustomerSlice
from crm.domain.customers import Customer
from crm.errors import AlreadyExistsError
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import Cursor, decode_cursor, encode_cursor, query_fingerprint

SORT_FIELDS = {
    "name": "name_sort",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "lifetime_value": "lifetime_value_cents",
}
DERIVED_FIELDS = ("name_sort", "search_tokens", "lifetime_value_cents")
NOT_STORED = {"id", "email", "phone", "lifetime_value"}

Decide = Callable[[Customer | None], Customer]


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

    def save(self, customer_id: str, decide: Decide) -> Customer:
        """Read the customer, let ``decide`` return its new state, and write it with its email claims, atomically.

        ``decide`` gets ``None`` for a customer that does not exist yet and may raise to abort.

        Raises:
            AlreadyExistsError: an email of the new state belongs to another active customer.
        """
        ref = self._customers.document(customer_id)

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> Customer:
            snapshot = ref.get(transaction=transaction)
            read_meter.record_lookups(1)
            current = customer_from_snapshot(snapshot) if snapshot.exists else None
            updated = decide(current)
            held = set(_active_emails(current))
            wanted = set(_active_emails(updated))
            self._check_claims(transaction, customer_id, sorted(wanted - held))
            transaction.set(ref, customer_to_document(updated))
            for email in wanted - held:
                transaction.set(self._claims.document(email_claim_id(email)), {"email": email, "customer_id": customer_id})
            for email in held - wanted:
                transaction.delete(self._claims.document(email_claim_id(email)))
            return updated

        return run(self._db.transaction())

    def _check_claims(self, transaction: firestore.Transaction, customer_id: str, emails: list[str]) -> None:
        if not emails:
            return
        refs = [self._claims.document(email_claim_id(e)) for e in emails]
        claims = list(transaction.get_all(refs))
        read_meter.record_lookups(len(refs))
        for claim in claims:
            if not claim.exists or claim.get("customer_id") == customer_id:
                continue
            owner_ref = self._customers.document(claim.get("customer_id"))
            owner = owner_ref.get(transaction=transaction)
            read_meter.record_lookups(1)
            if owner.exists and owner.get("deleted_at") is None:
                email = claim.get("email")
                message = f"email {email} already belongs to customer {owner.id} ({owner.get('name')})"
                raise AlreadyExistsError(
                    message, [{"field": "email", "value": email, "customer_id": owner.id, "message": message}]
                )

    def list(self, params: CustomerListParams) -> CustomerSlice:
        """One page of active customers matching ``params``, with the total that match."""
        query, sort_field, descending = self._filtered(params)
        fingerprint = query_fingerprint(params.search_terms(), params.status, params.tag, params.order.value)
        total = query.count().get()[0][0].value
        read_meter.record_aggregation(total)
        direction = firestore.Query.DESCENDING if descending else firestore.Query.ASCENDING
        if sort_field:
            query = query.order_by(sort_field, direction=direction)
        query = query.order_by(FieldPath.document_id(), direction=direction)
        page = params.page
        if params.cursor:
            cursor = decode_cursor(params.cursor, fingerprint)
            page = cursor.page + 1
            anchor = [self._customers.document(cursor.document_id)]
            query = query.start_after([cursor.sort_value, *anchor] if sort_field else anchor)
        elif page > 1:
            query = query.offset((page - 1) * params.page_size)
        snapshots = list(query.limit(params.page_size).stream())
        skipped = 0 if params.cursor else (page - 1) * params.page_size
        read_meter.record_documents(len(snapshots) + skipped)
        customers = [customer_from_snapshot(s) for s in snapshots]
        seen = (page - 1) * params.page_size + len(snapshots)
        next_cursor = None
        if snapshots and seen < total:
            last = snapshots[-1]
            sort_value = last.get(sort_field) if sort_field else None
            next_cursor = encode_cursor(Cursor(page, sort_value, last.id), fingerprint)
        return CustomerSlice(customers, total, page, next_cursor)

    def _filtered(self, params: CustomerListParams) -> tuple[BaseQuery, str | None, bool]:
        query: BaseQuery = self._customers.where(filter=FieldFilter("deleted_at", "==", None))
        if params.status:
            query = query.where(filter=FieldFilter("status", "==", params.status.value))
        if params.tag:
            query = query.where(filter=FieldFilter("tags", "array_contains", params.tag))
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
