"""The outbox: webhook events written by the unit of work in the transaction of the change they describe, so a
change commits with its events or not at all. Delivery (crm.store.webhooks.queue) reads them from there."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from google.cloud import firestore

from crm.domain.common import utc_now
from crm.domain.webhooks.events import change_events
from crm.store.audit import RecordChange
from crm.store.collections import CollectionNames
from crm.store.document_ids import new_document_id
from crm.store.webhooks.subjects import public_document, public_forms

KEEP_EVENTS_FOR = timedelta(days=30)
PENDING = "pending"


class WebhookOutbox:
    """Turns a unit of work's record changes into event documents, written with its other writes."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._events = db.collection(names.webhook_events)
        self._forms = public_forms(names)

    def documents(self, changes: list[RecordChange], actor: str) -> list[tuple[firestore.DocumentReference,
                                                                               dict[str, Any]]]:
        """The event documents of ``changes``, each to be created in the transaction; ``occurred_at`` is its commit
        time, and ``seq`` orders the events of one change."""
        written = []
        expires_at = utc_now() + KEEP_EVENTS_FOR
        for change in changes:
            known = self._forms.get(change.ref.parent.id)
            if known is None:
                continue
            entity, form = known
            before = public_document(change.ref, change.before, form, entity)
            after = public_document(change.ref, change.after, form, entity)
            drafts = change_events(entity.value, change.ref.id, before, after, previous_known=change.previous_known)
            for seq, draft in enumerate(drafts):
                written.append((self._events.document(new_document_id()), {
                    "type": draft.type, "subject": draft.subject, "record_id": draft.record_id,
                    "record_key": f"{draft.subject}/{draft.record_id}", "object": draft.object,
                    "previous": draft.previous, "previous_omitted": list(draft.previous_omitted),
                    "by": actor, "occurred_at": firestore.SERVER_TIMESTAMP, "seq": seq, "state": PENDING,
                    "expires_at": expires_at,
                }))
        return written
