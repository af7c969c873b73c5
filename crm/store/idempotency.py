"""Idempotency records: the first request with a key claims it, and its response is kept for replays."""

from __future__ import annotations

from datetime import datetime

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from crm.domain.idempotency import KEEP_FOR, RUNNING_LOCK, KeyClaim, KeyState, StoredResponse
from crm.store import read_meter
from crm.store.collections import CollectionNames


class FirestoreIdempotencyStore:
    """One document per (caller, key); it expires 24 hours after its request (a TTL policy on ``expires_at``)."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._records = db.collection(names.idempotency_keys)

    def claim(self, record_id: str, fingerprint: str, now: datetime) -> KeyClaim:
        """Claim the key for a request, or report who holds it.

        A request that claims it gets NEW and must call ``complete`` or ``release``; a running claim whose lock
        ran out (its process died) and an expired record are taken over.
        """
        ref = self._records.document(record_id)
        fresh = {"state": "running", "fingerprint": fingerprint, "locked_until": now + RUNNING_LOCK,
                 "expires_at": now + KEEP_FOR}
        try:
            ref.create(fresh)
            return KeyClaim(KeyState.NEW)
        except google_exceptions.AlreadyExists:
            pass
        snapshot = ref.get()
        read_meter.record_lookups(1)
        if not snapshot.exists:
            return self.claim(record_id, fingerprint, now)
        record = snapshot.to_dict() or {}
        stale = record["expires_at"] <= now or (record["state"] == "running" and record["locked_until"] <= now)
        if stale:
            try:
                ref.update(fresh, option=self._db.write_option(last_update_time=snapshot.update_time))
                return KeyClaim(KeyState.NEW)
            except (google_exceptions.FailedPrecondition, google_exceptions.NotFound):
                return KeyClaim(KeyState.RUNNING)
        same = record["fingerprint"] == fingerprint
        if record["state"] == "running":
            return KeyClaim(KeyState.RUNNING, same)
        response = StoredResponse(record["status"], record["body"], record.get("headers", {}))
        return KeyClaim(KeyState.DONE, same, response)

    def complete(self, record_id: str, response: StoredResponse, now: datetime) -> None:
        self._records.document(record_id).update(
            {"state": "done", "status": response.status, "body": response.body, "headers": response.headers,
             "expires_at": now + KEEP_FOR}
        )

    def release(self, record_id: str) -> None:
        self._records.document(record_id).delete()
