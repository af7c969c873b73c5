"""Duplicate keys in Firestore. Each customer document lists the ids of the keys it holds (``duplicate_keys``, written
with it), and ``customer_duplicate_keys/{key id}`` = {reason, label, n} counts their holders, kept in the
transaction of every customer write by a blind merge write (``n`` incremented or decremented). So a key document
keeps the same few bytes however many customers share the key (a switchboard number, a common name), and finding
likely duplicates reads the keys held twice or more (``n >= 2``) and, for each, the names of its first holders (a
query on the customers' ``duplicate_keys``, projected to the name)."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.accounts.duplicates import (
    HOLDERS_SHOWN,
    DuplicateKey,
    DuplicateReason,
    SharedKey,
    duplicate_keys,
    key_changes,
)
from crm.domain.customers import Customer
from crm.errors import InvalidArgumentError
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.unit_of_work import UnitOfWork

BATCH_WRITES = 400
HELD_FIELD = "duplicate_keys"  # on a customer document: the ids of the keys it holds
HOLDER_QUERIES_AT_ONCE = 8


def held_key_ids(customer: Customer) -> list[str]:
    """The ids of the keys ``customer`` holds, as its document stores them (none once deleted)."""
    return sorted(key.id for key in duplicate_keys(customer))


class TxDuplicateKeys:
    """A unit of work's changes to the keys' counts: one merge write per key document, however many customers
    change it (a merge drops an absorbed customer's key and adds the survivor's in one transaction)."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._keys = uow.collection(uow.names.duplicate_keys)
        self._staged: dict[str, dict[str, Any]] = {}

    def change(self, before: Customer | None, after: Customer | None) -> None:
        added, dropped = key_changes(before, after)
        for key in added:
            self._stage(key, {"reason": key.reason.value, "label": key.label}, +1)
        for key in dropped:
            self._stage(key, {}, -1)

    def _stage(self, key: DuplicateKey, fields: dict[str, Any], step: int) -> None:
        ref = self._keys.document(key.id)
        if ref.path not in self._staged:
            self._staged[ref.path] = {"n": firestore.Increment(0)}
            self._uow.set(ref, self._staged[ref.path], merge=True)
        data = self._staged[ref.path]
        data.update(fields)
        data["n"] = firestore.Increment(data["n"].value + step)


class FirestoreDuplicateKeys:
    """The keys held by two customers or more, most shared first, a page at a time, with their first holders; and
    their rebuild."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._keys = db.collection(names.duplicate_keys)
        self._customers = db.collection(names.customers)

    def shared(self, limit: int, after: str | None) -> tuple[list[SharedKey], str | None]:
        """Up to ``limit`` keys held twice or more, the most shared first (then by id), after the cursor ``after``
        ("<holders>.<key id>", as the previous page gave it), each with its first ``HOLDERS_SHOWN`` holders by id;
        and the next cursor."""
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
        contexts = [contextvars.copy_context() for _ in kept]  # the caller's read meter counts these reads too
        with ThreadPoolExecutor(HOLDER_QUERIES_AT_ONCE, thread_name_prefix="duplicate-holders") as pool:
            holders = list(pool.map(lambda c, s: c.run(self._first_holders, s.id), contexts, kept))
        return [_shared(s, h) for s, h in zip(kept, holders, strict=True)], cursor

    def _first_holders(self, key_id: str) -> dict[str, str]:
        query = self._customers.where(filter=FieldFilter(HELD_FIELD, "array_contains", key_id))
        query = query.order_by(FieldPath.document_id()).limit(HOLDERS_SHOWN).select(["name"])
        snapshots = list(query.stream())
        read_meter.record_documents(len(snapshots))
        return {s.id: str((s.to_dict() or {}).get("name", "")) for s in snapshots}

    def replace(self, customers: Iterable[Customer]) -> int:
        """Make the stored keys exactly those of ``customers`` (every customer, deleted ones included): the key
        documents written whole, others deleted, and each customer's list of keys rewritten where it differs. Not
        atomic: run it while customers are not being written. Returns keys written."""
        counts: dict[str, dict[str, Any]] = {}
        held: dict[str, list[str]] = {}
        for customer in customers:
            keys = duplicate_keys(customer)
            held[customer.id] = sorted(key.id for key in keys)
            for key in keys:
                counts.setdefault(key.id, {"reason": key.reason.value, "label": key.label, "n": 0})["n"] += 1
        stored = {s.id: (s.to_dict() or {}).get(HELD_FIELD) for s in self._customers.select([HELD_FIELD]).stream()}
        stale = [ref for ref in self._keys.list_documents() if ref.id not in counts]
        writes: list[tuple[firestore.DocumentReference, dict[str, Any] | None, bool]] = [
            (self._keys.document(key_id), data, False) for key_id, data in counts.items()]
        writes += [(ref, None, False) for ref in stale]
        writes += [(self._customers.document(customer_id), {HELD_FIELD: ids}, True)
                   for customer_id, ids in held.items() if customer_id in stored and stored[customer_id] != ids]
        for start in range(0, len(writes), BATCH_WRITES):
            batch = self._db.batch()
            for ref, data, partial in writes[start : start + BATCH_WRITES]:
                if data is None:
                    batch.delete(ref)
                elif partial:
                    batch.update(ref, data)
                else:
                    batch.set(ref, data)
            batch.commit()
        return len(counts)


def _shared(snapshot: firestore.DocumentSnapshot, holders: dict[str, str]) -> SharedKey:
    data = snapshot.to_dict() or {}
    return SharedKey(snapshot.id, DuplicateReason(data.get("reason", "email")), str(data.get("label", "")), holders)


def import_duplicate_keys(db: firestore.Client, names: CollectionNames, customers: list[Customer]) -> None:
    """Count new customers' keys (demo data and benchmarks; their documents list them): one merge write per key,
    in batches of their own."""
    keys: dict[str, dict[str, Any]] = {}
    for customer in customers:
        for key in duplicate_keys(customer):
            keys.setdefault(key.id, {"reason": key.reason.value, "label": key.label, "n": 0})["n"] += 1
    collection = db.collection(names.duplicate_keys)
    items = list(keys.items())
    for start in range(0, len(items), BATCH_WRITES):
        batch = db.batch()
        for key_id, entry in items[start : start + BATCH_WRITES]:
            batch.set(collection.document(key_id), {**entry, "n": firestore.Increment(entry["n"])}, merge=True)
        batch.commit()
