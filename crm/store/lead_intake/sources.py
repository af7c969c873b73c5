"""Lead sources in Firestore: written by admins through the unit of work (audited without their secret), read by
the lead hook, which also counts what each source sent."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from crm.domain.lead_intake.intake import LeadOutcome
from crm.domain.lead_intake.sources import StoredLeadSource
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.unit_of_work import UnitOfWork

COUNTERS = {LeadOutcome.CREATED: "leads_received", LeadOutcome.MATCHED: "duplicates_matched",
            LeadOutcome.SPAM: "spam_blocked"}


def source_to_document(source: StoredLeadSource) -> dict[str, Any]:
    return source.model_dump(mode="python", exclude={"id", "version"})


def source_from_snapshot(snapshot: firestore.DocumentSnapshot) -> StoredLeadSource:
    return StoredLeadSource(**(snapshot.to_dict() or {}), id=snapshot.id)


class TxLeadSources:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._sources = uow.collection(uow.names.lead_sources)

    def new_id(self) -> str:
        return self._sources.document().id

    def get(self, source_id: str) -> StoredLeadSource | None:
        snapshot = self._uow.get(self._sources.document(source_id))
        return source_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, source: StoredLeadSource) -> None:
        self._uow.set(self._sources.document(source.id), source_to_document(source))

    def delete(self, source_id: str) -> None:
        self._uow.delete(self._sources.document(source_id))


class FirestoreLeadSources:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._sources = db.collection(names.lead_sources)

    def get(self, source_id: str) -> StoredLeadSource | None:
        snapshot = self._sources.document(source_id).get()
        read_meter.record_lookups(1)
        return source_from_snapshot(snapshot) if snapshot.exists else None

    def all(self) -> list[StoredLeadSource]:
        snapshots = list(self._sources.order_by("created_at").stream())
        read_meter.record_documents(len(snapshots))
        return [source_from_snapshot(s) for s in snapshots]

    def count(self, source_id: str, outcome: LeadOutcome, now: datetime) -> None:
        change: dict[str, Any] = {COUNTERS[outcome]: firestore.Increment(1)}
        if outcome is not LeadOutcome.SPAM:
            change["last_lead_at"] = now
        with contextlib.suppress(google_exceptions.NotFound):  # deleted meanwhile: nothing to count on
            self._sources.document(source_id).update(change)
