"""Webhook endpoints in Firestore: written by admins through the unit of work (audited, secrets left out of the
audit), read by the deliveries, which also keep each endpoint's record of failures and disable it when it keeps
failing, with a notice to admins."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from crm.domain.webhooks.deliveries import NoticeKind
from crm.domain.webhooks.endpoints import StoredWebhookEndpoint
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.unit_of_work import UnitOfWork

FAILING_TOO_LONG = "failing for too long"


def endpoint_to_document(endpoint: StoredWebhookEndpoint) -> dict[str, Any]:
    return endpoint.model_dump(mode="python", exclude={"id", "version"})


def endpoint_from_snapshot(snapshot: firestore.DocumentSnapshot) -> StoredWebhookEndpoint:
    return StoredWebhookEndpoint(**(snapshot.to_dict() or {}), id=snapshot.id)


class TxWebhookEndpoints:
    """Endpoints inside a unit of work."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._endpoints = uow.collection(uow.names.webhook_endpoints)

    def new_id(self) -> str:
        return self._endpoints.document().id

    def get(self, endpoint_id: str) -> StoredWebhookEndpoint | None:
        snapshot = self._uow.get(self._endpoints.document(endpoint_id))
        return endpoint_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, endpoint: StoredWebhookEndpoint) -> None:
        self._uow.set(self._endpoints.document(endpoint.id), endpoint_to_document(endpoint))

    def delete(self, endpoint_id: str) -> None:
        self._uow.delete(self._endpoints.document(endpoint_id))


class FirestoreWebhookEndpoints:
    """Endpoints outside transactions, and their health as the deliveries see it."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._endpoints = db.collection(names.webhook_endpoints)
        self._notices = db.collection(names.admin_notices)

    def get(self, endpoint_id: str) -> StoredWebhookEndpoint | None:
        snapshot = self._endpoints.document(endpoint_id).get()
        read_meter.record_lookups(1)
        return endpoint_from_snapshot(snapshot) if snapshot.exists else None

    def all(self) -> list[StoredWebhookEndpoint]:
        snapshots = list(self._endpoints.order_by("created_at").stream())
        read_meter.record_documents(len(snapshots))
        return [endpoint_from_snapshot(s) for s in snapshots]

    def note_success(self, endpoint_id: str, now: datetime) -> None:
        self._update(endpoint_id, {"consecutive_failures": 0, "failing_since": None, "last_success_at": now})

    def note_failure(self, endpoint_id: str, now: datetime, *, first: bool) -> None:
        """One more failure, counted by a server-side increment (concurrent failures do not contend); the first
        after a success also marks when the endpoint started failing."""
        change: dict[str, Any] = {"consecutive_failures": firestore.Increment(1), "last_failure_at": now}
        if first:
            change["failing_since"] = now
        self._update(endpoint_id, change)

    def disable_failing(self, endpoint_id: str, now: datetime,
                        should_disable: Callable[[StoredWebhookEndpoint], bool],
                        notice: Callable[[StoredWebhookEndpoint], str]) -> tuple[bool, bool]:
        ref = self._endpoints.document(endpoint_id)
        notice_ref = self._notices.document()

        @firestore.transactional
        def disable(transaction: firestore.Transaction) -> tuple[bool, bool]:
            snapshot = ref.get(transaction=transaction)
            if not snapshot.exists:
                return True, False
            current = endpoint_from_snapshot(snapshot)
            if not current.enabled:
                return True, False
            if not should_disable(current):
                return False, False
            transaction.update(ref, {"enabled": False, "disabled_at": now, "disabled_reason": FAILING_TOO_LONG})
            transaction.create(notice_ref, {"kind": NoticeKind.WEBHOOK_ENDPOINT_DISABLED.value,
                                            "message": notice(current), "endpoint_id": endpoint_id,
                                            "created_at": now, "dismissed_at": None})
            return True, True

        return disable(self._db.transaction())

    def _update(self, endpoint_id: str, data: dict[str, Any]) -> None:
        with contextlib.suppress(google_exceptions.NotFound):  # a deleted endpoint has no health to keep
            self._endpoints.document(endpoint_id).update(data)
