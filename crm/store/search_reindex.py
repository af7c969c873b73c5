"""Rewriting every customer's search fields after their format changes, in batches, safely beside live writes.

Each batch reads customers in id order, derives their search fields again and writes only those that differ, each
write conditional on the document's update time: a customer changed meanwhile (by the API, which derives the
fields itself) is read again and derived from its new state, never overwritten with what was read before. Where
the run stands is kept in ``crm_config/search_reindex``, so an interrupted run goes on from its last batch.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.search.reindex import BatchOutcome, ReindexCheckpoint
from crm.store.collections import CollectionNames
from crm.store.customer_search import customer_search_fields
from crm.store.customers import customer_from_snapshot
from crm.store.search.documents import SEARCH_FIELDS, SEARCH_FORMAT

CHECKPOINT_DOCUMENT = "search_reindex"
RETRIES = 5


class FirestoreSearchReindex:
    """The customers' search fields, rewritten batch by batch."""

    format = SEARCH_FORMAT

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._customers = db.collection(names.customers)
        self._checkpoint = db.collection(names.config).document(CHECKPOINT_DOCUMENT)

    def count(self) -> int:
        return int(self._customers.count().get()[0][0].value)

    def checkpoint(self) -> ReindexCheckpoint | None:
        snapshot = self._checkpoint.get()
        return ReindexCheckpoint(**(snapshot.to_dict() or {})) if snapshot.exists else None

    def save(self, checkpoint: ReindexCheckpoint) -> None:
        self._checkpoint.set(asdict(checkpoint))

    def reindex_batch(self, after: str | None, size: int) -> BatchOutcome:
        """Derive the search fields of the next ``size`` customers after ``after`` (by id) and write those that
        changed, in one batch; if a customer changed since it was read, each is done again on its own."""
        query = self._customers.order_by(FieldPath.document_id()).limit(size)
        if after is not None:
            query = query.start_after([self._customers.document(after)])
        snapshots = list(query.stream())
        batch = self._db.batch()
        pending = []
        for snapshot in snapshots:
            changes = _changes(snapshot)
            if changes:
                batch.update(snapshot.reference, changes,
                             option=self._db.write_option(last_update_time=snapshot.update_time))
                pending.append(snapshot.reference)
        conflicts = 0
        if pending:
            try:
                batch.commit()
            except (google_exceptions.FailedPrecondition, google_exceptions.NotFound):
                conflicts = len(pending)
                for ref in pending:
                    self._reindex_one(ref)
        last = snapshots[-1].id if snapshots else after
        return BatchOutcome(last, len(snapshots), len(pending), conflicts)

    def _reindex_one(self, ref: firestore.DocumentReference) -> None:
        for _ in range(RETRIES):
            snapshot = ref.get()
            changes = _changes(snapshot) if snapshot.exists else {}
            if not changes:
                return
            try:
                ref.update(changes, option=self._db.write_option(last_update_time=snapshot.update_time))
                return
            except (google_exceptions.FailedPrecondition, google_exceptions.NotFound):
                continue
        raise google_exceptions.Aborted(f"customer {ref.id} kept changing; run the command again")


def _changes(snapshot: firestore.DocumentSnapshot) -> dict[str, Any]:
    data = snapshot.to_dict() or {}
    wanted = customer_search_fields(customer_from_snapshot(snapshot))
    changes: dict[str, Any] = {field: value for field, value in wanted.items() if data.get(field) != value}
    changes |= {field: firestore.DELETE_FIELD for field in SEARCH_FIELDS if field in data and field not in wanted}
    return changes
