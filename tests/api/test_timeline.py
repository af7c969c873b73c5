"""GET /crm/customers/{id}/timeline: a customer's history newest first, by whom, paged and filtered."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

DEALS = "/api/crm/deals"
ORDERS = "/api/crm/orders"
ACTIVITIES = "/api/crm/activities"


def timeline(client, customer_id: str, **params: Any) -> dict[str, Any]:
    response = client.get(customer_url(customer_id, "timeline"), query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ok(response) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.get_json()
    return response.get_json()


@pytest.fixture
def history(client) -> dict[str, Any]:
    """A customer created, edited, noted; a deal opened and moved; an order placed; a call logged and done."""
    customer = create_customer(client, name="Arcade Fans")
    ok(client.patch(customer_url(customer["id"]), json={"tags": ["vip"]}))
    ok(client.post(customer_url(customer["id"], "notes"), json={"text": "Wants two cabinets"}))
    deal = ok(client.post(DEALS, json={"customer_id": customer["id"], "title": "Arcade", "value": "900.00"}))
    ok(client.post(f"{DEALS}/{deal['id']}/move-stage", json={"stage": "negotiation"}))
    order = ok(client.post(ORDERS, json={"customer_id": customer["id"], "order_number": "SO-7", "total": "50.00"}))
    ok(client.post(f"{ORDERS}/{order['id']}/transition", json={"status": "confirmed"}))
    call = ok(client.post(ACTIVITIES, json={"type": "call", "subject": "Follow up", "customer_id": customer["id"]}))
    ok(client.post(f"{ACTIVITIES}/{call['id']}/complete"))
    return customer


EXPECTED = [
    "call 'Follow up' completed",
    "call 'Follow up' added",
    "order SO-7 confirmed",
    "order SO-7 created",
    "deal 'Arcade' moved from lead to negotiation",
    "deal 'Arcade' created in lead",
    "note added",
    "customer 'Arcade Fans' edited: tags",
    "customer 'Arcade Fans' created",
]


def test_the_timeline_tells_the_history_newest_first(client, history):
    page = timeline(client, history["id"])

    assert [e["summary"] for e in page["results"]] == EXPECTED
    assert (page["total"], page["total_exact"], page["page"], page["page_size"], page["next_cursor"]) == (
        len(EXPECTED), True, 1, 25, None)
    stamps = [e["at"] for e in page["results"]]
    assert stamps == sorted(stamps, reverse=True)


def test_each_entry_names_the_caller_and_carries_the_raw_changes(client, token_for, history):
    other = client.application.test_client()
    other.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for('bob', role='manager')}"
    ok(other.post(customer_url(history["id"], "upgrade")))

    newest, *rest = timeline(client, history["id"])["results"]

    assert {e["by"] for e in rest} == {"user-1"}
    assert newest["by"] == "bob"
    assert newest["changes"] == {"status": {"before": "lead", "after": "customer"}}
    assert set(newest) == {"id", "entity", "entity_id", "customer_id", "owner_id", "action", "by", "at", "summary",
                           "label", "changes", "previous_known", "omitted"}
    assert (newest["entity"], newest["entity_id"], newest["customer_id"], newest["action"]) == (
        "customer", history["id"], history["id"], "update")


def test_a_cursor_walks_every_entry_once(client, history):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"page_size": 4} | ({"cursor": cursor} if cursor else {})
        page = timeline(client, history["id"], **params)
        seen += [e["summary"] for e in page["results"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert (seen, pages) == (EXPECTED, 3)
    assert [e["summary"] for e in timeline(client, history["id"], page_size=4, page=3)["results"]] == EXPECTED[8:]


@pytest.mark.parametrize(("entity", "expected"), [
    pytest.param("deal", EXPECTED[4:6], id="deal"),
    pytest.param("order", EXPECTED[2:4], id="order"),
    pytest.param("activity", EXPECTED[0:2], id="activity"),
    pytest.param("customer", EXPECTED[6:], id="customer"),
    pytest.param("pipeline", [], id="pipeline"),
])
def test_entries_filter_by_kind_of_record(client, history, entity, expected):
    page = timeline(client, history["id"], entity=entity)

    assert [e["summary"] for e in page["results"]] == expected
    assert page["total"] == len(expected)


def test_a_cursor_is_bound_to_its_filter(client, history):
    cursor = timeline(client, history["id"], page_size=1)["next_cursor"]

    response = client.get(customer_url(history["id"], "timeline"), query_string={"cursor": cursor, "entity": "deal"})

    assert detail_fields(assert_error(response, 400, "INVALID_ARGUMENT")) == ["cursor"]


def test_a_rep_sees_the_entries_of_the_records_they_own(client, app, token_for):
    rep = app.test_client()
    rep.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for('bob', role='rep')}"
    customer = ok(rep.post("/api/crm/customers", json={"name": "Bob's Arcade"}))
    ok(rep.post(DEALS, json={"customer_id": customer["id"], "title": "Bob's deal"}))
    ok(client.post(DEALS, json={"customer_id": customer["id"], "title": "Carol's deal", "owner_id": "carol"}))

    seen_by_rep = [e["summary"] for e in timeline(rep, customer["id"])["results"]]
    seen_by_admin = [e["summary"] for e in timeline(client, customer["id"])["results"]]

    assert seen_by_rep == ["deal 'Bob's deal' created in lead", "customer 'Bob's Arcade' created"]
    assert seen_by_admin == ["deal 'Carol's deal' created in lead", *seen_by_rep]


def test_an_unknown_customer_has_no_timeline(client):
    assert_error(client.get(customer_url("nobody", "timeline")), 404, "NOT_FOUND")


def test_a_deleted_customer_has_no_timeline(client):
    customer = create_customer(client)
    assert client.delete(customer_url(customer["id"])).status_code == 204

    assert_error(client.get(customer_url(customer["id"], "timeline")), 404, "NOT_FOUND")


@pytest.mark.parametrize("params", [
    pytest.param({"entity": "invoice"}, id="unknown entity"),
    pytest.param({"page_size": "0"}, id="page size 0"),
    pytest.param({"page_size": "101"}, id="page size 101"),
    pytest.param({"since": "yesterday"}, id="unknown parameter"),
])
def test_bad_parameters_are_refused(client, params):
    customer = create_customer(client)

    assert_error(client.get(customer_url(customer["id"], "timeline"), query_string=params), 400, "INVALID_ARGUMENT")


def test_the_timeline_needs_a_caller(anonymous):
    assert_error(anonymous.get(customer_url("any", "timeline")), 401, "UNAUTHENTICATED")
