"""API keys in Firestore, found by the hash of their secret."""

from __future__ import annotations

from datetime import datetime

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.identity import ApiKey
from crm.store import read_meter
from crm.store.collections import CollectionNames


class FirestoreApiKeyStore:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._keys = db.collection(names.api_keys)

    def add(self, key: ApiKey) -> None:
        self._keys.document(key.key_hash).create(key.model_dump(mode="python", exclude={"key_hash"}))

    def find(self, key_hash: str) -> ApiKey | None:
        snapshot = self._keys.document(key_hash).get()
        read_meter.record_lookups(1)
        return ApiKey(**(snapshot.to_dict() or {}), key_hash=snapshot.id) if snapshot.exists else None

    def all(self) -> list[ApiKey]:
        snapshots = list(self._keys.order_by("created_at").stream())
        read_meter.record_documents(len(snapshots))
        return [ApiKey(**(s.to_dict() or {}), key_hash=s.id) for s in snapshots]

    def revoke(self, prefix: str, when: datetime) -> ApiKey | None:
        matches = list(self._keys.where(filter=FieldFilter("prefix", "==", prefix)).limit(1).stream())
        read_meter.record_documents(len(matches))
        if not matches:
            return None
        matches[0].reference.update({"revoked_at": when})
        return ApiKey(**{**(matches[0].to_dict() or {}), "revoked_at": when}, key_hash=matches[0].id)
