"""Every aggregate at its model limits stays far under Firestore's 1 MiB document limit.

Each worst case is built through the input models (so the API really accepts it) and the store's
``*_to_document`` mapping, and measured with Firestore's own storage-size rules
(https://firebase.google.com/docs/firestore/storage-size): a string is its UTF-8 bytes + 1, a number or
timestamp 8, a boolean or null 1, a map its keys (bytes + 1) and values, an array its values; a document adds its
name (collection id + document id + 16) and 32 bytes.

Limits count characters, Firestore counts bytes, so every free text is filled three ways: ASCII (1 byte a
character), Greek (2 bytes: our users' language) and astral-plane ideographs (4 bytes: the hostile case). Words
are 20 characters with distinct prefixes, so the search tokens derived from them are as many and as long as
they can be. Ids written by the server (auto ids, uids from verified tokens) are ASCII.
"""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime
from typing import Any

import pytest

from crm.domain import activities, customers, deals, orders, pipelines
from crm.domain.leads import mark_lost
from crm.domain.money import MAX_AMOUNT
from crm.domain.pipelines import MAX_STAGES, Pipeline, Stage, StageKind
from crm.domain.search.schema import MAX_SEARCH_TOKENS
from crm.store.activities import activity_to_document
from crm.store.customers import customer_to_document
from crm.store.deals import deal_to_document
from crm.store.indexes import index_document
from crm.store.orders import order_to_document
from crm.store.pipelines import pipeline_to_document

KiB = 1024
FIRESTORE_MAX_DOCUMENT = 1024 * KiB
MAX_INDEX_ENTRIES = 40_000
AUTO_ID = "a" * 20
REFERENCE = "r" * 128  # the longest id a body may name (DocumentId)
UID = "u" * 128
NOW = datetime(2026, 1, 1, tzinfo=UTC)

ALPHABETS = {
    "ascii": "abcdefghijklmnopqrstuvwxyz0123456789",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
    "astral": "".join(chr(code) for code in range(0x20000, 0x20000 + 4096)),
}
BUDGETS = {"ascii": 220 * KiB, "greek": 360 * KiB, "astral": 640 * KiB}


def firestore_size(value: Any) -> int:
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, int | float | datetime):
        return 8
    if isinstance(value, str):
        return len(value.encode()) + 1
    if isinstance(value, list):
        return sum(firestore_size(item) for item in value)
    if isinstance(value, dict):
        return sum(firestore_size(key) + firestore_size(item) for key, item in value.items())
    raise TypeError(f"no Firestore size for {type(value).__name__}")


def document_size(collection: str, data: dict[str, Any]) -> int:
    return firestore_size(collection) + firestore_size(AUTO_ID) + 16 + firestore_size(data) + 32


class Text:
    """Texts of given lengths in one alphabet, made of 20-character words with random (so distinct) prefixes."""

    def __init__(self, alphabet: str):
        self._alphabet = alphabet
        self._random = random.Random(alphabet)

    def __call__(self, length: int) -> str:
        chars = [" " if i % 21 == 20 else self._random.choice(self._alphabet) for i in range(length)]
        if chars and chars[-1] == " ":
            chars[-1] = self._random.choice(self._alphabet)
        return "".join(chars)


def worst_customer(text: Text) -> dict[str, Any]:
    product = {
        "type": "product", "product_id": text(100), "product_name": text(200), "quantity": 1_000_000,
        "serial_numbers": [text(customers.SERIAL_NUMBER_LENGTH) for _ in range(customers.MAX_SERIAL_NUMBERS)],
        "notes": text(customers.ITEM_TEXT_LENGTH),
    }
    body = {
        "name": text(200),
        "organization": text(200),
        "contacts": [
            {"type": "other", "label": text(100), "value": text(customers.CONTACT_VALUE_LENGTH)}
            for _ in range(customers.MAX_CONTACTS)
        ],
        "notes": [{"text": text(customers.NOTE_LENGTH)} for _ in range(customers.MAX_NOTES)],
        "location": {"city": text(100), "country": text(100), "region": text(100)},
        "language": "el-" + "x" * 8,
        "tags": [text(customers.TAG_LENGTH) for _ in range(customers.MAX_TAGS)],
        "owned_items": [product] * customers.MAX_OWNED_ITEMS,
        "linked_user_ids": [text(128) for _ in range(customers.MAX_LINKED_USERS)],
        "nextcloud_folder": text(500),
        "status": "lead",
        "source": "cold_outreach",
    }
    data = customers.CustomerCreate.model_validate(body)
    customer = customers.new_customer(data, customer_id=AUTO_ID, by=UID, now=NOW, default_language="el")
    customer = mark_lost(customer, text(1000), now=NOW).model_copy(update={"last_activity_at": NOW})
    assert len(customer.notes) == customers.MAX_NOTES
    return customer_to_document(customer)


