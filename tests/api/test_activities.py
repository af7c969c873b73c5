"""Activities through HTTP: every endpoint, the customer's last activity, list filters and paging, bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

ACTIVITIES = "/api/crm/activities"
NOW = datetime.now(UTC)
LIST_KEYS = {"results", "total", "total_exact", "page", "page_size", "next_cursor"}


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def activity_url(activity_id: str, action: str = "") -> str:
    return f"{ACTIVITIES}/{activity_id}" + (f"/{action}" if action else "")


def add(client: FlaskClient, customer_id: str, **fields: Any) -> dict[str, Any]:
    response = client.post(ACTIVITIES, json={"type": "call", "subject": "Call back", "customer_id": customer_id,
                                             **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def open_deal(client: FlaskClient, customer_id: str) -> dict[str, Any]:
    response = client.post("/api/crm/deals", json={"customer_id": customer_id, "title": "Arcade"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def customer(client) -> dict[str, Any]:
    return create_customer(client)


@pytest.fixture
def activity(client, customer) -> dict[str, Any]:
    return add(client, customer["id"], due_at=iso(NOW + timedelta(days=1)))


# --- create and read --------------------------------------------------------------------------------------------

def test_create_answers_201_with_location_and_the_record(client, customer):
    response = client.post(ACTIVITIES, json={
        "type": "meeting", "subject": "  Demo at their office ", "description": "Bring the cabinet",
        "due_at": "2026-05-01T12:00:00+03:00", "priority": "high", "customer_id": customer["id"],
    })
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"].endswith(f"{ACTIVITIES}/{body['id']}")
    assert {k: body[k] for k in ("type", "subject", "description", "priority", "status", "owner_id", "deal_id",
                                 "completed_at")} == {
        "type": "meeting", "subject": "Demo at their office", "description": "Bring the cabinet",
        "priority": "high", "status": "scheduled", "owner_id": "user-1", "deal_id": None, "completed_at": None,
    }
    assert datetime.fromisoformat(body["due_at"]) == datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    assert body["created_at"] == body["updated_at"]
    assert client.get(response.headers["Location"]).get_json() == body


def test_create_with_a_deal_alone_takes_the_deals_customer(client, customer):
    deal = open_deal(client, customer["id"])
    response = client.post(ACTIVITIES, json={"type": "email", "subject": "Offer sent", "deal_id": deal["id"]})
    assert response.status_code == 201, response.get_json()
    assert (response.get_json()["customer_id"], response.get_json()["deal_id"]) == (customer["id"], deal["id"])


def test_the_owner_may_be_given(client, customer):
    assert add(client, customer["id"], owner_id="rep-7")["owner_id"] == "rep-7"


def test_creating_an_activity_sets_the_customers_last_activity(client, customer):
    assert client.get(customer_url(customer["id"])).get_json()["last_activity_at"] is None
    created = add(client, customer["id"])
    assert client.get(customer_url(customer["id"])).get_json()["last_activity_at"] == created["created_at"]
    done = client.post(activity_url(created["id"], "complete")).get_json()
    assert client.get(customer_url(customer["id"])).get_json()["last_activity_at"] == done["completed_at"]


def test_clients_cannot_write_the_customers_last_activity(client, customer):
    response = client.patch(customer_url(customer["id"]), json={"last_activity_at": iso(NOW)})
    error = assert_error(response, 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["last_activity_at"]


@pytest.mark.parametrize("method", ["GET", "PATCH", "PUT", "DELETE"])
def test_an_unknown_activity_is_404(client, method):
    response = client.open(activity_url("no-such-activity"), method=method,
                           json=None if method in ("GET", "DELETE") else {"subject": "x"})
    assert_error(response, 404, "NOT_FOUND")


# --- update, complete, delete -----------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["PATCH", "PUT"])
def test_patch_and_put_change_only_the_fields_given(client, activity, method):
    response = client.open(activity_url(activity["id"]), method=method, json={"subject": "Call again",
                                                                              "due_at": None})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["subject"], body["due_at"], body["type"], body["priority"]) == ("Call again", None, "call", "normal")
    assert body["updated_at"] > activity["updated_at"]
    assert client.get(activity_url(activity["id"])).get_json() == body


def test_status_changes_move_completed_at(client, activity):
    url = activity_url(activity["id"])
    completed = client.patch(url, json={"status": "completed"}).get_json()
    assert completed["completed_at"] is not None
    assert client.patch(url, json={"status": "completed"}).get_json()["completed_at"] == completed["completed_at"]
    assert client.patch(url, json={"status": "in_progress"}).get_json()["completed_at"] is None


def test_complete_then_again_is_409(client, activity):
    done = client.post(activity_url(activity["id"], "complete"))
    assert done.status_code == 200, done.get_json()
    assert (done.get_json()["status"], done.get_json()["completed_at"] is not None) == ("completed", True)
    assert_error(client.post(activity_url(activity["id"], "complete")), 409, "FAILED_PRECONDITION")


def test_a_cancelled_activity_cannot_be_completed(client, activity):
    assert client.patch(activity_url(activity["id"]), json={"status": "cancelled"}).status_code == 200
    assert_error(client.post(activity_url(activity["id"], "complete")), 409, "FAILED_PRECONDITION")
    assert_error(client.patch(activity_url(activity["id"]), json={"status": "completed"}), 409, "FAILED_PRECONDITION")


def test_completing_an_unknown_activity_is_404(client):
    assert_error(client.post(activity_url("no-such-activity", "complete")), 404, "NOT_FOUND")


def test_delete_answers_204_and_the_activity_is_gone(client, activity):
    assert client.delete(activity_url(activity["id"])).status_code == 204
    assert_error(client.get(activity_url(activity["id"])), 404, "NOT_FOUND")
    assert_error(client.delete(activity_url(activity["id"])), 404, "NOT_FOUND")


# --- links ------------------------------------------------------------------------------------------------------

def test_bad_links_are_422_on_their_field(client, customer):
    other = create_customer(client)
    deal = open_deal(client, other["id"])
    cases = [
        ({"customer_id": "no-such-customer"}, "customer_id"),
        ({"deal_id": "no-such-deal"}, "deal_id"),
        ({"customer_id": customer["id"], "deal_id": deal["id"]}, "deal_id"),
        ({}, "customer_id"),
    ]
    for links, field in cases:
        response = client.post(ACTIVITIES, json={"type": "task", "subject": "Check", **links})
        error = assert_error(response, 422, "VALIDATION_FAILED")
        assert detail_fields(error)[0] == field, (links, error)


def test_an_activity_of_a_deleted_customer_is_refused(client, customer):
    assert client.delete(customer_url(customer["id"])).status_code == 204
    response = client.post(ACTIVITIES, json={"type": "task", "subject": "Check", "customer_id": customer["id"]})
    assert detail_fields(assert_error(response, 422, "VALIDATION_FAILED")) == ["customer_id"]


def test_relinking_to_another_customers_deal_moves_the_activity(client, activity):
    other = create_customer(client)
    deal = open_deal(client, other["id"])
    moved = client.patch(activity_url(activity["id"]), json={"deal_id": deal["id"]})
    assert moved.status_code == 200, moved.get_json()
    assert (moved.get_json()["customer_id"], moved.get_json()["deal_id"]) == (other["id"], deal["id"])
    refused = client.patch(activity_url(activity["id"]), json={"customer_id": activity["customer_id"]})
    assert detail_fields(assert_error(refused, 422, "VALIDATION_FAILED")) == ["deal_id"]


# --- bad bodies -------------------------------------------------------------------------------------------------

BAD_FIELDS = [
    pytest.param({"type": "fax"}, "type", id="unknown type"),
    pytest.param({"type": None}, "type", id="null type"),
    pytest.param({"subject": ""}, "subject", id="empty subject"),
    pytest.param({"subject": "x" * 201}, "subject", id="201-char subject"),
    pytest.param({"subject": 42}, "subject", id="number as subject"),
    pytest.param({"description": "x" * 5001}, "description", id="5001-char description"),
    pytest.param({"due_at": "2026-05-01T09:00:00"}, "due_at", id="naive due_at"),
    pytest.param({"due_at": "tomorrow"}, "due_at", id="due_at not a datetime"),
    pytest.param({"status": "done"}, "status", id="unknown status"),
    pytest.param({"status": None}, "status", id="null status"),
    pytest.param({"priority": "urgent"}, "priority", id="unknown priority"),
    pytest.param({"customer_id": ""}, "customer_id", id="empty customer_id"),
    pytest.param({"owner_id": None}, "owner_id", id="null owner"),
    pytest.param({"colour": "red"}, "colour", id="unknown field"),
    pytest.param({"id": "mine"}, "id", id="server-owned id"),
    pytest.param({"created_at": "2026-01-01T00:00:00Z"}, "created_at", id="server-owned created_at"),
    pytest.param({"updated_at": "2026-01-01T00:00:00Z"}, "updated_at", id="server-owned updated_at"),
    pytest.param({"completed_at": "2026-01-01T00:00:00Z"}, "completed_at", id="server-owned completed_at"),
]


@pytest.mark.parametrize("method", ["POST", "PATCH"])
@pytest.mark.parametrize(("body", "field"), BAD_FIELDS)
def test_bad_field_is_422_naming_it(client, customer, activity, method, body, field):
    if method == "POST":
        response = client.post(ACTIVITIES, json={"type": "call", "subject": "Valid", "customer_id": customer["id"],
                                                 **body})
    else:
        response = client.patch(activity_url(activity["id"]), json=body)
    error = assert_error(response, 422, "VALIDATION_FAILED")
    assert detail_fields(error) == [field]


def test_a_naive_due_at_says_it_needs_a_timezone(client, customer):
    response = client.post(ACTIVITIES, json={"type": "call", "subject": "x", "customer_id": customer["id"],
                                             "due_at": "2026-05-01T09:00:00"})
    error = assert_error(response, 422, "VALIDATION_FAILED")
    assert "needs a timezone" in error["details"][0]["message"]


@pytest.mark.parametrize("missing", ["type", "subject"])
def test_create_without_a_required_field_is_422(client, customer, missing):
    body = {"type": "call", "subject": "x", "customer_id": customer["id"]}
    del body[missing]
    assert detail_fields(assert_error(client.post(ACTIVITIES, json=body), 422, "VALIDATION_FAILED")) == [missing]


# --- lists ------------------------------------------------------------------------------------------------------

@pytest.fixture
def agenda(client, customer) -> dict[str, dict[str, Any]]:
    other = create_customer(client)
    return {
        "late": add(client, customer["id"], due_at=iso(NOW - timedelta(days=2))),
        "late_done": add(client, customer["id"], due_at=iso(NOW - timedelta(days=1)), status="completed"),
        "soon": add(client, customer["id"], due_at=iso(NOW + timedelta(days=1)), type="task", priority="high"),
        "undated": add(client, customer["id"], type="note"),
        "elsewhere": add(client, other["id"], due_at=iso(NOW - timedelta(days=3))),
    }


def names(agenda: dict[str, dict[str, Any]], response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == LIST_KEYS
    by_id = {a["id"]: name for name, a in agenda.items()}
    return [by_id[a["id"]] for a in body["results"]]


def test_the_list_is_ordered_by_due_at_with_undated_last(client, agenda):
    assert names(agenda, client.get(ACTIVITIES)) == ["elsewhere", "late", "late_done", "soon", "undated"]


def test_a_customers_activities(client, agenda, customer):
    url = customer_url(customer["id"], "activities")
    assert names(agenda, client.get(url)) == ["late", "late_done", "soon", "undated"]
    assert names(agenda, client.get(url, query_string={"type": "task"})) == ["soon"]
    assert client.get(url).get_json()["total"] == 4


@pytest.mark.parametrize(("query", "expected"), [
    pytest.param({"overdue": "true"}, ["elsewhere", "late"], id="overdue"),
    pytest.param({"overdue": "true", "order_by": "-due_at"}, ["late", "elsewhere"], id="overdue descending"),
    pytest.param({"status": "completed"}, ["late_done"], id="status"),
    pytest.param({"open": "true"}, ["elsewhere", "late", "soon", "undated"], id="open, undated last"),
    pytest.param({"open": "true", "due_to": iso(NOW)}, ["elsewhere", "late"], id="open and due by now"),
    pytest.param({"type": "note"}, ["undated"], id="type"),
    pytest.param({"owner_id": "user-1", "order_by": "priority"}, ["soon", "elsewhere", "late", "late_done",
                                                                   "undated"], id="owner by priority"),
    pytest.param({"due_from": iso(NOW - timedelta(days=2)), "due_to": iso(NOW + timedelta(days=1))},
                 ["late", "late_done", "soon"], id="due range"),
    pytest.param({"due_from": iso(NOW)}, ["soon"], id="due from, undated left out"),
    pytest.param({"order_by": "-created_at"}, ["elsewhere", "undated", "soon", "late_done", "late"], id="newest first"),
])
def test_list_filters_and_orders(client, agenda, query, expected):
    assert names(agenda, client.get(ACTIVITIES, query_string=query)) == expected


def test_a_deal_filter(client, customer):
    deal = open_deal(client, customer["id"])
    add(client, customer["id"])
    linked = add(client, customer["id"], deal_id=deal["id"])
    listed = client.get(ACTIVITIES, query_string={"deal_id": deal["id"]}).get_json()
    assert [a["id"] for a in listed["results"]] == [linked["id"]]


def test_an_unencoded_plus_offset_still_reads_as_an_offset(client, agenda):
    moment = (NOW + timedelta(hours=12)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    response = client.get(f"{ACTIVITIES}?due_from={moment}+00:00")
    assert names(agenda, response) == ["soon"]


def test_cursor_paging_through_http(client, customer):
    made = [add(client, customer["id"], due_at=iso(NOW + timedelta(days=n)))["id"] for n in (3, 1, 2)]
    first = client.get(ACTIVITIES, query_string={"page_size": 2}).get_json()
    assert (first["total"], first["page"], len(first["results"])) == (3, 1, 2)
    second = client.get(ACTIVITIES, query_string={"page_size": 2, "cursor": first["next_cursor"]}).get_json()
    assert (second["page"], second["next_cursor"]) == (2, None)
    assert [a["id"] for a in first["results"] + second["results"]] == [made[1], made[2], made[0]]


@pytest.mark.parametrize(("query", "field"), [
    pytest.param({"overdue": "false"}, None, id="overdue=false"),
    pytest.param({"overdue": "true", "status": "cancelled"}, None, id="overdue and cancelled"),
    pytest.param({"overdue": "true", "order_by": "created_at"}, None, id="overdue ordered by created_at"),
    pytest.param({"due_from": "2026-01-01T00:00:00Z", "order_by": "priority"}, None, id="range ordered by priority"),
    pytest.param({"due_to": "2026-01-01T00:00:00"}, "due_to", id="naive due_to"),
    pytest.param({"due_from": "soon"}, "due_from", id="due_from not a datetime"),
    pytest.param({"order_by": "subject"}, "order_by", id="unknown order"),
    pytest.param({"type": "fax"}, "type", id="unknown type"),
    pytest.param({"page_size": "101"}, "page_size", id="page too big"),
    pytest.param({"colour": "red"}, "colour", id="unknown parameter"),
    pytest.param({"cursor": "garbage"}, "cursor", id="bad cursor"),
])
def test_bad_list_parameters_are_400(client, query, field):
    error = assert_error(client.get(ACTIVITIES, query_string=query), 400, "INVALID_ARGUMENT")
    assert detail_fields(error) == [field]
