"""Activities in Firestore: documents with the sort keys that order lists by due date and by priority."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.activities import OPEN_STATUSES, Activity, ActivityPriority
from crm.domain.activity_queries import ActivityListParams
from crm.domain.common import utc_now
from crm.domain.paging import Page
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.unit_of_work import UnitOfWork

# Undated activities sort after every dated one (Firestore would put nulls first) and fall outside due ranges.
UNDATED = datetime(9999, 12, 31, tzinfo=UTC)
PRIORITY_RANK = {ActivityPriority.HIGH: 0, ActivityPriority.NORMAL: 1, ActivityPriority.LOW: 2}
SORT_FIELDS = {"due_at": "due_sort", "created_at": "created_at", "priority": "priority_sort"}
EQUALITY_FILTERS = ("customer_id", "deal_id", "owner_id", "type")
DERIVED_FIELDS = ("due_sort", "priority_sort")
TIMESTAMPS = ("due_at", "completed_at", "created_at", "updated_at")


def activity_to_document(activity: Activity) -> dict[str, Any]:
    data = activity.model_dump(mode="json", exclude={"id", "version"})
    for field in TIMESTAMPS:
        data[field] = getattr(activity, field)
    due_sort = activity.due_at or UNDATED
    data["due_sort"] = due_sort
    data["priority_sort"] = f"{PRIORITY_RANK[activity.priority]}|{due_sort:%Y-%m-%dT%H:%M:%S.%fZ}"
    return data


def activity_from_snapshot(snapshot: firestore.DocumentSnapshot) -> Activity:
    data = snapshot.to_dict() or {}
    for field in DERIVED_FIELDS:
        data.pop(field, None)
    return Activity(**data, id=snapshot.id)


class TxActivities:
    """Activities inside a unit of work: reads through its transaction, writes staged."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._activities = uow.collection(uow.names.activities)

    def new_id(self) -> str:
        return self._activities.document().id

    def get(self, activity_id: str) -> Activity | None:
        snapshot = self._uow.get(self._activities.document(activity_id))
        return activity_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, activity: Activity) -> None:
        self._uow.set(self._activities.document(activity.id), activity_to_document(activity))

    def delete(self, activity_id: str) -> None:
        self._uow.delete(self._activities.document(activity_id))

    def open_for_deal(self, deal_id: str, limit: int) -> list[Activity]:
        query = self._activities.where(filter=FieldFilter("deal_id", "==", deal_id))
        query = query.where(filter=FieldFilter("status", "in", [s.value for s in OPEN_STATUSES]))
        query = query.where(filter=FieldFilter("due_sort", "<", UNDATED)).order_by("due_sort").limit(limit)
        return [activity_from_snapshot(s) for s in self._uow.query(query)]


class FirestoreActivityReader:
    """Reads outside transactions: one activity, and lists with filters, order and paging."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._activities = db.collection(names.activities)

    def get(self, activity_id: str) -> Activity | None:
        snapshot = self._activities.document(activity_id).get()
        read_meter.record_lookups(1)
        return activity_from_snapshot(snapshot) if snapshot.exists else None

    def list(self, params: ActivityListParams) -> Page[Activity]:
        """One page of the activities matching ``params``, with the total that match."""
        fingerprint = query_fingerprint(
            [str(getattr(params, f)) for f in EQUALITY_FILTERS], params.statuses(), params.due_from, params.due_to,
            params.overdue, params.order.value,
        )
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        query = self.filtered(params, now=utc_now())
        return fetch_page(self._activities, query, request, SORT_FIELDS[params.order.field],
                          params.order.descending, activity_from_snapshot)

    def filtered(self, params: ActivityListParams, *, now: datetime) -> Queryable:
        """The query for ``params``' filters: equalities, status (one or the open ones), and due_at bounds."""
        query: Queryable = self._activities
        for field in EQUALITY_FILTERS:
            value = getattr(params, field)
            if value is not None:
                query = query.where(filter=FieldFilter(field, "==", str(value)))
        statuses = [status.value for status in params.statuses()]
        if len(statuses) == 1:
            query = query.where(filter=FieldFilter("status", "==", statuses[0]))
        elif statuses:
            query = query.where(filter=FieldFilter("status", "in", statuses))
        if params.due_from is not None:
            query = query.where(filter=FieldFilter("due_sort", ">=", params.due_from))
        if params.due_to is not None:
            query = query.where(filter=FieldFilter("due_sort", "<=", params.due_to))
        if params.overdue:
            query = query.where(filter=FieldFilter("due_sort", "<", now))
        elif params.due_from is not None and params.due_to is None:
            query = query.where(filter=FieldFilter("due_sort", "<", UNDATED))
        return query
