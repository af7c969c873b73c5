"""Every limit, at its boundary: the most allowed passes, one more is refused with 422 naming the field (413 for the
raw body, 409 for a note too many, 400 for a page too large)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from crm.domain import activities, customers, deals, orders
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.pipelines import MAX_STAGES
from crm.settings import Settings
from tests.api.helpers import CUSTOMERS, assert_error, create_customer, customer_url, detail_fields

Body = Callable[[int], dict[str, Any]]


def texts(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(count)]


def product(**fields: Any) -> dict[str, Any]:
    return {"type": "product", **fields}


# (path, body of a given size, the most allowed, the field named when one more is sent)
CUSTOMER_LIMITS = [
    pytest.param(lambda n: {"name": "x" * n}, 200, "name", id="name length"),
    pytest.param(lambda n: {"organization": "x" * n}, 200, "organization", id="organization length"),
    pytest.param(lambda n: {"contacts": [{"type": "other", "value": v} for v in texts("c", n)]},
                 customers.MAX_CONTACTS, "contacts", id="contacts"),
    pytest.param(lambda n: {"contacts": [{"type": "other", "value": "v" * n}]},
                 customers.CONTACT_VALUE_LENGTH, "contacts.0.value", id="contact value length"),
    pytest.param(lambda n: {"tags": texts("t", n)}, customers.MAX_TAGS, "tags", id="tags"),
    pytest.param(lambda n: {"tags": ["t" * n]}, customers.TAG_LENGTH, "tags.0", id="tag length"),
    pytest.param(lambda n: {"notes": [{"text": t} for t in texts("note ", n)]},
                 customers.MAX_NOTES, "notes", id="notes"),
    pytest.param(lambda n: {"notes": [{"text": "n" * n}]}, customers.NOTE_LENGTH, "notes.0.text", id="note length"),
    pytest.param(lambda n: {"owned_items": [product(product_id=p) for p in texts("p", n)]},
                 customers.MAX_OWNED_ITEMS, "owned_items", id="owned items"),
    pytest.param(lambda n: {"owned_items": [product(serial_numbers=texts("s", n))]},
                 customers.MAX_SERIAL_NUMBERS, "owned_items.0.product.serial_numbers", id="serial numbers"),
    pytest.param(lambda n: {"owned_items": [product(serial_numbers=["s" * n])]},
                 customers.SERIAL_NUMBER_LENGTH, "owned_items.0.product.serial_numbers.0", id="serial number length"),
    pytest.param(lambda n: {"owned_items": [{"type": "freetext", "description": "d" * n}]},
                 customers.ITEM_TEXT_LENGTH, "owned_items.0.freetext.description", id="item text length"),
    pytest.param(lambda n: {"linked_user_ids": texts("u", n)}, customers.MAX_LINKED_USERS, "linked_user_ids",
                 id="linked users"),
    pytest.param(lambda n: {"nextcloud_folder": "f" * n}, 500, "nextcloud_folder", id="folder length"),
]


@pytest.mark.parametrize(("body", "most", "field"), CUSTOMER_LIMITS)
def test_customer_limits(client: FlaskClient, body: Body, most: int, field: str):
    accepted = client.post(CUSTOMERS, json={"name": "Limits", **body(most)})
    assert accepted.status_code == 201, accepted.get_json()
    refused = client.post(CUSTOMERS, json={"name": "Limits", **body(most + 1)})
    assert field in detail_fields(assert_error(refused, 422, "VALIDATION_FAILED"))


def test_a_customer_holding_the_most_notes_refuses_another(client: FlaskClient):
    notes = [{"text": f"note {i}"} for i in range(customers.MAX_NOTES)]
    customer = client.post(CUSTOMERS, json={"name": "Chatty", "notes": notes}).get_json()
    error = assert_error(client.post(customer_url(customer["id"], "notes"), json={"text": "one more"}),
                         409, "FAILED_PRECONDITION")
    assert str(customers.MAX_NOTES) in error["message"]


@pytest.mark.parametrize("length", [pytest.param(customers.NOTE_LENGTH, id="longest"),
                                    pytest.param(customers.NOTE_LENGTH + 1, id="one too long")])
def test_an_appended_note_is_limited_in_length(client: FlaskClient, length: int):
    customer = create_customer(client)
    response = client.post(customer_url(customer["id"], "notes"), json={"text": "n" * length})
    if length <= customers.NOTE_LENGTH:
        assert response.status_code == 201, response.get_json()
    else:
        assert "text" in detail_fields(assert_error(response, 422, "VALIDATION_FAILED"))


def line_items(n: int) -> list[dict[str, str]]:
    return [{"name": f"item {i}", "quantity": "1", "unit_price": "1.00"} for i in range(n)]


OTHER_LIMITS = [
    pytest.param("deals", lambda n: {"title": "t" * n}, 200, "title", id="deal title length"),
    pytest.param("deals", lambda n: {"notes": "n" * n}, deals.DEAL_NOTES_LENGTH, "notes", id="deal notes length"),
    pytest.param("deals", lambda n: {"line_items": line_items(n)}, deals.MAX_LINE_ITEMS, "line_items",
                 id="line items"),
    pytest.param("orders", lambda n: {"notes": "n" * n}, orders.ORDER_NOTES_LENGTH, "notes", id="order notes length"),
    pytest.param("activities", lambda n: {"subject": "s" * n}, 200, "subject", id="activity subject length"),
    pytest.param("activities", lambda n: {"description": "d" * n}, activities.DESCRIPTION_LENGTH, "description",
                 id="activity description length"),
]
BASES: dict[str, Callable[[str, int], dict[str, Any]]] = {
    "deals": lambda customer_id, n: {"customer_id": customer_id, "title": "Deal"},
    "orders": lambda customer_id, n: {"customer_id": customer_id, "order_number": f"LIM-{n}", "total": "1.00"},
    "activities": lambda customer_id, n: {"customer_id": customer_id, "type": "call", "subject": "Call"},
}


@pytest.mark.parametrize(("kind", "body", "most", "field"), OTHER_LIMITS)
def test_deal_order_and_activity_limits(client: FlaskClient, kind: str, body: Body, most: int, field: str):
    customer_id = create_customer(client)["id"]
    accepted = client.post(f"/api/crm/{kind}", json={**BASES[kind](customer_id, 1), **body(most)})
    assert accepted.status_code == 201, accepted.get_json()
    refused = client.post(f"/api/crm/{kind}", json={**BASES[kind](customer_id, 2), **body(most + 1)})
    assert field in detail_fields(assert_error(refused, 422, "VALIDATION_FAILED"))


def stages(count: int) -> list[dict[str, Any]]:
    kinds = ["won", "lost"] + ["open"] * (count - 2)
    return [{"id": f"s{i}", "name": f"Stage {i}", "probability": 50, "kind": kind} for i, kind in enumerate(kinds)]


def test_pipeline_stage_limit(client: FlaskClient):
    accepted = client.post("/api/crm/pipelines", json={"name": "Long", "stages": stages(MAX_STAGES)})
    assert accepted.status_code == 201, accepted.get_json()
    refused = client.post("/api/crm/pipelines", json={"name": "Too long", "stages": stages(MAX_STAGES + 1)})
    assert "stages" in detail_fields(assert_error(refused, 422, "VALIDATION_FAILED"))


@pytest.mark.parametrize("path", ["customers", "deals", "orders", "activities"])
def test_page_size_limit(client: FlaskClient, path: str):
    assert client.get(f"/api/crm/{path}", query_string={"page_size": MAX_PAGE_SIZE}).status_code == 200
    refused = client.get(f"/api/crm/{path}", query_string={"page_size": MAX_PAGE_SIZE + 1})
    assert "page_size" in detail_fields(assert_error(refused, 400, "INVALID_ARGUMENT"))


def test_the_body_limit_counts_bytes(client: FlaskClient, settings: Settings):
    """A body of exactly the limit is read; one byte more is refused before it is parsed."""
    opening = '{"name": "Padded"'
    padding = " " * (settings.max_body_bytes - len(opening) - 1)
    at_limit = (opening + padding + "}").encode()
    assert len(at_limit) == settings.max_body_bytes
    accepted = client.post(CUSTOMERS, data=at_limit, content_type="application/json")
    assert accepted.status_code == 201, accepted.get_json()
    refused = client.post(CUSTOMERS, data=at_limit + b" ", content_type="application/json")
    assert_error(refused, 413, "PAYLOAD_TOO_LARGE")


def test_a_customer_at_every_limit_fits_in_one_request(client: FlaskClient, settings: Settings):
    """The largest customer the models accept, in ASCII, is within the body limit, and is stored."""
    c = customers
    item = {"type": "product", "product_id": "p" * 100, "product_name": "n" * 200, "quantity": 1,
            "serial_numbers": ["s" * c.SERIAL_NUMBER_LENGTH] * c.MAX_SERIAL_NUMBERS, "notes": "x" * c.ITEM_TEXT_LENGTH}
    body = {
        "name": "n" * 200, "organization": "o" * 200, "nextcloud_folder": "f" * 500,
        "location": {"city": "c" * 100, "country": "c" * 100, "region": "r" * 100},
        "contacts": [{"type": "other", "label": "l" * 100, "value": f"{i:03d}".ljust(c.CONTACT_VALUE_LENGTH, "v")}
                     for i in range(c.MAX_CONTACTS)],
        "tags": [f"{i:03d}".ljust(c.TAG_LENGTH, "t") for i in range(c.MAX_TAGS)],
        "notes": [{"text": "n" * c.NOTE_LENGTH}] * c.MAX_NOTES,
        "owned_items": [item] * c.MAX_OWNED_ITEMS,
        "linked_user_ids": [f"{i:03d}".ljust(128, "u") for i in range(c.MAX_LINKED_USERS)],
    }
    assert len(json.dumps(body).encode()) < settings.max_body_bytes
    response = client.post(CUSTOMERS, json=body)
    assert response.status_code == 201, response.get_json()
    assert len(client.get(customer_url(response.get_json()["id"])).get_json()["notes"]) == c.MAX_NOTES


@pytest.mark.parametrize("record_id", [pytest.param("__reserved__", id="reserved"), pytest.param("..", id="dots")])
def test_an_id_firestore_cannot_hold_is_not_found(client: FlaskClient, record_id: str):
    assert_error(client.get(customer_url(record_id)), 404, "NOT_FOUND")
