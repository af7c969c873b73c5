"""The delivery queue in Firestore: events dispatched from the outbox into deliveries, one per subscribed endpoint,
grouped in streams (one per endpoint and record) that are sent in order by whoever holds a stream's lease.

- ``webhook_events``: the outbox (crm.store.webhooks.outbox); ``pending`` until dispatched.
- ``webhook_deliveries/{event}-{endpoint}``: a delivery with its attempts; ``position`` orders a stream.
- ``webhook_streams/{endpoint}-{hash of the record}``: when the stream is next due, its lease, and a counter of the
  deliveries added to it (a lease is given back only if none were added meanwhile).

A record's events are dispatched oldest first, each batch in one transaction that also marks them dispatched: an
event is dispatched only with (or after) every earlier one of its record, so a stream holds its deliveries in order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.webhooks.deliveries import (
    MAX_ATTEMPTS_KEPT,
    DeliveryAttempt,
    DeliveryState,
    Outcome,
    WebhookDelivery,
    event_payload,
    stream_id,
)
from crm.domain.webhooks.events import PING
from crm.domain.webhooks.queue import Dispatched, QueuedDelivery, StreamClaim
from crm.store import read_meter
from crm.store.collections import CollectionNames

KEEP_FOR = timedelta(days=30)
DISPATCH_BATCH = 50
PENDING, DISPATCHED = "pending", "dispatched"
STATE_AFTER = {Outcome.DELIVERED: DeliveryState.DELIVERED, Outcome.RETRY: DeliveryState.PENDING,
               Outcome.GIVEN_UP: DeliveryState.FAILED}


def position_of(moment: datetime, seq: int) -> str:
    """A delivery's place in its stream: its event's commit time, then its place among the change's events."""
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%S.%f}-{seq:04d}"