def worst_pipeline(text: Text) -> tuple[Pipeline, dict[str, Any]]:
    kinds = [StageKind.WON, StageKind.LOST] + [StageKind.OPEN] * (MAX_STAGES - 2)
    stages = [
        {"id": f"{n:02d}" + "s" * 38, "name": text(100), "probability": 50, "color": "#ABCDEF", "kind": kind}
        for n, kind in enumerate(kinds)
    ]
    data = pipelines.PipelineCreate.model_validate({"name": text(100), "stages": stages})
    pipeline = Pipeline(id=AUTO_ID, name=data.name, stages=data.stages, created_at=NOW, updated_at=NOW)
    return pipeline, pipeline_to_document(pipeline)


def worst_deal(text: Text) -> dict[str, Any]:
    pipeline, _ = worst_pipeline(text)
    item = {"product_id": text(128), "name": text(200), "quantity": "999999.999", "unit_price": "0.01"}
    body = {
        "customer_id": REFERENCE, "title": text(200), "currency": "EUR", "probability": 100,
        "expected_close_date": "2999-12-31", "owner_id": text(128), "notes": text(deals.DEAL_NOTES_LENGTH),
        "line_items": [item] * deals.MAX_LINE_ITEMS, "pipeline_id": AUTO_ID, "stage": pipeline.stages[2].id,
    }
    data = deals.DealCreate.model_validate(body)
    deal = deals.new_deal(data, deal_id=AUTO_ID, pipeline=pipeline, currency="EUR", by=UID, now=NOW)
    open_stages: list[Stage] = pipeline.open_stages()
    for n in range(deals.MAX_HISTORY + 5):
        deal = deals.enter_stage(deal, pipeline, open_stages[n % len(open_stages)], by=UID, now=NOW)
    deal = deals.enter_stage(deal, pipeline, pipeline.first_lost(), by=UID, now=NOW, lost_reason=text(1000))
    deal = deal.model_copy(update={"won_base_cents": int(MAX_AMOUNT * 100)})
    assert len(deal.stage_history) == deals.MAX_HISTORY
    return deal_to_document(deal, pipeline)


def worst_order(text: Text) -> dict[str, Any]:
    address = {"line1": text(200), "line2": text(200), "city": text(100), "postal_code": text(20),
               "region": text(100), "country": text(100)}
    body = {
        "customer_id": REFERENCE, "order_number": "N" * 64, "total": str(MAX_AMOUNT), "currency": "EUR",
        "shipping_address": address, "notes": text(orders.ORDER_NOTES_LENGTH), "owner_id": text(128),
    }
    order = orders.new_order(orders.OrderCreate.model_validate(body), order_id=AUTO_ID, currency="EUR", by=UID,
                             now=NOW)
    for step in (orders.OrderStatus.CONFIRMED, orders.OrderStatus.PROCESSING, orders.OrderStatus.SHIPPED,
                 orders.OrderStatus.DELIVERED):
        order = orders.transition(order, step, by=UID, now=NOW)
    assert not orders.NEXT_STATUSES[order.status], "the longest status history ends in a final status"
    return order_to_document(order)


def worst_activity(text: Text) -> dict[str, Any]:
    body = {
        "type": "meeting", "subject": text(200), "description": text(activities.DESCRIPTION_LENGTH),
        "due_at": "2999-12-31T23:59:59Z", "status": "completed", "priority": "high", "customer_id": REFERENCE,
        "deal_id": REFERENCE, "owner_id": text(128),
    }
    data = activities.ActivityCreate.model_validate(body)
    activity = activities.new_activity(data, activity_id=AUTO_ID, customer_id=REFERENCE, by=UID, now=NOW)
    return activity_to_document(activity)


