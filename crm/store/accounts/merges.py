"""Merges in Firestore: the merge records (``customer_merges/{merge id}``), the locks that keep a customer in one
merge at a time (``customer_merge_locks/{customer id}``), and the absorbed customer's records a merge moves, read a
batch at a time inside the merge's transactions."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.accounts.merge import Merge, RecordKind
from crm.domain.activities import Activity
from crm.domain.customers import Customer
from crm.domain.deals import Deal
from crm.domain.orders import Order
from crm.domain.people.persons import Person
from crm.store import read_meter
from crm.store.activities import activity_from_snapshot
from crm.store.collections import CollectionNames
from crm.store.customers import customer_from_snapshot
from crm.store.deals import deal_from_snapshot
from crm.store.orders import order_from_snapshot
from crm.store.paging import count_matches
from crm.store.people.documents import person_from_snapshot
from crm.store.unit_of_work import UnitOfWork

Record = Person | Deal | Order | Activity | Customer
_LOADERS: dict[RecordKind, Any] = {
    RecordKind.PEOPLE: person_from_snapshot,
    RecordKind.DEALS: deal_from_snapshot,
    RecordKind.ORDERS: order_from_snapshot,
    RecordKind.ACTIVITIES: activity_from_snapshot,
    RecordKind.SUB_ACCOUNTS: customer_from_snapshot,
}


def _collection(names: CollectionNames, kind: RecordKind) -> str:
    return {RecordKind.PEOPLE: names.people, RecordKind.DEALS: names.deals, RecordKind.ORDERS: names.orders,
            RecordKind.ACTIVITIES: names.activities, RecordKind.SUB_ACCOUNTS: names.customers}[kind]


def _link(kind: RecordKind) -> str:
    """The field that ties a record of ``kind`` to the absorbed customer."""
    return "parent_id" if kind is RecordKind.SUB_ACCOUNTS else "customer_id"


class TxMerges:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._merges = uow.db.collection(uow.names.merges)
        self._locks = uow.db.collection(uow.names.merge_locks)

    def get(self, merge_id: str) -> Merge | None:
        snapshot = self._uow.get(self._merges.document(merge_id))
        return Merge(**(snapshot.to_dict() or {})) if snapshot.exists else None

    def put(self, merge: Merge) -> None:
        self._uow.set(self._merges.document(merge.id), merge.model_dump(mode="python"))

    def locks(self, customer_ids: list[str]) -> dict[str, str]:
        """The merge each customer is locked by, if any."""
        snapshots = self._uow.get_all([self._locks.document(i) for i in customer_ids])
        return {s.id: str((s.to_dict() or {}).get("merge_id")) for s in snapshots if s.exists}

    def lock(self, customer_ids: list[str], merge_id: str) -> None:
        for customer_id in customer_ids:
            self._uow.set(self._locks.document(customer_id), {"merge_id": merge_id})

    def unlock(self, customer_ids: list[str]) -> None:
        for customer_id in customer_ids:
            self._uow.delete(self._locks.document(customer_id))

    def records_of(self, kind: RecordKind, customer_id: str, limit: int) -> list[Any]:
        """Up to ``limit`` records of ``kind`` still tied to ``customer_id`` (deleted people and customers too)."""
        collection = self._uow.collection(_collection(self._uow.names, kind))
        query = collection.where(filter=FieldFilter(_link(kind), "==", customer_id))
        snapshots = self._uow.query(query.order_by(FieldPath.document_id()).limit(limit))
        return [_LOADERS[kind](s) for s in snapshots]


class FirestoreMergeCounts:
    """How many records of each kind a customer has (count aggregations: one read each up to 1,000)."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._names = names

    def count(self, kind: RecordKind, customer_id: str) -> int:
        query = self._db.collection(_collection(self._names, kind)).where(
            filter=FieldFilter(_link(kind), "==", customer_id))
        if kind is RecordKind.SUB_ACCOUNTS:
            query = query.where(filter=FieldFilter("deleted_at", "==", None))
        n = count_matches(query.limit(4000))
        read_meter.record_aggregation(n)
        return n
