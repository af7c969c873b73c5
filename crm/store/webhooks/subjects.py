"""The records whose changes raise webhook events, by collection: the subject's name (crm.domain.webhooks.events) and
the record's public form, the same JSON the API serves for it. A new kind of record raises events once its collection
is listed here (and its subject declared in crm.domain.webhooks.events)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from google.cloud import firestore
from pydantic import BaseModel, ValidationError

from crm.domain.audit import AuditEntity, audited_fields
from crm.store.activities import activity_from_snapshot
from crm.store.collections import CollectionNames
from crm.store.customers import customer_from_snapshot
from crm.store.deals import deal_from_snapshot
from crm.store.orders import order_from_snapshot
from crm.store.people.documents import person_from_snapshot

logger = logging.getLogger("crm.webhooks")
Document = dict[str, Any]
PublicForm = Callable[[firestore.DocumentSnapshot], BaseModel]


def public_forms(names: CollectionNames) -> dict[str, tuple[AuditEntity, PublicForm]]:
    """Collection name -> (subject, the function that reads a stored document as the API serves it)."""
    return {
        names.customers: (AuditEntity.CUSTOMER, customer_from_snapshot),
        names.deals: (AuditEntity.DEAL, deal_from_snapshot),
        names.orders: (AuditEntity.ORDER, order_from_snapshot),
        names.activities: (AuditEntity.ACTIVITY, activity_from_snapshot),
        names.people: (AuditEntity.PERSON, person_from_snapshot),
    }


def public_document(ref: firestore.DocumentReference, data: Document | None, form: PublicForm,
                    entity: AuditEntity) -> Document | None:
    """The stored ``data`` of ``ref`` as the API serves it (JSON values); a document the model refuses falls back
    to its audited fields, so that an event is never lost to a model change."""
    if data is None:
        return None
    snapshot = firestore.DocumentSnapshot(ref, None, True, None, None, None)
    snapshot._data = data  # not the constructor's deep copy of it: every form copies what it reads
    try:
        public = form(snapshot).model_dump(mode="json")
    except (ValidationError, TypeError, ValueError):
        logger.warning("%s %s: stored document does not read as its model; sending its audited fields", entity,
                       ref.id, exc_info=True)
        public = {"id": ref.id, **_json(audited_fields(entity, data))}
    return public


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
