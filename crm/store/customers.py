"""Customers in Firestore: documents with their search tokens, and the claims that keep their emails unique."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.claims import CUSTOMER_EMAIL
from crm.domain.common import from_cents, to_cents
from crm.domain.customer_names import NamedCustomer
from crm.domain.customer_queries import CustomerListParams, DeletedCustomerListParams
from crm.domain.customers import Customer, CustomerListItem
from crm.domain.paging import Page
from crm.store import read_meter
from crm.store.accounts.duplicate_keys import HELD_FIELD, TxDuplicateKeys, held_key_ids, import_duplicate_keys
from crm.store.claims import ClaimCollection
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.customer_counts import record_customer_change, record_imported_customers
from crm.store.customer_filters import list_filters_fingerprint, with_list_filters
from crm.store.customer_search import CustomerSearch, customer_search_fields
from crm.store.encoding import stage_write
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.search import SEARCH_FIELDS
from crm.store.unit_of_work import UnitOfWork

SORT_FIELDS = {
    "name": "name_sort",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "lifetime_value": "lifetime_value_cents",
}
DERIVED_FIELDS = ("name_sort", "lifetime_value_cents", HELD_FIELD, *SEARCH_FIELDS)
_DERIVED = frozenset(DERIVED_FIELDS)
NOT_STORED = {"id", "email", "phone", "lifetime_value", "version"}
DELETED_SINCE = datetime(1970, 1, 1, tzinfo=UTC)  # every deletion is later: "deleted_at > this" means deleted
IMPORT_BATCH = 50  # a customer carries hundreds of search keys: larger batches outlast the emulator's call deadline


def customer_to_document(customer: Customer) -> dict[str, Any]:
    data = _plain(customer.model_dump(mode="python", exclude=NOT_STORED))
    data["lifetime_value_cents"] = to_cents(customer.lifetime_value)
    data["name_sort"] = customer.name_sort_key()
    data[HELD_FIELD] = held_key_ids(customer)
    data.update(customer_search_fields(customer))
    return data


def customer_from_snapshot(snapshot: firestore.DocumentSnapshot) -> Customer:
    # to_dict() would deep-copy the search keys too (most of the document's values), only to drop them
    stored: dict[str, Any] = snapshot._data if snapshot.exists else {}
    data = {field: copy.deepcopy(value) for field, value in stored.items() if field not in _DERIVED}
    return Customer(**data, id=snapshot.id, lifetime_value=from_cents(stored.get("lifetime_value_cents", 0)))


def _list_item(snapshot: firestore.DocumentSnapshot) -> CustomerListItem:
    return CustomerListItem(**dict(customer_from_snapshot(snapshot)))


EMAIL_CLAIMS = ClaimCollection(
    CUSTOMER_EMAIL, claims=lambda names: names.customer_emails, holders=lambda names: names.customers,
    record=customer_from_snapshot,
)


NAME_FIELDS = ["name", "owner_id", "deleted_at"]


class FirestoreCustomerReader:
    """Customers outside transactions: one customer, and lists and searches with filters, order and paging."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._customers = db.collection(names.customers)
        self._search = CustomerSearch(self._customers, customer_from_snapshot)

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

    def names(self, customer_ids: list[str]) -> list[NamedCustomer]:
        """The active customers among ``customer_ids``, in that order: their names and owners only (one batched
        read, one read per id)."""
        refs = [self._customers.document(i) for i in customer_ids]
        snapshots = self._db.get_all(refs, field_paths=NAME_FIELDS) if refs else []
        found = {s.id: s for s in snapshots if s.exists and s.get("deleted_at") is None}
        read_meter.record_lookups(len(refs))
        return [NamedCustomer(i, found[i].get("name"), found[i].get("owner_id")) for i in customer_ids if i in found]

    def list(self, params: CustomerListParams) -> Page[CustomerListItem]:
        """One page of active customers matching ``params``, with the total that match; searches best first."""
        if params.search_terms():
            return self._search.page(params)
        query, sort_field, descending = self._filtered(params)
        fingerprint = query_fingerprint(params.search_terms(), params.status, params.tag, params.owner_id,
                                        params.order.value, *list_filters_fingerprint(params))
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._customers, query, request, sort_field, descending, _list_item)

    def list_deleted(self, params: DeletedCustomerListParams) -> Page[CustomerListItem]:
        """One page of deleted customers, most recently deleted first, with the total deleted."""
        query: Queryable = self._customers.where(filter=FieldFilter("deleted_at", ">", DELETED_SINCE))
        if params.owner_id:
            query = query.where(filter=FieldFilter("owner_id", "==", params.owner_id))
        request = PageRequest(1, params.page_size, params.cursor, query_fingerprint("deleted", params.owner_id))
        return fetch_page(self._customers, query, request, "deleted_at", True, _list_item)

    def _filtered(self, params: CustomerListParams) -> tuple[Queryable, str | None, bool]:
        query: Queryable = self._customers.where(filter=FieldFilter("deleted_at", "==", None))
        query = with_list_filters(query, params)
        if params.tag:
            query = query.where(filter=FieldFilter("tags", "array_contains", params.tag))
        if params.owner_id:
            query = query.where(filter=FieldFilter("owner_id", "==", params.owner_id))
        return query, SORT_FIELDS[params.order.field], params.order.descending


def import_customers(db: firestore.Client, names: CollectionNames, customers: list[Customer]) -> None:
    """Write many new customers in batches, with their email claims, unchecked and unaudited (their tag counts and
    lead board totals counted): for demo data and benchmarks, never for users."""
    documents, claims = db.collection(names.customers), db.collection(names.customer_emails)
    for start in range(0, len(customers), IMPORT_BATCH):
        batch = db.batch()
        for customer in customers[start : start + IMPORT_BATCH]:
            stage_write(batch, documents.document(customer.id), customer_to_document(customer))
            for email in CUSTOMER_EMAIL.values(customer):
                claim = EMAIL_CLAIMS.claim_document(email, customer.id)
                batch.set(claims.document(EMAIL_CLAIMS.claim_id(email)), claim)
        batch.commit()
    import_duplicate_keys(db, names, customers)
    record_imported_customers(db, names, customers)


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
        self._duplicates = TxDuplicateKeys(uow)

    def new_id(self) -> str:
        return self._customers.document().id

    def get(self, customer_id: str) -> Customer | None:
        snapshot = self._uow.get(self._customers.document(customer_id))
        return customer_from_snapshot(snapshot) if snapshot.exists else None

    def get_active(self, customer_id: str) -> Customer | None:
        customer = self.get(customer_id)
        return customer if customer and customer.deleted_at is None else None

    def put(self, customer: Customer, previous: Customer | None) -> None:
        """Stage ``customer``'s write, claiming the emails it newly holds and releasing those it let go (a deleted
        customer holds none)."""
        self._uow.set(self._customers.document(customer.id), customer_to_document(customer))
        self._uow.change_claims(EMAIL_CLAIMS, customer.id, previous, customer)
        self._duplicates.change(previous, customer)
        record_customer_change(self._uow, previous, customer)
