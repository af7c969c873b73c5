"""Bad deal bodies (422 naming each field, server-owned fields refused) and bad list queries (400) over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import CUSTOMERS, assert_error, create_customer, detail_fields

DEALS = "/api/crm/deals"


@pytest.fixture
def customer_id(client) -> str:
    return create_customer(client)["id"]


@pytest.fixture
def deal_url(client, customer_id) -> str:
    response = client.post(DEALS, json={"customer_id": customer_id, "title": "Arcade"})
    assert response.status_code == 201, response.get_json()
    return f"{DEALS}/{response.get_json()['id']}"


def item(**overrides: Any) -> dict[str, Any]:
    return {"name": "Cabinet", "quantity": "1", "unit_price": "10.00", **overrides}


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"customer_id": None}, "customer_id", id="missing customer"),
    pytest.param({"title": None}, "title", id="missing title"),
    pytest.param({"title": "   "}, "title", id="blank title"),
    pytest.param({"title": "t" * 201}, "title", id="201-char title"),
    pytest.param({"value": "-0.01"}, "value", id="negative value"),
    pytest.param({"value": "1.005"}, "value", id="three decimals"),
    pytest.param({"value": "ten"}, "value", id="value not a number"),
    pytest.param({"value": "1000000000000.01"}, "value", id="value past the limit"),
    pytest.param({"currency": "EURO"}, "currency", id="four-letter currency"),
    pytest.param({"currency": "QQQ"}, "currency", id="unknown currency"),
    pytest.param({"probability": 101}, "probability", id="probability 101"),
    pytest.param({"probability": "high"}, "probability", id="probability not a number"),
    pytest.param({"expected_close_date": "31/12/2024"}, "expected_close_date", id="bad date"),
    pytest.param({"notes": "n" * 5001}, "notes", id="5001-char notes"),
    pytest.param({"line_items": [item(quantity="0")]}, "line_items.0.quantity", id="zero quantity"),
    pytest.param({"line_items": [item(unit_price="-1")]}, "line_items.0.unit_price", id="negative price"),
    pytest.param({"line_items": [item(name="")]}, "line_items.0.name", id="unnamed item"),
    pytest.param({"line_items": [item(total="10.00")]}, "line_items.0.total", id="item total is derived"),
    pytest.param({"line_items": [item()], "value": "11.00"}, None, id="value disagrees with items"),
    pytest.param({"line_items": [item(quantity="1000000", unit_price="1000000000000")]}, None,
                 id="items add up past the limit"),
    pytest.param({"colour": "red"}, "colour", id="unknown field"),
    pytest.param({"pipeline_id": "nope"}, "pipeline_id", id="unknown pipeline"),
    pytest.param({"stage": "nowhere"}, "stage", id="unknown stage"),
    pytest.param({"currency": "USD"}, "currency", id="currency without a rate"),
    pytest.param({"customer_id": "no-such-customer"}, "customer_id", id="unknown customer"),
])
def test_bad_deal_bodies_are_422_naming_the_field(client, customer_id, body, field):
    full = {"customer_id": customer_id, "title": "Arcade", **body}
    full = {k: v for k, v in full.items() if v is not None}
    error = assert_error(client.post(DEALS, json=full), 422, "VALIDATION_FAILED")
    assert error["details"], error
    if field:
        assert field in detail_fields(error), error
    assert client.get(DEALS).get_json()["total"] == 0


@pytest.mark.parametrize("field", [
    "id", "status", "closed_at", "stage_history", "expected_revenue", "created_at", "updated_at", "stage_entered_at"])
def test_server_owned_fields_are_refused_on_create(client, customer_id, field):
    body = {"customer_id": customer_id, "title": "Arcade", field: "x"}
    error = assert_error(client.post(DEALS, json=body), 422, "VALIDATION_FAILED")
    assert error["details"] == [{"field": field, "message": "set by the server; it cannot be written",
                                 "type": "server_owned"}]


@pytest.mark.parametrize("field", [
    "id", "status", "stage", "pipeline_id", "customer_id", "lost_reason", "closed_at", "stage_history",
    "expected_revenue", "updated_at"])
def test_server_owned_and_transition_fields_are_refused_on_update(client, deal_url, field):
    error = assert_error(client.patch(deal_url, json={field: "x"}), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == [field]


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"title": None}, None, id="null title"),
    pytest.param({"value": None}, None, id="null value"),
    pytest.param({"currency": None}, None, id="null currency"),
    pytest.param({"line_items": None}, None, id="null line items"),
    pytest.param({"value": "-5"}, "value", id="negative value"),
    pytest.param({"currency": "USD"}, "currency", id="currency without a rate"),
    pytest.param({"probability": 150}, "probability", id="probability 150"),
    pytest.param({"unknown": 1}, "unknown", id="unknown field"),
])
def test_bad_deal_updates_are_422(client, deal_url, body, field):
    before = client.get(deal_url).get_json()
    error = assert_error(client.patch(deal_url, json=body), 422, "VALIDATION_FAILED")
    assert error["details"] and (field is None or field in detail_fields(error)), error
    assert client.get(deal_url).get_json() == before


@pytest.mark.parametrize(("send", "status", "code"), [
    pytest.param({"data": "", "content_type": "application/json"}, 400, "INVALID_ARGUMENT", id="empty body"),
    pytest.param({"data": "{not json", "content_type": "application/json"}, 400, "INVALID_ARGUMENT",
                 id="malformed JSON"),
    pytest.param({"data": "title=x", "content_type": "application/x-www-form-urlencoded"}, 415,
                 "UNSUPPORTED_MEDIA_TYPE", id="a form"),
    pytest.param({"json": ["title"]}, 422, "VALIDATION_FAILED", id="an array"),
])
def test_bodies_that_are_not_json_objects(client, deal_url, send, status, code):
    assert_error(client.patch(deal_url, **send), status, code)
    assert_error(client.post(DEALS, **send), status, code)


def test_reopen_bodies_must_be_json_objects_when_present(client, deal_url):
    assert client.post(f"{deal_url}/mark-won").status_code == 200
    assert_error(client.post(f"{deal_url}/reopen", data="stage=lead", content_type="text/plain"), 415,
                 "UNSUPPORTED_MEDIA_TYPE")
    assert "stage" in detail_fields(assert_error(client.post(f"{deal_url}/reopen", json={"stage": ""}), 422,
                                                 "VALIDATION_FAILED"))


QUERIES = [
    pytest.param("page_size=0", "page_size", id="page_size 0"),
    pytest.param("page_size=101", "page_size", id="page_size 101"),
    pytest.param("page=0", "page", id="page 0"),
    pytest.param("page=x", "page", id="page not a number"),
    pytest.param("order_by=title", "order_by", id="unknown order_by"),
    pytest.param("order_by=--value", "order_by", id="doubled minus"),
    pytest.param("status=pending", "status", id="unknown status"),
    pytest.param("expected_close_from=tomorrow", "expected_close_from", id="bad from date"),
    pytest.param("expected_close_to=2024-02-30", "expected_close_to", id="impossible to date"),
    pytest.param("colour=red", "colour", id="unknown parameter"),
    pytest.param("stage=a&stage=b", "stage", id="repeated parameter"),
    pytest.param("cursor=garbage", "cursor", id="garbage cursor"),
    pytest.param("pipeline_id=" + "p" * 129, "pipeline_id", id="129-char pipeline id"),
]


@pytest.mark.parametrize(("query", "field"), QUERIES)
def test_bad_list_queries_are_400_naming_the_parameter(client, query, field):
    error = assert_error(client.get(f"{DEALS}?{query}"), 400, "INVALID_ARGUMENT")
    assert field in detail_fields(error), error


@pytest.mark.parametrize(("query", "field"), QUERIES[:4])
def test_bad_customer_deal_queries_are_400(client, customer_id, query, field):
    error = assert_error(client.get(f"{CUSTOMERS}/{customer_id}/deals?{query}"), 400, "INVALID_ARGUMENT")
    assert field in detail_fields(error), error


@pytest.mark.parametrize(("query", "word"), [
    pytest.param("expected_close_from=2024-01-01&order_by=value", "expected_close_date", id="range with order_by"),
    pytest.param("expected_close_from=2024-02-01&expected_close_to=2024-01-01", "after", id="range backwards"),
    pytest.param("page=202&page_size=25", "next_cursor", id="page past the offset limit"),
])
def test_bad_combinations_are_400_explaining_them(client, query, word):
    error = assert_error(client.get(f"{DEALS}?{query}"), 400, "INVALID_ARGUMENT")
    assert any(word in d["message"] for d in error["details"]), error


def test_a_cursor_from_another_query_is_400(client, customer_id):
    for n in range(3):
        client.post(DEALS, json={"customer_id": customer_id, "title": f"d{n}"})
    cursor = client.get(f"{DEALS}?page_size=1&order_by=value").get_json()["next_cursor"]
    assert cursor
    error = assert_error(client.get(f"{DEALS}?page_size=1&order_by=-value&cursor={cursor}"), 400, "INVALID_ARGUMENT")
    assert detail_fields(error) == ["cursor"]
