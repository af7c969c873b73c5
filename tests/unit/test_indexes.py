"""The committed firestore.indexes.json is exactly what the code says the queries need."""

from __future__ import annotations

import json
from pathlib import Path

from crm.store.customers import SORT_FIELDS
from crm.store.indexes import index_document, render

INDEX_FILE = Path(__file__).resolve().parents[2] / "firestore.indexes.json"


def test_committed_index_file_matches_the_code() -> None:
    assert INDEX_FILE.read_text() == render(), "regenerate with: python -m crm.store.indexes > firestore.indexes.json"


def test_render_is_the_index_document_as_json() -> None:
    assert json.loads(render()) == index_document()


def test_every_sort_field_has_both_directions_under_every_filter_combination() -> None:
    indexes = index_document()["indexes"]
    assert len(indexes) == len(SORT_FIELDS) * 2 * 4
    shapes = {tuple((f["fieldPath"], f.get("order", f.get("arrayConfig"))) for f in i["fields"]) for i in indexes}
    assert len(shapes) == len(indexes)
    for sort_field in SORT_FIELDS.values():
        filters = (("deleted_at", "ASCENDING"), ("status", "ASCENDING"), ("tags", "CONTAINS"))
        assert (*filters, (sort_field, "DESCENDING")) in shapes


def test_search_tokens_keep_their_single_field_index() -> None:
    overrides = {o["fieldPath"]: o["indexes"] for o in index_document()["fieldOverrides"]}
    assert overrides["search_tokens"] == [{"order": "ASCENDING", "queryScope": "COLLECTION"}]
    assert overrides["notes"] == []
