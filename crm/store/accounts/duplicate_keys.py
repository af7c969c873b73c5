"""Duplicate keys in Firestore: ``customer_duplicate_keys/{key id}`` = {reason, label, holders: {customer id:
name}, n}, kept in the transaction of every customer write by blind merge writes (a holder added or removed, ``n``
incremented), so that finding likely duplicates reads the keys held twice or more (``n >= 2``) and never the
customers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.accounts.duplicates import DuplicateKey, DuplicateReason, SharedKey, duplicate_keys, key_changes
from crm.domain.customers import Customer
from crm.errors import InvalidArgumentError
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.unit_of_work import UnitOfWork

BATCH_WRITES = 400


class TxDuplicateKeys:
    """A unit of work's changes to the keys: one merge write per key document, however many customers change it
    (a merge drops an absorbed customer's key and adds the survivor's in one transaction)."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._keys = uow.collection(uow.names.duplicate_keys)
        self._staged: dict[str, dict[str, Any]] = {}

    def change(self, before: Customer | None, after: Customer | None) -> None:
        added, dropped = key_changes(before, after)
        holder = (after or before)
        if holder is None:
            return
        for key in added:
            self._stage(key, {"reason": key.reason.value, "label": key.label}, holder.id, holder.name, +1)
        for key in dropped:
            self._stage(key, {}, holder.id, firestore.DELETE_FIELD, -1)
        if after is not None and before is not None and after.name != before.name:
            for key in duplicate_keys(after) - added:
                self._stage(key, {}, after.id, after.name, 0)

    def _stage(self, key: DuplicateKey, fields: dict[str, Any], holder_id: str, holder: Any, step: int) -> None:
        ref = self._keys.document(key.id)
        if ref.path not in self._staged:
            self._staged[ref.path] = {"holders": {}, "n": 0}
            self._uow.set(ref, self._staged[ref.path], merge=True)
        data = self._staged[ref.path]
        data.update(fields)
        data["holders"][holder_id] = holder
        held = data["n"].value if isinstance(data["n"], firestore.Increment) else data["n"]
        data["n"] = firestore.Increment(held + step)


class FirestoreDuplicateKeys:
    """The keys held by two customers or more, most shared first, a page at a time; and their rebuild."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._keys = db.collection(names.duplicate_keys)
        self._customers = db.collection(names.customers)

    def shared(self, limit: int, after: str | None) -> tuple[list[SharedKey], str | None]:
        """Up to ``limit`` keys held twice or more, the most shared first (then by id), after the cursor ``after``
        ("<holders>.<key id>", as the previous page gave it); and the next cursor."""
        query = self._keys.where(filter=FieldFilter("n", ">=", 2)).order_by("n", direction=firestore.Query.DESCENDING)
        query = query.order_by(FieldPath.document_id(), direction=firestore.Query.DESCENDING)
        if after is not None:
            held, _, key_id = after.partition(".")
            if not held.isdigit() or len(held) > 9 or not key_id.isalnum() or len(after) > 64:
                raise InvalidArgumentError("cursor is not valid", [{"field": "cursor", "message": "not valid"}])
            query = query.start_after([int(held), self._keys.document(key_id)])
        snapshots = list(query.limit(limit + 1).stream())
        read_meter.record_documents(len(snapshots))
        more = len(snapshots) > limit
        kept = snapshots[:limit]
        cursor = f"{kept[-1].get('n')}.{kept[-1].id}" if more and kept else None
        return [_shared(s) for s in kept], cursor

    def replace(self, customers: Iterable[Customer]) -> int:
        """Make the stored keys exactly those of ``customers`` (every customer, deleted ones included): written
        whole, others deleted. Not atomic: run it while customers are not being written. Returns keys written."""
        held: dict[str, dict[str, Any]] = {}
        for customer in customers:
            for key in duplicate_keys(customer):
                entry = held.setdefault(key.id, {"reason": key.reason.value, "label": key.label, "holders": {},
                                                 "n": 0})
                entry["holders"][customer.id] = customer.name
                entry["n"] += 1
        stale = [ref for ref in self._keys.list_documents() if ref.id not in held]
        writes: list[tuple[firestore.DocumentReference, dict[str, Any] | None]] = [
            (self._keys.document(key_id), data) for key_id, data in held.items()]
        writes += [(ref, None) for ref in stale]
        for start in range(0, len(writes), BATCH_WRITES):
            batch = self._db.batch()
            for ref, data in writes[start : start + BATCH_WRITES]:
                if data is None:
                    batch.delete(ref)
                else:
                    batch.set(ref, data)
            batch.commit()
        return len(held)


def _shared(snapshot: firestore.DocumentSnapshot) -> SharedKey:
    data = snapshot.to_dict() or {}
    return SharedKey(snapshot.id, DuplicateReason(data.get("reason", "email")), str(data.get("label", "")),
                     {k: str(v) for k, v in (data.get("holders") or {}).items()})


def import_duplicate_keys(db: firestore.Client, names: CollectionNames, customers: list[Customer]) -> None:
    """Add new customers' keys (demo data and benchmarks): one merge write per key, in batches of their own."""
    keys: dict[str, dict[str, Any]] = {}
    for customer in customers:
        for key in duplicate_keys(customer):
            entry = keys.setdefault(key.id, {"reason": key.reason.value, "label": key.label, "holders": {}, "n": 0})
            entry["holders"][customer.id] = customer.name
            entry["n"] += 1
    collection = db.collection(names.duplicate_keys)
    items = list(keys.items())
    for start in range(0, len(items), BATCH_WRITES):
        batch = db.batch()
        for key_id, entry in items[start : start + BATCH_WRITES]:
            batch.set(collection.document(key_id), {**entry, "n": firestore.Increment(entry["n"])}, merge=True)
        batch.commit()
