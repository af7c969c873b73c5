"""Saved views in Firestore: one document each, found by owner or by visibility (equality filters only, which
Firestore serves from single-field indexes)."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.saved_views import (
    MAX_SHARED_LISTED,
    MAX_VIEWS_PER_OWNER,
    SavedView,
    ViewResource,
    Visibility,
    parse_state,
)
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.paging import Queryable
from crm.store.unit_of_work import UnitOfWork


def view_to_document(view: SavedView) -> dict[str, Any]:
    data = view.model_dump(mode="json", exclude={"id", "version", "state", "created_at", "updated_at"})
    return data | {"state": view.state.model_dump(mode="json", exclude_none=True), "created_at": view.created_at,
                   "updated_at": view.updated_at}


def view_from_snapshot(snapshot: firestore.DocumentSnapshot) -> SavedView:
    data = snapshot.to_dict() or {}
    resource = ViewResource(data["resource"])
    return SavedView(**{**data, "state": parse_state(resource, data.get("state") or {})}, id=snapshot.id)


class TxSavedViews:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._views = uow.collection(uow.names.views)

    def new_id(self) -> str:
        return self._views.document().id

    def get(self, view_id: str) -> SavedView | None:
        snapshot = self._uow.get(self._views.document(view_id))
        return view_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, view: SavedView) -> None:
        self._uow.set(self._views.document(view.id), view_to_document(view))

    def delete(self, view_id: str) -> None:
        self._uow.delete(self._views.document(view_id))

    def owned_by(self, owner_id: str, resource: ViewResource, limit: int) -> list[SavedView]:
        query = self._views.where(filter=FieldFilter("owner_id", "==", owner_id))
        query = query.where(filter=FieldFilter("resource", "==", resource.value)).limit(limit)
        return [view_from_snapshot(s) for s in self._uow.query(query)]


class FirestoreSavedViewReader:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._views = db.collection(names.views)

    def get(self, view_id: str) -> SavedView | None:
        snapshot = self._views.document(view_id).get()
        read_meter.record_lookups(1)
        return view_from_snapshot(snapshot) if snapshot.exists else None

    def visible_to(self, uid: str, resource: ViewResource | None) -> list[SavedView]:
        """The caller's views (at most MAX_VIEWS_PER_OWNER per resource) and the shared ones (the first
        MAX_SHARED_LISTED): two queries."""
        limit = MAX_VIEWS_PER_OWNER * (1 if resource else len(ViewResource))
        own = self._filtered(FieldFilter("owner_id", "==", uid), resource).limit(limit)
        shared = self._filtered(FieldFilter("visibility", "==", Visibility.SHARED.value), resource)
        found = []
        for query in (own, shared.limit(MAX_SHARED_LISTED)):
            snapshots = list(query.stream())
            read_meter.record_documents(len(snapshots))
            found += [view_from_snapshot(s) for s in snapshots]
        return found

    def _filtered(self, first: FieldFilter, resource: ViewResource | None) -> Any:
        query: Queryable = self._views.where(filter=first)
        if resource is not None:
            query = query.where(filter=FieldFilter("resource", "==", resource.value))
        return query
