"""One page of an ordered Firestore query: count the total, follow a cursor or skip to a page, make the next cursor,
and hand the records up as a domain page (no snapshot leaves the store)."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from google.cloud import firestore
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.paging import Page
from crm.store import read_meter
from crm.store.cursors import Cursor, decode_cursor, encode_cursor

T = TypeVar("T")
Queryable = firestore.Query | firestore.CollectionReference
COUNT_CAP = 4000
_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="firestore-count")


@dataclass(frozen=True)
class PageRequest:
    page: int
    page_size: int
    cursor: str | None
    fingerprint: str


def fetch_page(
    collection: firestore.CollectionReference,
    query: Queryable,
    request: PageRequest,
    sort_field: str | None,
    descending: bool,
    record: Callable[[firestore.DocumentSnapshot], T],
) -> Page[T]:
    """The requested page of ``query`` ordered by ``sort_field`` (then document id), with the total count; each
    document read becomes a record with ``record``.

    The page query asks for one row more than the page, to know whether a next page exists (billed only when it
    does). The count runs beside it and stops at ``COUNT_CAP`` matches (Firestore bills one read per 1,000 entries
    counted), so a page costs at most its size plus five reads however broad the query.

    Raises:
        InvalidArgumentError: the cursor is malformed or belongs to another query.
    """
    counting = _pool.submit(contextvars.copy_context().run, _count, query)
    direction = firestore.Query.DESCENDING if descending else firestore.Query.ASCENDING
    if sort_field:
        query = query.order_by(sort_field, direction=direction)
    query = query.order_by(FieldPath.document_id(), direction=direction)
    page = request.page
    skipped = 0
    if request.cursor:
        cursor = decode_cursor(request.cursor, request.fingerprint)
        page = cursor.page + 1
        anchor = [collection.document(cursor.document_id)]
        query = query.start_after([cursor.sort_value, *anchor] if sort_field else anchor)
    elif page > 1:
        skipped = (page - 1) * request.page_size
        query = query.offset(skipped)
    snapshots = list(query.limit(request.page_size + 1).stream())
    read_meter.record_documents(len(snapshots) + skipped)
    has_more = len(snapshots) > request.page_size
    snapshots = snapshots[: request.page_size]
    total = counting.result()
    exact = total < COUNT_CAP
    next_cursor = None
    if has_more:
        last = snapshots[-1]
        sort_value = last.get(sort_field) if sort_field else None
        next_cursor = encode_cursor(Cursor(page, sort_value, last.id), request.fingerprint)
    return Page([record(s) for s in snapshots], total, exact, page, next_cursor)


def _count(query: Queryable) -> int:
    total = count_matches(query.limit(COUNT_CAP))
    read_meter.record_aggregation(total)
    return total


def count_matches(query: Queryable) -> int:
    """How many documents ``query`` matches, from a count aggregation (not recorded on the read meter)."""
    aggregation: Any = query.count()  # annotated as returning a class by google-cloud-firestore; it is a query
    return int(aggregation.get()[0][0].value)
