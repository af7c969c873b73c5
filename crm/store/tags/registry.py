"""The tag registry in Firestore: one document per tag name (id derived from the name), holding its colour,
description and running counts (crm.store.tags.counts), read by name order."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.deals import Deal
from crm.domain.paging import Page
from crm.domain.tags.registry import Tag, TagListParams, tag_id
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.tags.counts import tag_counts
from crm.store.unit_of_work import UnitOfWork


def tag_to_document(tag: Tag) -> dict[str, Any]:
    data = tag.model_dump(exclude={"id"})
    data["customer_count"] = tag.customer_count or 0
    data["deal_count"] = tag.deal_count or 0
    return data


def tag_from_snapshot(snapshot: firestore.DocumentSnapshot) -> Tag:
    return Tag(**(snapshot.to_dict() or {}), id=snapshot.id)


class TxTags:
    """Registry entries inside a unit of work, and the deal side of the running counts."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._tags = uow.collection(uow.names.tags)

    def get(self, tag_id_: str) -> Tag | None:
        snapshot = self._uow.get(self._tags.document(tag_id_))
        return tag_from_snapshot(snapshot) if snapshot.exists else None

    def named(self, name: str) -> Tag | None:
        return self.get(tag_id(name))

    def put(self, tag: Tag) -> None:
        """Stage the whole entry (read in the same unit of work first, so concurrent count changes are kept)."""
        self._uow.set(self._tags.document(tag.id), tag_to_document(tag))

    def delete(self, tag_id_: str) -> None:
        self._uow.delete(self._tags.document(tag_id_))

    def deal_changed(self, before: Deal | None, after: Deal | None) -> None:
        tag_counts(self._uow).deal_changed(before, after)


class FirestoreTagReader:
    """The registry outside transactions: by name, from a prefix."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._tags = db.collection(names.tags)

    def get(self, tag_id_: str) -> Tag | None:
        snapshot = self._tags.document(tag_id_).get()
        read_meter.record_lookups(1)
        return tag_from_snapshot(snapshot) if snapshot.exists else None

    def get_many(self, names: list[str]) -> list[Tag]:
        refs = [self._tags.document(tag_id(name)) for name in dict.fromkeys(names)]
        found = [tag_from_snapshot(s) for s in self._db.get_all(refs) if s.exists]
        read_meter.record_lookups(len(refs))
        return found

    def list(self, params: TagListParams) -> Page[Tag]:
        query: Queryable = self._tags
        if params.prefix:
            query = query.where(filter=FieldFilter("name", ">=", params.prefix))
            query = query.where(filter=FieldFilter("name", "<", params.prefix + "\uf8ff"))
        request = PageRequest(1, params.page_size, params.cursor, query_fingerprint("tags", params.prefix))
        return fetch_page(self._tags, query, request, "name", False, tag_from_snapshot)
