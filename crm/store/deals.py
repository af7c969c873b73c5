"""Deals in Firestore: documents with money in minor units and the derived fields that lists and reports use."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.common import from_cents, to_cents
from crm.domain.deal_queries import DealListParams
from crm.domain.deals import Deal
from crm.domain.paging import Page
from crm.domain.pipelines import Pipeline
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, Queryable, count_matches, fetch_page
from crm.store.unit_of_work import UnitOfWork

SORT_FIELDS = {
    "value": "value_cents",
    "expected_close_date": "expected_close_date",
    "stage": "stage_position",
    "created_at": "created_at",
    "updated_at": "updated_at",
}
EQUALITY_FILTERS = ("pipeline_id", "stage", "customer_id", "owner_id", "status")
DERIVED_FIELDS = ("value_cents", "expected_revenue_cents", "stage_position", "expected_close_month", "closed_month")


def deal_to_document(deal: Deal, pipeline: Pipeline) -> dict[str, Any]:
    data = deal.model_dump(mode="json", exclude={"id", "value", "expected_revenue", "line_items", "version"})
    for field in ("created_at", "updated_at", "closed_at", "stage_entered_at", "next_activity_at"):
        data[field] = getattr(deal, field)
    data["stage_history"] = [entry.model_dump(by_alias=True) for entry in deal.stage_history]
    data["line_items"] = [item.model_dump(mode="json", exclude={"total"}) for item in deal.line_items]
    data["value_cents"] = to_cents(deal.value)
    data["expected_revenue_cents"] = to_cents(deal.expected_revenue)
    data["won_base_cents"] = deal.won_base_cents
    data["stage_position"] = pipeline.position(deal.stage)
    data["expected_close_month"] = deal.expected_close_date.strftime("%Y-%m") if deal.expected_close_date else None
    data["closed_month"] = deal.closed_at.strftime("%Y-%m") if deal.closed_at else None
    return data


def deal_from_snapshot(snapshot: firestore.DocumentSnapshot) -> Deal:
    data = snapshot.to_dict() or {}
    value = from_cents(data.get("value_cents", 0))
    for field in DERIVED_FIELDS:
        data.pop(field, None)
    data.setdefault("stage_entered_at", entered_stage_at(data))
    return Deal(**data, id=snapshot.id, value=value)


def entered_stage_at(data: dict[str, Any]) -> Any:
    """When a stored deal without ``stage_entered_at`` (written before deals kept it) entered its stage: its latest
    history entry into that stage, else its creation."""
    entries = [e for e in data.get("stage_history") or [] if e.get("to") == data.get("stage")]
    return entries[-1]["at"] if entries else data.get("created_at")


class TxDeals:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._deals = uow.collection(uow.names.deals)

    def new_id(self) -> str:
        return self._deals.document().id

    def get(self, deal_id: str) -> Deal | None:
        snapshot = self._uow.get(self._deals.document(deal_id))
        return deal_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, deal: Deal, pipeline: Pipeline) -> None:
        self._uow.set(self._deals.document(deal.id), deal_to_document(deal, pipeline))

    def delete(self, deal_id: str) -> None:
        self._uow.delete(self._deals.document(deal_id))

    def set_next_activity(self, deal: Deal) -> None:
        """Stage the deal's ``next_activity_at`` (and ``updated_at``) alone: a derived field, not audited."""
        self._uow.update(self._deals.document(deal.id), {"next_activity_at": deal.next_activity_at,
                                                         "updated_at": deal.updated_at})

    def in_stages(self, pipeline_id: str, stage_ids: list[str], limit: int) -> list[Deal]:
        query = self._deals.where(filter=FieldFilter("pipeline_id", "==", pipeline_id))
        query = query.where(filter=FieldFilter("stage", "in", stage_ids)).limit(limit)
        return [deal_from_snapshot(s) for s in self._uow.query(query)]


class FirestoreDealReader:
    """Reads outside transactions: one deal, lists with filters, order and paging, and counts per stage."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._deals = db.collection(names.deals)

    def count_in(self, pipeline_id: str, stage_ids: list[str]) -> dict[str, int]:
        """How many deals each of ``stage_ids`` of a pipeline holds."""
        in_pipeline = self._deals.where(filter=FieldFilter("pipeline_id", "==", pipeline_id))
        counts = {}
        for stage_id in stage_ids:
            n = count_matches(in_pipeline.where(filter=FieldFilter("stage", "==", stage_id)))
            read_meter.record_aggregation(n)
            counts[stage_id] = n
        return counts

    def reposition(self, pipeline_id: str, positions: dict[str, int]) -> int:
        """Bring each deal's stored stage position in line with its pipeline's stage order; returns how many moved.

        Only the position field is written, so a concurrent edit of the deal's other fields is not lost.
        """
        moved = 0
        for stage_id, position in positions.items():
            query = self._deals.where(filter=FieldFilter("pipeline_id", "==", pipeline_id))
            query = query.where(filter=FieldFilter("stage", "==", stage_id)).select(["stage_position"])
            snapshots = list(query.stream())
            read_meter.record_documents(len(snapshots))
            stale = [s for s in snapshots if s.get("stage_position") != position]
            for start in range(0, len(stale), 400):
                batch = self._db.batch()
                for snapshot in stale[start : start + 400]:
                    batch.update(snapshot.reference, {"stage_position": position})
                batch.commit()
            moved += len(stale)
        return moved

    def get(self, deal_id: str) -> Deal | None:
        snapshot = self._deals.document(deal_id).get()
        read_meter.record_lookups(1)
        return deal_from_snapshot(snapshot) if snapshot.exists else None

    def list(self, params: DealListParams) -> Page[Deal]:
        query: Queryable = self._deals
        for field in EQUALITY_FILTERS:
            value = getattr(params, field)
            if value is not None:
                query = query.where(filter=FieldFilter(field, "==", str(value)))
        if params.tag:
            query = query.where(filter=FieldFilter("tags", "array_contains", params.tag))
        if params.expected_close_from:
            query = query.where(filter=FieldFilter("expected_close_date", ">=", params.expected_close_from.isoformat()))
        if params.expected_close_to:
            query = query.where(filter=FieldFilter("expected_close_date", "<=", params.expected_close_to.isoformat()))
        filters = [str(getattr(params, f)) for f in EQUALITY_FILTERS]
        fingerprint = query_fingerprint(filters, str(params.expected_close_from), str(params.expected_close_to),
                                        params.order.value, *([params.tag] if params.tag else []))
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._deals, query, request, SORT_FIELDS[params.order.field], params.order.descending,
                          deal_from_snapshot)
