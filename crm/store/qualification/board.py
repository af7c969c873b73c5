"""A lead board's columns in Firestore: the active customers in one stage of a lead pipeline (of one owner, for an
owner's board), best score first, one page per column. Counts come from the running totals, never from here."""

from __future__ import annotations

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.paging import Page
from crm.domain.qualification.board import LeadCard
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import Cursor, decode_cursor, encode_cursor, query_fingerprint
from crm.store.qualification.totals import FirestoreLeadTotals, LeadCounts

CARD_FIELDS = [name for name in LeadCard.model_fields if name != "id"]


def card_from_snapshot(snapshot: firestore.DocumentSnapshot) -> LeadCard:
    return LeadCard(**(snapshot.to_dict() or {}), id=snapshot.id)


class FirestoreLeadBoard:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._customers = db.collection(names.customers)
        self._totals = FirestoreLeadTotals(db, names)

    def counts(self, pipeline_id: str) -> LeadCounts:
        return self._totals.counts(pipeline_id)

    def column(self, pipeline_id: str, stage_id: str, owner_id: str | None, size: int,
               cursor: str | None) -> Page[LeadCard]:
        """One page of a column: its size, one more read when a next page exists, and no count.

        Raises:
            InvalidArgumentError: the cursor is malformed or belongs to another column.
        """
        query = self._customers.where(filter=FieldFilter("lead_pipeline_id", "==", pipeline_id))
        query = query.where(filter=FieldFilter("lead_stage", "==", stage_id))
        query = query.where(filter=FieldFilter("deleted_at", "==", None))
        if owner_id is not None:
            query = query.where(filter=FieldFilter("owner_id", "==", owner_id))
        query = query.order_by("score", direction=firestore.Query.DESCENDING)
        query = query.order_by(FieldPath.document_id(), direction=firestore.Query.DESCENDING)
        fingerprint = query_fingerprint("lead-board", pipeline_id, stage_id, owner_id)
        page = 1
        if cursor:
            after = decode_cursor(cursor, fingerprint)
            page = after.page + 1
            query = query.start_after([after.sort_value, self._customers.document(after.document_id)])
        snapshots = list(query.select(CARD_FIELDS).limit(size + 1).stream())
        read_meter.record_documents(len(snapshots))
        more, snapshots = len(snapshots) > size, snapshots[:size]
        next_cursor = None
        if more:
            last = snapshots[-1]
            next_cursor = encode_cursor(Cursor(page, last.get("score"), last.id), fingerprint)
        return Page([card_from_snapshot(s) for s in snapshots], len(snapshots), True, page, next_cursor)
