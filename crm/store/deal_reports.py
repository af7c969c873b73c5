"""Deal reports from Firestore without reading the deals: the running deal totals (crm.store.deal_totals, one read
per document a report needs), the running stage totals, the board's pages of cards and their customers' names, and
customer counts (equality-only
count aggregations, which need no composite index)."""

from __future__ import annotations

import contextvars
import functools
import threading
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.common import from_cents
from crm.domain.deal_reports import Bucket, DealSlice, deal_count
from crm.domain.kanban import ColumnCards, CustomerRef, DealCard
from crm.store import config, read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import Cursor, decode_cursor, encode_cursor, query_fingerprint
from crm.store.deal_totals import FirestoreDealTotals
from crm.store.paging import Queryable, count_matches
from crm.store.pipeline_stats import FirestorePipelineStatsReader

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
MAX_CONCURRENT_QUERIES = 16
CARD_FIELDS = ["title", "customer_id", "owner_id", "value_cents", "expected_revenue_cents", "currency",
               "probability", "expected_close_date", "status", "stage_entered_at", "next_activity_at", "created_at",
               "updated_at"]
CUSTOMER_FIELDS = ["name", "owner_id", "deleted_at"]

_meter_guard = threading.Lock()


class FirestoreDealReports:
    """Read-only figures about deals and customers; every Firestore read is recorded with the read meter."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._names = names
        self._db = db
        self._deals = db.collection(names.deals)
        self._customers = db.collection(names.customers)
        self._stats = FirestorePipelineStatsReader(db, names)
        self._totals = FirestoreDealTotals(db, names)

    def dimensions(self) -> dict[str, list[str]]:
        """The currencies and owners deals use (one read)."""
        return config.deal_dimensions(self._db, self._names.config)

    def tally(self, slices: Mapping[K, DealSlice], currencies: Sequence[str]) -> dict[K, Bucket]:
        """Count and sum value and expected revenue of each slice, per currency, from the running totals."""
        totals = self._totals.for_slices(slices.values())
        return {key: totals.bucket(deal_slice, currencies) for key, deal_slice in slices.items()}

    def count(self, slices: Mapping[K, DealSlice]) -> dict[K, int]:
        """How many deals each slice holds, in every currency, from the running totals."""
        totals = self._totals.for_slices(slices.values())
        return {key: deal_count(totals.bucket(deal_slice)) for key, deal_slice in slices.items()}

    def kanban_cards(self, pipeline_id: str, columns: Mapping[str, int], limit: int, owner_id: str | None,
                     cursor: str | None) -> dict[str, ColumnCards]:
        """A page of each column's most valuable deals: one query per column, reading only the cards it returns.
        ``columns`` holds each column's number of deals (from the running totals), which says whether a next page
        exists, so no query reads a card more than it shows.

        Raises:
            InvalidArgumentError: the cursor is malformed or belongs to another column or board.
        """

        def page(stage_id: str, held: int) -> ColumnCards:
            fingerprint = query_fingerprint("kanban", pipeline_id, stage_id, owner_id, limit)
            after = decode_cursor(cursor, fingerprint) if cursor else None
            number = after.page + 1 if after else 1
            if held <= (number - 1) * limit:
                return ColumnCards([], None)
            query = self._deals.where(filter=FieldFilter("pipeline_id", "==", pipeline_id))
            query = query.where(filter=FieldFilter("stage", "==", stage_id))
            if owner_id is not None:
                query = query.where(filter=FieldFilter("owner_id", "==", owner_id))
            query = query.select(CARD_FIELDS).order_by("value_cents", direction=firestore.Query.DESCENDING)
            query = query.order_by(FieldPath.document_id(), direction=firestore.Query.DESCENDING)
            if after:
                query = query.start_after([after.sort_value, self._deals.document(after.document_id)])
            snapshots = list(query.limit(limit).stream())
            _record(read_meter.record_documents, len(snapshots))
            more = len(snapshots) == limit and held > number * limit
            last = snapshots[-1] if snapshots else None
            token = encode_cursor(Cursor(number, last.get("value_cents"), last.id), fingerprint) if more and last \
                else None
            return ColumnCards([_card(s) for s in snapshots], token)

        stage_ids = list(columns)
        pages = concurrently([functools.partial(page, stage_id, columns[stage_id]) for stage_id in stage_ids])
        return dict(zip(stage_ids, pages, strict=True))

    def customers_named(self, customer_ids: Collection[str]) -> dict[str, CustomerRef]:
        """The active customers among ``customer_ids``, their names and owners only: one batched read, one read per
        customer (a board's cards name at most stages x ``per_column`` of them)."""
        refs = [self._customers.document(customer_id) for customer_id in sorted(customer_ids)]
        if not refs:
            return {}
        found = {}
        for snapshot in self._db.get_all(refs, field_paths=CUSTOMER_FIELDS):
            if snapshot.exists and snapshot.get("deleted_at") is None:
                found[snapshot.id] = CustomerRef(name=snapshot.get("name"), owner_id=snapshot.get("owner_id"))
        _record(read_meter.record_lookups, len(refs))
        return found

    def active_customers_by_status(self, statuses: Sequence[str]) -> dict[str, int]:
        """How many customers that are not deleted have each status: one count aggregation per status."""
        active = self._customers.where(filter=FieldFilter("deleted_at", "==", None))
        calls = [functools.partial(_count, active.where(filter=FieldFilter("status", "==", s))) for s in statuses]
        return dict(zip(statuses, concurrently(calls), strict=True))

    def stage_totals(self, pipeline_id: str) -> dict[str, Any]:
        """The pipeline's running totals: ``stages.<id>.exits/seconds``, ``won``, ``lost`` (one read)."""
        return self._stats.get(pipeline_id)


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


def _count(query: Queryable) -> int:
    count = count_matches(query)
    _record(read_meter.record_aggregation, count)
    return count


def _card(snapshot: firestore.DocumentSnapshot) -> DealCard:
    data = snapshot.to_dict() or {}
    value = from_cents(data.pop("value_cents", 0))
    expected = from_cents(data.pop("expected_revenue_cents", 0))
    created = data.pop("created_at", None)
    data.setdefault("stage_entered_at", created)  # deals stored before they kept it: at the latest, their creation
    return DealCard(**data, id=snapshot.id, value=value, expected_revenue=expected)