class FirestoreDeliveryQueue:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._events = db.collection(names.webhook_events)
        self._deliveries = db.collection(names.webhook_deliveries)
        self._streams = db.collection(names.webhook_streams)

    # ------------------------------------------------------------------ dispatch

    def undispatched(self, before: datetime | None, limit: int) -> list[str]:
        query = self._events.where(filter=FieldFilter("state", "==", PENDING))
        if before is not None:
            query = query.where(filter=FieldFilter("occurred_at", "<", before))
        query = query.order_by("occurred_at").limit(limit)
        snapshots = list(query.select([]).stream())
        read_meter.record_documents(len(snapshots))
        return [s.id for s in snapshots]

    def dispatch(self, event_id: str, targets: Callable[[str, datetime], list[str]], now: datetime) -> Dispatched:
        ref = self._events.document(event_id)

        @firestore.transactional
        def work(transaction: firestore.Transaction) -> Dispatched:
            event = ref.get(transaction=transaction)
            if not event.exists or event.get("state") != PENDING:
                return Dispatched([], 0, True)
            key = event.get("record_key")
            query = (self._events.where(filter=FieldFilter("record_key", "==", key))
                     .where(filter=FieldFilter("state", "==", PENDING))
                     .order_by("occurred_at").order_by("seq").limit(DISPATCH_BATCH))
            batch = list(transaction.get(query))
            plan = [(snapshot, targets(snapshot.get("type"), snapshot.get("occurred_at"))) for snapshot in batch]
            added: dict[str, int] = {}
            for _, endpoint_ids in plan:
                for endpoint_id in endpoint_ids:
                    added[stream_id(endpoint_id, key)] = added.get(stream_id(endpoint_id, key), 0) + 1
            refs = [self._streams.document(i) for i in added]
            streams = {s.id: s for s in transaction.get_all(refs)} if refs else {}
            read_meter.record_lookups(2 + len(batch) + len(added))
            for snapshot, endpoint_ids in plan:
                for endpoint_id in endpoint_ids:
                    transaction.set(self._deliveries.document(f"{snapshot.id}-{endpoint_id}"),
                                    self._delivery_document(snapshot, endpoint_id, key, now))
                transaction.update(snapshot.reference, {"state": DISPATCHED, "dispatched_at": now})
            for stream, count in added.items():
                transaction.set(self._streams.document(stream),
                                self._stream_change(streams.get(stream), stream, key, count, now), merge=True)
            return Dispatched(sorted(added), len(batch), any(s.id == event_id for s in batch))

        return work(self._db.transaction())

    def _delivery_document(self, event: firestore.DocumentSnapshot, endpoint_id: str, key: str,
                           now: datetime) -> dict[str, Any]:
        occurred = event.get("occurred_at")
        return {
            "endpoint_id": endpoint_id, "event_id": event.id, "event_type": event.get("type"),
            "subject": event.get("subject"), "record_id": event.get("record_id"),
            "stream_id": stream_id(endpoint_id, key), "position": position_of(occurred, event.get("seq")),
            "state": DeliveryState.PENDING.value, "created_at": now, "window_start": occurred,
            "next_attempt_at": None, "delivered_at": None, "attempt_count": 0, "attempts": [],
            "redelivery_of": None, "expires_at": now + KEEP_FOR,
        }

    def _stream_change(self, current: firestore.DocumentSnapshot | None, stream: str, key: str, added: int,
                       now: datetime) -> dict[str, Any]:
        """A stream's document after ``added`` deliveries: due now unless it already waits for a retry."""
        change: dict[str, Any] = {"endpoint_id": stream.rsplit("-", 1)[0], "record_key": key,
                                  "enqueued": firestore.Increment(added), "expires_at": now + KEEP_FOR}
        if current is None or not current.exists or current.get("next_attempt_at") is None:
            change |= {"next_attempt_at": now, "paused": False}
        return change

    # ------------------------------------------------------------------ streams

    def due_streams(self, now: datetime, limit: int) -> list[str]:
        query = self._streams.where(filter=FieldFilter("next_attempt_at", "<=", now)).order_by("next_attempt_at")
        snapshots = list(query.limit(limit).select([]).stream())
        read_meter.record_documents(len(snapshots))
        return [s.id for s in snapshots]

    def claim(self, stream: str, now: datetime, lease: timedelta) -> StreamClaim | None:
        ref = self._streams.document(stream)

        @firestore.transactional
        def work(transaction: firestore.Transaction) -> StreamClaim | None:
            snapshot = ref.get(transaction=transaction)
            read_meter.record_lookups(1)
            if not snapshot.exists:
                return None
            data = snapshot.to_dict() or {}
            if data.get("lease_until") is not None and data["lease_until"] > now:
                return None
            token = uuid.uuid4().hex
            transaction.update(ref, {"lease_until": now + lease, "lease_token": token})
            return StreamClaim(stream, data["endpoint_id"], token, int(data.get("enqueued") or 0))

        return work(self._db.transaction())

    def pending(self, stream: str, limit: int) -> list[QueuedDelivery]:
        query = (self._deliveries.where(filter=FieldFilter("stream_id", "==", stream))
                 .where(filter=FieldFilter("state", "==", DeliveryState.PENDING.value))
                 .order_by("position").limit(limit))
        snapshots = list(query.stream())
        event_ids = sorted({s.get("event_id") for s in snapshots if not (s.to_dict() or {}).get("payload")})
        events = {e.id: e for e in self._db.get_all([self._events.document(i) for i in event_ids]) if e.exists}
        read_meter.record_documents(len(snapshots))
        read_meter.record_lookups(len(event_ids))
        return [self._queued(s, events.get(s.get("event_id"))) for s in snapshots]

    def _queued(self, snapshot: firestore.DocumentSnapshot, event: firestore.DocumentSnapshot | None) -> QueuedDelivery:
        data = snapshot.to_dict() or {}
        payload = data.get("payload") or (payload_of(event) if event is not None else None)
        return QueuedDelivery(
            id=snapshot.id, stream_id=data["stream_id"], endpoint_id=data["endpoint_id"], event_id=data["event_id"],
            event_type=data["event_type"], window_start=data["window_start"], next_attempt_at=data["next_attempt_at"],
            attempt_count=data["attempt_count"], attempts=[DeliveryAttempt(**a) for a in data.get("attempts", [])],
            payload=payload,
        )

    def record(self, delivery: QueuedDelivery, attempt: DeliveryAttempt, outcome: Outcome,
               next_attempt_at: datetime | None) -> None:
        attempts = [a.model_dump() for a in [*delivery.attempts, attempt][-MAX_ATTEMPTS_KEPT:]]
        self._deliveries.document(delivery.id).update({
            "state": STATE_AFTER[outcome].value, "attempts": attempts, "attempt_count": delivery.attempt_count + 1,
            "next_attempt_at": next_attempt_at,
            "delivered_at": attempt.at if outcome is Outcome.DELIVERED else None,
        })

    def cancel_pending(self, stream: str, now: datetime) -> int:
        query = (self._deliveries.where(filter=FieldFilter("stream_id", "==", stream))
                 .where(filter=FieldFilter("state", "==", DeliveryState.PENDING.value)))
        cancelled = 0
        for snapshots in _chunks(list(query.select([]).stream()), 400):
            batch = self._db.batch()
            for snapshot in snapshots:
                batch.update(snapshot.reference, {"state": DeliveryState.CANCELLED.value, "next_attempt_at": None})
            batch.commit()
            cancelled += len(snapshots)
        return cancelled

    def release(self, claim: StreamClaim, next_attempt_at: datetime | None, *, paused: bool, now: datetime,
                lease: timedelta) -> StreamClaim | None:
        ref = self._streams.document(claim.stream_id)

        @firestore.transactional
        def work(transaction: firestore.Transaction) -> StreamClaim | None:
            snapshot = ref.get(transaction=transaction)
            data = snapshot.to_dict() or {} if snapshot.exists else {}
            if data.get("lease_token") != claim.token:
                return None  # the lease ran out and another took it: theirs to release
            enqueued = int(data.get("enqueued") or 0)
            if enqueued != claim.enqueued and not paused:
                transaction.update(ref, {"lease_until": now + lease})
                return StreamClaim(claim.stream_id, claim.endpoint_id, claim.token, enqueued)
            transaction.update(ref, {"next_attempt_at": next_attempt_at, "paused": paused, "lease_until": None,
                                     "lease_token": None, "expires_at": now + KEEP_FOR})
            return None

        return work(self._db.transaction())

    def resume(self, endpoint_id: str, now: datetime) -> int:
        query = (self._streams.where(filter=FieldFilter("endpoint_id", "==", endpoint_id))
                 .where(filter=FieldFilter("paused", "==", True)))
        resumed = 0
        for snapshots in _chunks(list(query.select([]).stream()), 400):
            batch = self._db.batch()
            for snapshot in snapshots:
                batch.update(snapshot.reference, {"paused": False, "next_attempt_at": now})
            batch.commit()
            resumed += len(snapshots)
        return resumed

    # ------------------------------------------------------------------ redelivery and pings

    def redeliver(self, delivery_id: str, now: datetime) -> WebhookDelivery | None:
        ref = self._deliveries.document(delivery_id)

        @firestore.transactional
        def work(transaction: firestore.Transaction) -> WebhookDelivery | None:
            original = ref.get(transaction=transaction)
            if not original.exists:
                return None
            data = original.to_dict() or {}
            event = self._events.document(data["event_id"]).get(transaction=transaction)
            if not event.exists and not data.get("payload"):
                return None
            stream = data["stream_id"]
            last = list(transaction.get(self._deliveries.where(filter=FieldFilter("stream_id", "==", stream))
                                        .order_by("position", direction=firestore.Query.DESCENDING).limit(1)))
            stream_doc = self._streams.document(stream).get(transaction=transaction)
            read_meter.record_lookups(4)
            new_id = f"{data['event_id']}-{data['endpoint_id']}-r{uuid.uuid4().hex[:8]}"
            document = {
                **{k: v for k, v in data.items() if k in ("endpoint_id", "event_id", "event_type", "subject",
                                                          "record_id", "stream_id", "payload")},
                "position": f"{last[0].get('position') if last else position_of(now, 0)}+r",
                "state": DeliveryState.PENDING.value, "created_at": now, "window_start": now,
                "next_attempt_at": None, "delivered_at": None, "attempt_count": 0, "attempts": [],
                "redelivery_of": delivery_id, "expires_at": now + KEEP_FOR,
            }
            transaction.create(self._deliveries.document(new_id), document)
            transaction.set(self._streams.document(stream), self._stream_change(
                stream_doc, stream, stream_doc.get("record_key") if stream_doc.exists else "", 1, now), merge=True)
            return delivery_from_document(new_id, document)

        return work(self._db.transaction())

    def enqueue_ping(self, endpoint_id: str, now: datetime) -> WebhookDelivery:
        """A ``ping`` event for one endpoint, to check that it receives and verifies requests."""
        event_id = f"ping_{uuid.uuid4().hex[:16]}"
        key = f"{PING}/{endpoint_id}"
        stream = stream_id(endpoint_id, key)
        payload = event_payload(event_id, PING, now, PING, endpoint_id, {"endpoint_id": endpoint_id}, None)
        document = {
            "endpoint_id": endpoint_id, "event_id": event_id, "event_type": PING, "subject": PING,
            "record_id": endpoint_id, "stream_id": stream, "position": position_of(now, 0), "payload": payload,
            "state": DeliveryState.PENDING.value, "created_at": now, "window_start": now, "next_attempt_at": None,
            "delivered_at": None, "attempt_count": 0, "attempts": [], "redelivery_of": None,
            "expires_at": now + KEEP_FOR,
        }
        batch = self._db.batch()
        batch.create(self._deliveries.document(f"{event_id}-{endpoint_id}"), document)
        batch.set(self._streams.document(stream), {"endpoint_id": endpoint_id, "record_key": key,
                                                   "enqueued": firestore.Increment(1), "next_attempt_at": now,
                                                   "paused": False, "expires_at": now + KEEP_FOR}, merge=True)
        batch.commit()
        return delivery_from_document(f"{event_id}-{endpoint_id}", document)


def payload_of(event: firestore.DocumentSnapshot) -> dict[str, Any]:
    data = event.to_dict() or {}
    body = {"object": data.get("object"), "previous": data.get("previous") or {}}
    if data.get("previous_omitted"):
        body["previous_omitted"] = data["previous_omitted"]
    return event_payload(event.id, data["type"], data["occurred_at"], data["subject"], data["record_id"], body,
                         data.get("by"))


def delivery_from_document(delivery_id: str, data: dict[str, Any]) -> WebhookDelivery:
    return WebhookDelivery(**{k: v for k, v in data.items() if k in WebhookDelivery.model_fields}, id=delivery_id)


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[start:start + size] for start in range(0, len(items), size)]
