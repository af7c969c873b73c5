"""The audit trail in Firestore: the entries a unit of work records in its own transaction, by the actor it was run
for, and a customer's entries read back newest first.

What is recorded: every full write (set, create, delete) to customers, deals, orders, activities, pipelines,
settings and saved views documents made through a unit of work, one entry per document per transaction, diffed
against the state the unit of work read for it, or against nothing for a document whose id it made. A full write to
a document it neither read nor made has no previous state to diff: its entry holds the values written
(``previous_known`` false), and costs no extra read. Partial writes (merge sets and updates: the server-side
increments and array unions of statistics, totals and deal dimensions) are not recorded, nor are claims, API keys
and idempotency records, nor the batch writes of demo data and repairs that bypass units of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.audit import AuditEntity, AuditRecord, audit_record
from crm.domain.paging import Page
from crm.domain.timeline import AuditEntry, TimelineParams
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.document_ids import new_document_id
from crm.store.paging import PageRequest, Queryable, fetch_page


class AuditTrail:
    """What one unit of work read and wrote, turned into audit entries when its writes are applied."""

    def __init__(self, names: CollectionNames):
        self._entities = {
            names.customers: AuditEntity.CUSTOMER,
            names.deals: AuditEntity.DEAL,
            names.orders: AuditEntity.ORDER,
            names.activities: AuditEntity.ACTIVITY,
            names.pipelines: AuditEntity.PIPELINE,
            names.config: AuditEntity.SETTINGS,
            names.webhook_endpoints: AuditEntity.WEBHOOK_ENDPOINT,
            names.lead_sources: AuditEntity.LEAD_SOURCE,
            names.people: AuditEntity.PERSON,
            names.products: AuditEntity.PRODUCT,
            names.tags: AuditEntity.TAG,
            names.lead_pipelines: AuditEntity.LEAD_PIPELINE,
            names.partner_programme.partners: AuditEntity.PARTNER,
            names.partner_programme.links: AuditEntity.PARTNER_LINK,
            names.partner_programme.plans: AuditEntity.COMMISSION_PLAN,
            names.partner_programme.conversions: AuditEntity.CONVERSION,
            names.partner_programme.commissions: AuditEntity.COMMISSION,
            names.partner_programme.payouts: AuditEntity.PAYOUT,
            names.partner_programme.sources: AuditEntity.CONVERSION_SOURCE,
            names.views: AuditEntity.VIEW,
        }
        self._read: dict[str, firestore.DocumentSnapshot] = {}
        self._made: set[str] = set()
        self._written: dict[str, tuple[AuditEntity, firestore.DocumentReference, dict[str, Any] | None]] = {}

    def collection(self, db: firestore.Client, name: str) -> firestore.CollectionReference:
        """The collection ``name``, remembering the documents it makes ids for: their first write is a create."""
        return _IdMakingCollection(name, client=db, made=self._made)

    def read(self, snapshots: list[firestore.DocumentSnapshot], query: firestore.Query | None = None) -> None:
        """Documents read in the transaction: the previous state of any the unit of work then writes."""
        if query is not None and query._projection is not None:
            return  # partial documents are no previous state
        for snapshot in snapshots:
            self._read.setdefault(snapshot.reference.path, snapshot)

    def wrote(self, ref: firestore.DocumentReference, data: dict[str, Any] | None) -> None:
        """A full write of ``data`` to ``ref`` (None: a delete); the last one to a document counts."""
        parent = ref.parent
        entity = self._entities.get(parent.id) if parent.parent is None else None
        if entity is not None:
            self._written[ref.path] = (entity, ref, data)

    def changes(self) -> list[RecordChange]:
        """Each audited document written so far, with its state before (as read) and after."""
        changes = []
        for path, (entity, ref, after) in self._written.items():
            snapshot = self._read.get(path)
            known = snapshot is not None or path in self._made
            before = snapshot.to_dict() if snapshot is not None and snapshot.exists else None
            if known and before is None and after is None:
                continue
            changes.append(RecordChange(entity, ref, before, after, known))
        return changes

    def entries(self, actor: str) -> list[dict[str, Any]]:
        """The audit documents of the writes so far, by ``actor`` (a uid) at the commit time."""
        entries = []
        for change in self.changes():
            record = audit_record(change.entity, change.ref.id, change.before, change.after,
                                  previous_known=change.previous_known)
            if record is not None:
                entries.append(_entry_document(change.entity, change.ref.id, record, actor))
        return entries


@dataclass(frozen=True)
class RecordChange:
    """One audited document's change in a unit of work (None: it does not exist; ``previous_known`` false: the unit
    of work wrote it without reading it)."""

    entity: AuditEntity
    ref: firestore.DocumentReference
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    previous_known: bool


def _entry_document(entity: AuditEntity, entity_id: str, record: AuditRecord, actor: str) -> dict[str, Any]:
    return {
        "entity": entity.value, "entity_id": entity_id, "customer_id": record.customer_id,
        "owner_id": record.owner_id, "action": record.action.value, "by": actor,
        "at": firestore.SERVER_TIMESTAMP, "summary": record.summary, "label": record.label,
        "changes": record.changes, "previous_known": record.previous_known, "omitted": record.omitted,
    }


class _IdMakingCollection(firestore.CollectionReference):
    def __init__(self, *path: str, client: firestore.Client, made: set[str]):
        super().__init__(*path, client=client)
        self._made_ids = made

    def document(self, document_id: str | None = None) -> firestore.DocumentReference:
        ref = super().document(document_id or new_document_id())
        if document_id is None:
            self._made_ids.add(ref.path)
        return ref


class FirestoreAuditReader:
    """Audit entries outside transactions: a customer's, newest first, in pages."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._audit = db.collection(names.audit)

    def customer_history(self, customer_id: str, params: TimelineParams, owner_id: str | None = None
                         ) -> Page[AuditEntry]:
        """One page of the customer's entries, of records owned by ``owner_id`` only if given."""
        query: Queryable = self._audit.where(filter=FieldFilter("customer_id", "==", customer_id))
        if params.entity is not None:
            query = query.where(filter=FieldFilter("entity", "==", params.entity.value))
        if owner_id is not None:
            query = query.where(filter=FieldFilter("owner_id", "==", owner_id))
        fingerprint = query_fingerprint(customer_id, str(params.entity), owner_id)
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._audit, query, request, "at", True, _audit_entry)


def _audit_entry(snapshot: firestore.DocumentSnapshot) -> AuditEntry:
    return AuditEntry(**(snapshot.to_dict() or {}), id=snapshot.id)
