"""The committed firestore.indexes.json is exactly what the code says the queries need."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crm.store import activities, customers, deals, orders
from crm.store.indexes import CLIENT_QUERIES, index_document, render
from crm.store.search import SEARCH_FIELDS

INDEX_FILE = Path(__file__).resolve().parents[2] / "firestore.indexes.json"


def test_committed_index_file_matches_the_code() -> None:
    assert INDEX_FILE.read_text() == render(), "regenerate with: python -m crm.store.indexes > firestore.indexes.json"


def test_render_is_the_index_document_as_json() -> None:
    assert json.loads(render()) == index_document()


def _shapes(collection: str) -> set[tuple[tuple[str, str], ...]]:
    return {
        tuple((f["fieldPath"], f.get("order", f.get("arrayConfig"))) for f in index["fields"])
        for index in index_document()["indexes"]
        if index["collectionGroup"] == collection
    }


@pytest.mark.parametrize(("collection", "filters", "sorts"), [
    pytest.param("customers", ("deleted_at", "status", "owner_id"), customers.SORT_FIELDS.values(), id="customers"),
    pytest.param("deals", deals.EQUALITY_FILTERS, deals.SORT_FIELDS.values(), id="deals"),
    pytest.param("orders", orders.EQUALITY_FILTERS, orders.SORT_FIELDS.values(), id="orders"),
    pytest.param("activities", activities.EQUALITY_FILTERS, activities.SORT_FIELDS.values(), id="activities"),
])
def test_every_filter_and_order_a_store_uses_has_an_index(collection, filters, sorts) -> None:
    shapes = _shapes(collection)
    for field in filters:
        for sort in sorts:
            assert ((field, "ASCENDING"), (sort, "ASCENDING")) in shapes, (field, sort)


def test_descending_orders_have_their_own_indexes() -> None:
    shapes = _shapes("deals")
    assert (("owner_id", "ASCENDING"), ("value_cents", "DESCENDING")) in shapes
    assert (("tags", "CONTAINS"), ("name_sort", "DESCENDING")) in _shapes("customers")


def test_no_index_is_declared_twice() -> None:
    indexes = index_document()["indexes"]
    assert len({json.dumps(i, sort_keys=True) for i in indexes}) == len(indexes)


@pytest.mark.parametrize("field", list(SEARCH_FIELDS))
def test_search_maps_keep_only_their_ascending_single_field_index(field) -> None:
    overrides = {(o["collectionGroup"], o["fieldPath"]): o["indexes"] for o in index_document()["fieldOverrides"]}
    assert overrides[("customers", field)] == [{"order": "ASCENDING", "queryScope": "COLLECTION"}]
    assert overrides[("customers", "notes")] == []


@pytest.mark.parametrize("query", [pytest.param(q, id=q.name) for q in CLIENT_QUERIES if q.order])
def test_every_console_query_has_its_indexes(query) -> None:
    shapes = _shapes(query.collection)
    for field in query.equals:
        assert ((field, "ASCENDING"), query.order) in shapes, (field, query.order)
