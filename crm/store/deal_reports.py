"""Deal reports from Firestore without reading the deals: aggregation queries (count and sums over equality
filters, one per slice and currency, run concurrently), the running stage totals, and top-N kanban pages."""

from __future__ import annotations

import contextvars
import math
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.base_query import BaseQuery

from crm.domain.common import from_cents
from crm.domain.deal_reports import Bucket, DealCard, DealSlice, Tally
from crm.store import config, read_meter
from crm.store.collections import CollectionNames
from crm.store.pipeline_stats import FirestorePipelineStatsReader

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
MAX_CONCURRENT_QUERIES = 16
CARD_FIELDS = ["title", "customer_id", "owner_id", "value_cents", "expected_revenue_cents", "currency",
               "probability", "expected_close_date", "status", "stage_entered_at"]

_meter_guard = threading.Lock()


class FirestoreDealReports:
    """Read-only figures about deals and customers; every Firestore read is recorded with the read meter."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._names = names
        self._db = db
        self._deals = db.collection(names.deals)
        self._customers = db.collection(names.customers)
        self._stats = FirestorePipelineStatsReader(db, names)

    def dimensions(self) -> dict[str, list[str]]:
        """The currencies and owners deals use (one read)."""
        return config.deal_dimensions(self._db, self._names.config)

    def tally(self, slices: Mapping[K, DealSlice], currencies: Sequence[str]) -> dict[K, Bucket]:
        """Count and sum value and expected revenue of each slice, per currency: one aggregation per pair."""
        pairs = [(key, currency) for key in slices for currency in currencies]
        calls = [lambda s=slices[key], c=currency: self._aggregate(_deal_query(self._deals, s, c), sums=True)
                 for key, currency in pairs]
        result: dict[K, Bucket] = {key: {} for key in slices}
        for (key, currency), tally in zip(pairs, concurrently(calls), strict=True):
            if tally.count:
                result[key][currency] = tally
        return result

    def count(self, slices: Mapping[K, DealSlice]) -> dict[K, int]:
        """How many deals each slice holds, in every currency: one count aggregation per slice."""
        calls = [lambda s=s: self._aggregate(_deal_query(self._deals, s, None), sums=False) for s in slices.values()]
        return {key: tally.count for key, tally in zip(slices, concurrently(calls), strict=True)}

    def top_by_value(self, pipeline_id: str, stage_ids: Sequence[str], limit: int) -> dict[str, list[DealCard]]:
        """The ``limit`` most valuable deals of each stage: one query per stage, reading only those deals."""

        def first(stage_id: str) -> list[DealCard]:
            query = self._deals.where(filter=FieldFilter("pipeline_id", "==", pipeline_id))
            query = query.where(filter=FieldFilter("stage", "==", stage_id)).select(CARD_FIELDS)
            snapshots = list(query.order_by("value_cents", direction=firestore.Query.DESCENDING).limit(limit).stream())
            _record(read_meter.record_documents, len(snapshots))
            return [_card(s) for s in snapshots]

        return dict(zip(stage_ids, concurrently([lambda s=s: first(s) for s in stage_ids]), strict=True))

    def active_customers_by_status(self, statuses: Sequence[str]) -> dict[str, int]:
        """How many customers that are not deleted have each status: one count aggregation per status."""
        active = self._customers.where(filter=FieldFilter("deleted_at", "==", None))
        calls = [lambda s=s: self._aggregate(active.where(filter=FieldFilter("status", "==", s)), sums=False)
                 for s in statuses]
        return {status: tally.count for status, tally in zip(statuses, concurrently(calls), strict=True)}

    def stage_totals(self, pipeline_id: str) -> dict[str, Any]:
        """The pipeline's running totals: ``stages.<id>.exits/seconds``, ``won``, ``lost`` (one read)."""
        return self._stats.get(pipeline_id)

    def _aggregate(self, query: BaseQuery, *, sums: bool) -> Tally:
        aggregation = query.count(alias="count")
        if sums:
            aggregation = aggregation.sum("value_cents", alias="value").sum("expected_revenue_cents", alias="weighted")
        (results,) = aggregation.get()
        values = {result.alias: _whole(result.value) for result in results}
        _record(read_meter.record_aggregation, values["count"])
        return Tally(values["count"], values.get("value", 0), values.get("weighted", 0))


def concurrently(calls: Sequence[Callable[[], T]]) -> list[T]:
    """Run independent reads at once, each in a copy of the caller's context so the read meter counts them."""
    if len(calls) <= 1:
        return [call() for call in calls]
    with ThreadPoolExecutor(max_workers=min(MAX_CONCURRENT_QUERIES, len(calls))) as pool:
        futures = [pool.submit(contextvars.copy_context().run, call) for call in calls]
        return [future.result() for future in futures]


def _record(record: Callable[[int], None], n: int) -> None:
    # Worker threads share the caller's ReadCount; its "+=" is not atomic, so they take turns.
    with _meter_guard:
        record(n)


def _deal_query(deals: firestore.CollectionReference, deal_slice: DealSlice, currency: str | None) -> BaseQuery:
    filters: list[FieldFilter] = []
    equal = {"pipeline_id": deal_slice.pipeline_id, "stage": deal_slice.stage, "owner_id": deal_slice.owner_id,
             "status": deal_slice.status.value if deal_slice.status else None, "currency": currency}
    filters += [FieldFilter(field, "==", value) for field, value in equal.items() if value is not None]
    if deal_slice.unassigned:
        filters.append(FieldFilter("owner_id", "==", None))
    for field, months in (("expected_close_month", deal_slice.expected_close_months),
                          ("closed_month", deal_slice.closed_months)):
        if len(months) == 1:
            filters.append(FieldFilter(field, "==", months[0]))
        elif months:
            filters.append(FieldFilter(field, "in", list(months)))
    query: BaseQuery = deals
    for field_filter in filters:
        query = query.where(filter=field_filter)
    return query


def _whole(value: Any) -> int:
    """Aggregation results come back as integers, or as doubles when empty (or past 2**63): whole minor units."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"an aggregation returned {value}")
    return int(round(value))


def _card(snapshot: firestore.DocumentSnapshot) -> DealCard:
    data = snapshot.to_dict() or {}
    value = from_cents(data.pop("value_cents", 0))
    expected = from_cents(data.pop("expected_revenue_cents", 0))
    return DealCard(**data, id=snapshot.id, value=value, expected_revenue=expected)