BUILDERS = {
    "customers": worst_customer,
    "deals": worst_deal,
    "orders": worst_order,
    "activities": worst_activity,
    "pipelines": lambda text: worst_pipeline(text)[1],
}


@pytest.mark.parametrize("alphabet", list(ALPHABETS))
@pytest.mark.parametrize("collection", list(BUILDERS))
def test_worst_case_document_stays_far_under_the_firestore_limit(collection: str, alphabet: str):
    document = BUILDERS[collection](Text(ALPHABETS[alphabet]))
    size = document_size(collection, document)
    assert size <= BUDGETS[alphabet] < FIRESTORE_MAX_DOCUMENT, f"{collection} ({alphabet}): {size / KiB:.0f} KiB"


def index_entries(collection: str, document: dict[str, Any]) -> int:
    """The index entries Firestore keeps for ``document``, by the declared indexes (firestore.indexes.json).

    Single-field indexes (https://firebase.google.com/docs/firestore/query-data/index-overview): every scalar,
    also inside maps, gets an ascending and a descending entry, every array an array-contains entry per distinct
    element; a field override replaces that for the field and its subfields (none, ascending only, ...).
    Composite indexes: one entry per index whose fields the document all has, times the distinct elements of its
    array-contains field.
    """
    declared = index_document()
    overrides = {o["fieldPath"]: o["indexes"] for o in declared["fieldOverrides"] if o["collectionGroup"] == collection}

    def single(value: Any, modes: list[dict[str, str]] | None) -> int:
        if isinstance(value, dict):
            return sum(single(item, modes) for item in value.values())
        if isinstance(value, list):
            wanted = modes is None or any("arrayConfig" in m for m in modes)
            return len({json.dumps(item, sort_keys=True, default=str) for item in value}) if wanted else 0
        return 2 if modes is None else sum(1 for m in modes if "order" in m)

    entries = sum(single(value, overrides.get(field)) for field, value in document.items())
    for index in declared["indexes"]:
        if index["collectionGroup"] != collection:
            continue
        paths = [f["fieldPath"] for f in index["fields"]]
        if all(path in document for path in paths):
            arrays = [len(set(document[f["fieldPath"]])) for f in index["fields"] if "arrayConfig" in f]
            entries += math.prod(arrays)
    return entries


@pytest.mark.parametrize("alphabet", list(ALPHABETS))
def test_worst_case_customer_stays_under_the_index_entry_limit(alphabet: str):
    document = worst_customer(Text(ALPHABETS[alphabet]))
    assert len(document["search_tokens"]) == MAX_SEARCH_TOKENS, "the worst case fills the search token cap"
    assert index_entries("customers", document) < MAX_INDEX_ENTRIES / 4


def test_index_entries_follow_the_declared_overrides():
    plain = {"name": "a", "tags": ["x", "y", "x"], "search_tokens": {"ab": True, "a": True},
             "search_rank": {"all": {"ab": 1}, "o_1": {"ab": 1}}, "notes": [{"text": "n"}]}
    composites = sum(1 for i in index_document()["indexes"] if i["collectionGroup"] == "customers"
                     and all(f["fieldPath"] in plain for f in i["fields"]))
    assert index_entries("customers", plain) == 2 + 2 + 2 + 2 + 0 + composites


def test_the_size_arithmetic_follows_firestore():
    """The worked example of the storage-size page: a task document of 147 bytes."""
    task = {"type": "Personal", "done": False, "priority": 1, "description": "Learn Cloud Firestore"}
    name = firestore_size("users") + firestore_size("jeff") + firestore_size("tasks")
    name += firestore_size("my_task_id") + 16
    assert name + firestore_size(task) + 32 == 147


def report(alphabet: str = "greek") -> dict[str, int]:
    """Sizes in bytes, for a quick look: ``python -m tests.unit.test_document_sizes``."""
    return {name: document_size(name, build(Text(ALPHABETS[alphabet]))) for name, build in BUILDERS.items()}


if __name__ == "__main__":
    for name in ALPHABETS:
        print(name, {key: f"{size / KiB:.1f} KiB" for key, size in report(name).items()},
              "customer index entries:", index_entries("customers", worst_customer(Text(ALPHABETS[name]))))
