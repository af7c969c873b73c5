"""Accounts outside transactions: a customer's running totals, counts of its records, its sub-accounts."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.accounts.merge import RecordKind
from crm.domain.customers import CustomerListItem
from crm.domain.paging import Page
from crm.store.accounts.merges import FirestoreMergeCounts
from crm.store.accounts.totals import FirestoreAccountTotals
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.customers import customer_from_snapshot
from crm.store.paging import PageRequest, Queryable, fetch_page


class FirestoreAccountReader:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._totals = FirestoreAccountTotals(db, names)
        self._counts = FirestoreMergeCounts(db, names)
        self._customers = db.collection(names.customers)

    def totals(self, customer_id: str) -> dict[str, Any]:
        return self._totals.get(customer_id)

    def count(self, kind: RecordKind, customer_id: str) -> int:
        return self._counts.count(kind, customer_id)

    def sub_accounts(self, customer_id: str, owner_id: str | None, page_size: int,
                     cursor: str | None) -> Page[CustomerListItem]:
        query: Queryable = self._customers.where(filter=FieldFilter("parent_id", "==", customer_id))
        query = query.where(filter=FieldFilter("deleted_at", "==", None))
        if owner_id is not None:
            query = query.where(filter=FieldFilter("owner_id", "==", owner_id))
        request = PageRequest(1, page_size, cursor, query_fingerprint("sub-accounts", customer_id, owner_id))
        return fetch_page(self._customers, query, request, "name_sort", False,
                          lambda s: CustomerListItem(**dict(customer_from_snapshot(s))))
