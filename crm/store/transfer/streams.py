"""Each kind's records as an export or a bulk action reads them: the list's own query (its filters and order, so its
indexes serve it) paged by cursor without counting, a page at a time, so memory stays flat whatever their number.
A search export pages through the search's own results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.common import utc_now
from crm.store import activities as activity_store
from crm.store import customers as customer_store
from crm.store import deals as deal_store
from crm.store import orders as order_store
from crm.store import read_meter
from crm.store.cursors import Cursor, decode_cursor, encode_cursor
from crm.store.paging import Queryable

STREAM = "stream"
SEARCH_PAGE = 100


def _page(collection: firestore.CollectionReference, query: Queryable, sort_field: str | None, descending: bool,
          after: str | None, size: int, record: Callable[[firestore.DocumentSnapshot], Any],
          projection: bool = False) -> tuple[list[Any], str | None]:
    direction = firestore.Query.DESCENDING if descending else firestore.Query.ASCENDING
    if sort_field:
        query = query.order_by(sort_field, direction=direction)
    query = query.order_by(FieldPath.document_id(), direction=direction)
    if after:
        cursor = decode_cursor(after, STREAM)
        anchor = [collection.document(cursor.document_id)]
        query = query.start_after([cursor.sort_value, *anchor] if sort_field else anchor)
    if projection:
        query = query.select([sort_field] if sort_field else [])
    snapshots = list(query.limit(size).stream())
    read_meter.record_documents(len(snapshots))
    if len(snapshots) < size:
        return [record(s) for s in snapshots], None
    last = snapshots[-1]
    value = last.get(sort_field) if sort_field else None
    return [record(s) for s in snapshots], encode_cursor(Cursor(1, value, last.id), STREAM)


def _id(snapshot: firestore.DocumentSnapshot) -> str:
    return snapshot.id


class CustomerStream(customer_store.FirestoreCustomerReader):
    def page(self, params: Any, after: str | None, size: int) -> tuple[list[Any], str | None]:
        if params.search_terms():
            found = self.list(params.model_copy(update={"cursor": after, "page_size": min(size, SEARCH_PAGE),
                                                        "page": 1}))
            return found.results, found.next_cursor
        query, sort_field, descending = self._filtered(params)
        return _page(self._customers, query, sort_field, descending, after, size, customer_store._list_item)

    def ids(self, params: Any, after: str | None, size: int) -> tuple[list[str], str | None]:
        query, sort_field, descending = self._filtered(params)
        return _page(self._customers, query, sort_field, descending, after, size, _id, projection=True)


class DealStream(deal_store.FirestoreDealReader):
    def _query(self, params: Any) -> Queryable:
        query: Queryable = self._deals
        for field in deal_store.EQUALITY_FILTERS:
            value = getattr(params, field)
            if value is not None:
                query = query.where(filter=FieldFilter(field, "==", str(value)))
        if params.expected_close_from:
            query = query.where(filter=FieldFilter("expected_close_date", ">=", params.expected_close_from.isoformat()))
        if params.expected_close_to:
            query = query.where(filter=FieldFilter("expected_close_date", "<=", params.expected_close_to.isoformat()))
        return query

    def page(self, params: Any, after: str | None, size: int) -> tuple[list[Any], str | None]:
        return _page(self._deals, self._query(params), deal_store.SORT_FIELDS[params.order.field],
                     params.order.descending, after, size, deal_store.deal_from_snapshot)

    def ids(self, params: Any, after: str | None, size: int) -> tuple[list[str], str | None]:
        return _page(self._deals, self._query(params), deal_store.SORT_FIELDS[params.order.field],
                     params.order.descending, after, size, _id, projection=True)


class OrderStream(order_store.FirestoreOrderReader):
    def _query(self, params: Any) -> Queryable:
        query: Queryable = self._orders
        for field in order_store.EQUALITY_FILTERS:
            value = getattr(params, field)
            if value is not None:
                query = query.where(filter=FieldFilter(field, "==", str(value)))
        return query

    def page(self, params: Any, after: str | None, size: int) -> tuple[list[Any], str | None]:
        return _page(self._orders, self._query(params), order_store.SORT_FIELDS[params.order_by.field],
                     params.order_by.descending, after, size, order_store.order_from_snapshot)

    def ids(self, params: Any, after: str | None, size: int) -> tuple[list[str], str | None]:
        return _page(self._orders, self._query(params), order_store.SORT_FIELDS[params.order_by.field],
                     params.order_by.descending, after, size, _id, projection=True)


class ActivityStream(activity_store.FirestoreActivityReader):
    def page(self, params: Any, after: str | None, size: int) -> tuple[list[Any], str | None]:
        return _page(self._activities, self.filtered(params, now=utc_now()),
                     activity_store.SORT_FIELDS[params.order.field], params.order.descending, after, size,
                     activity_store.activity_from_snapshot)

    def ids(self, params: Any, after: str | None, size: int) -> tuple[list[str], str | None]:
        return _page(self._activities, self.filtered(params, now=utc_now()),
                     activity_store.SORT_FIELDS[params.order.field], params.order.descending, after, size, _id,
                     projection=True)
