"""What admins read about webhooks: an endpoint's deliveries (newest first, in pages) with each attempt, one
delivery with the body it sends, and the notices of endpoints that were disabled."""

from __future__ import annotations

from datetime import datetime

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.paging import Page
from crm.domain.webhooks.deliveries import DeliveryListParams, Notice, WebhookDelivery, WebhookDeliveryDetail
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.webhooks.queue import delivery_from_document, payload_of

MAX_NOTICES = 50


def _delivery(snapshot: firestore.DocumentSnapshot) -> WebhookDelivery:
    return delivery_from_document(snapshot.id, snapshot.to_dict() or {})


class FirestoreDeliveryLog:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._deliveries = db.collection(names.webhook_deliveries)
        self._events = db.collection(names.webhook_events)

    def list(self, endpoint_id: str, params: DeliveryListParams) -> Page[WebhookDelivery]:
        query: Queryable = self._deliveries.where(filter=FieldFilter("endpoint_id", "==", endpoint_id))
        if params.state is not None:
            query = query.where(filter=FieldFilter("state", "==", params.state.value))
        fingerprint = query_fingerprint(endpoint_id, str(params.state))
        request = PageRequest(1, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._deliveries, query, request, "created_at", True, _delivery)

    def get(self, delivery_id: str) -> WebhookDeliveryDetail | None:
        snapshot = self._deliveries.document(delivery_id).get()
        read_meter.record_lookups(1)
        if not snapshot.exists:
            return None
        data = snapshot.to_dict() or {}
        payload = data.get("payload")
        if payload is None:
            event = self._events.document(data["event_id"]).get()
            read_meter.record_lookups(1)
            payload = payload_of(event) if event.exists else None
        return WebhookDeliveryDetail(**_delivery(snapshot).model_dump(), payload=payload)


class FirestoreNoticeBoard:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._notices = db.collection(names.admin_notices)

    def active(self) -> list[Notice]:
        query = (self._notices.where(filter=FieldFilter("dismissed_at", "==", None))
                 .order_by("created_at", direction=firestore.Query.DESCENDING).limit(MAX_NOTICES))
        snapshots = list(query.stream())
        read_meter.record_documents(len(snapshots))
        return [Notice(**(s.to_dict() or {}), id=s.id) for s in snapshots]

    def dismiss(self, notice_id: str, now: datetime) -> Notice | None:
        ref = self._notices.document(notice_id)
        snapshot = ref.get()
        read_meter.record_lookups(1)
        if not snapshot.exists:
            return None
        notice = Notice(**(snapshot.to_dict() or {}), id=notice_id)
        if notice.dismissed_at is None:
            ref.update({"dismissed_at": now})
            notice = notice.model_copy(update={"dismissed_at": now})
        return notice

    def dismiss_for_endpoint(self, endpoint_id: str, now: datetime) -> int:
        query = (self._notices.where(filter=FieldFilter("endpoint_id", "==", endpoint_id))
                 .where(filter=FieldFilter("dismissed_at", "==", None)))
        snapshots = list(query.select([]).stream())
        read_meter.record_documents(len(snapshots))
        if snapshots:
            batch = self._db.batch()
            for snapshot in snapshots:
                batch.update(snapshot.reference, {"dismissed_at": now})
            batch.commit()
        return len(snapshots)
