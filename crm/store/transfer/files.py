"""Files of jobs in Firestore: ``transfer_files/{id}`` (owner, name, size) with the text in ``parts/{index}``
documents of up to 400,000 characters, read back in order a few at a time. An upload is kept for its imports; an
export's file for its download; both expire (``expires_at`` on the file and on each part, TTL policies declared
in crm.store.indexes) after seven days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.common import utc_now
from crm.store.collections import CollectionNames

PARTS = "parts"
READ_AHEAD = 8
KEEP_DAYS = 7


class FirestoreFiles:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._files = db.collection(names.transfer_files)

    def new_id(self) -> str:
        return self._files.document().id

    def create(self, file_id: str, owner_id: str, name: str) -> None:
        now = utc_now()
        self._files.document(file_id).set({"owner_id": owner_id, "name": name, "bytes": 0, "parts": 0,
                                           "created_at": now, "expires_at": now + timedelta(days=KEEP_DAYS)})

    def append(self, file_id: str, index: int, text: str) -> None:
        """Write part ``index`` (again, if it was written before: a retried step rewrites the same part)."""
        ref = self._files.document(file_id)
        part = ref.collection(PARTS).document(f"{index:06d}")
        previous = part.get()
        size = len(text.encode())
        grown = size - (len(previous.get("text").encode()) if previous.exists else 0)
        batch = ref._client.batch()
        batch.set(part, {"text": text, "expires_at": utc_now() + timedelta(days=KEEP_DAYS)})
        batch.update(ref, {"bytes": firestore.Increment(grown), "parts": firestore.Increment(
            0 if previous.exists else 1)})
        batch.commit()

    def info(self, file_id: str) -> dict[str, Any] | None:
        snapshot = self._files.document(file_id).get()
        return snapshot.to_dict() if snapshot.exists else None

    def parts(self, file_id: str) -> Iterator[str]:
        parts = self._files.document(file_id).collection(PARTS).order_by(FieldPath.document_id())
        after: firestore.DocumentSnapshot | None = None
        while True:
            query = parts.start_after(after) if after is not None else parts
            found = list(query.limit(READ_AHEAD).stream())
            for snapshot in found:
                yield snapshot.get("text")
            if len(found) < READ_AHEAD:
                return
            after = found[-1]
