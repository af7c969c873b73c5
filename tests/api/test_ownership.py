"""Ownership over HTTP: reps reach only their own records, only managers and admins name other owners, and a
reassigned record moves with its owner."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from flask.testing import FlaskClient

from crm.identity import Role, create_api_key
from tests.api.helpers import CUSTOMERS, assert_error, detail_fields
from tests.utils.factories import customer_body

_serial = itertools.count(1)


def created(response) -> dict[str, Any]:
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def book(client: FlaskClient, owner: str) -> dict[str, str]:
    """A customer with a deal, an order and an activity, all owned by ``owner`` (made by an admin client)."""
    customer = created(client.post(CUSTOMERS, json=customer_body(owner_id=owner)))["id"]
    deal = created(client.post("/api/crm/deals", json={"customer_id": customer, "title": "D", "owner_id": owner}))
    order = created(client.post("/api/crm/orders", json={"customer_id": customer, "owner_id": owner,
                                                         "order_number": f"OW-{next(_serial)}", "total": "1"}))
    activity = created(client.post("/api/crm/activities", json={"type": "call", "subject": "S",
                                                                 "customer_id": customer, "owner_id": owner}))
    return {"customers": customer, "deals": deal["id"], "orders": order["id"], "activities": activity["id"]}


LISTS = ["customers", "deals", "orders", "activities"]


@pytest.mark.parametrize("kind", LISTS)
def test_a_rep_lists_only_their_own_records_and_a_manager_everyones(client, as_user, kind):
    mine, theirs = book(client, "rep-a"), book(client, "rep-b")
    listed = as_user("rep-a", "rep").get(f"/api/crm/{kind}").get_json()
    assert [r["id"] for r in listed["results"]] == [mine[kind]] and listed["total"] == 1
    everyone = as_user("boss", "manager").get(f"/api/crm/{kind}").get_json()
    assert {r["id"] for r in everyone["results"]} == {mine[kind], theirs[kind]}


def test_a_reps_search_finds_only_their_customers(client, as_user):
    client.post(CUSTOMERS, json=customer_body(name="Zephyr Mine", owner_id="rep-a"))
    client.post(CUSTOMERS, json=customer_body(name="Zephyr Theirs", owner_id="rep-b"))
    found = as_user("rep-a", "rep").get(f"{CUSTOMERS}?search=zephyr").get_json()
    assert [c["name"] for c in found["results"]] == ["Zephyr Mine"]


@pytest.mark.parametrize("kind", ["deals", "orders", "activities"])
def test_a_reps_list_of_a_customers_records_leaves_out_other_owners(client, as_user, kind):
    mine = book(client, "rep-a")
    body = {"deals": {"customer_id": mine["customers"], "title": "Theirs", "owner_id": "rep-b"},
            "orders": {"customer_id": mine["customers"], "order_number": f"OW-{next(_serial)}", "total": "1",
                       "owner_id": "rep-b"},
            "activities": {"type": "task", "subject": "Theirs", "customer_id": mine["customers"],
                           "owner_id": "rep-b"}}[kind]
    created(client.post(f"/api/crm/{kind}", json=body))
    listed = as_user("rep-a", "rep").get(f"{CUSTOMERS}/{mine['customers']}/{kind}").get_json()
    assert [r["id"] for r in listed["results"]] == [mine[kind]]


OWNER_WRITES = [
    pytest.param("POST", "/api/crm/customers", lambda ids: customer_body(), id="create customer"),
    pytest.param("PATCH", "/api/crm/customers/{customers}", lambda ids: {}, id="update customer"),
    pytest.param("POST", "/api/crm/deals", lambda ids: {"customer_id": ids["customers"], "title": "T"},
                 id="create deal"),
    pytest.param("PATCH", "/api/crm/deals/{deals}", lambda ids: {}, id="update deal"),
    pytest.param("POST", "/api/crm/orders", lambda ids: {"customer_id": ids["customers"], "total": "1",
                                                         "order_number": f"OW-{next(_serial)}"}, id="create order"),
    pytest.param("PATCH", "/api/crm/orders/{orders}", lambda ids: {}, id="update order"),
    pytest.param("POST", "/api/crm/activities", lambda ids: {"customer_id": ids["customers"], "type": "call",
                                                             "subject": "S"}, id="create activity"),
    pytest.param("PATCH", "/api/crm/activities/{activities}", lambda ids: {}, id="update activity"),
]
OWNER_CASES = [
    pytest.param("rep", "rep-a", 0, id="rep names self"),
    pytest.param("rep", "rep-b", 403, id="rep names another"),
    pytest.param("manager", "rep-b", None, id="manager names another"),
    pytest.param("admin", "rep-b", None, id="admin names another"),
    pytest.param("viewer", "viewer-1", 403, id="viewer"),
]


@pytest.mark.parametrize(("role", "named", "refused"), OWNER_CASES)
@pytest.mark.parametrize(("method", "url", "body"), OWNER_WRITES)
def test_who_may_name_an_owner(client, as_user, method, url, body, role, named, refused):
    ids = book(client, "rep-a")
    uid = "rep-a" if role == "rep" else f"{role}-1"
    response = as_user(uid, role).open(url.format(**ids), method=method, json={**body(ids), "owner_id": named})
    if refused == 403:
        error = assert_error(response, 403, "PERMISSION_DENIED")
        if role == "rep":
            assert detail_fields(error) == ["owner_id"] and "manager or admin" in error["message"]
        return
    assert response.status_code == (201 if method == "POST" else 200), response.get_json()
    assert response.get_json()["owner_id"] == named


def test_a_reassigned_customer_moves_to_its_new_owner(client, as_user):
    ids = book(client, "rep-a")
    url = f"{CUSTOMERS}/{ids['customers']}"
    moved = as_user("boss", "manager").patch(url, json={"owner_id": "rep-b"})
    assert moved.status_code == 200 and moved.get_json()["owner_id"] == "rep-b"
    assert_error(as_user("rep-a", "rep").get(url), 404, "NOT_FOUND")
    assert as_user("rep-b", "rep").get(url).get_json()["id"] == ids["customers"]


@pytest.mark.parametrize("method", ["PATCH", "PUT"])
@pytest.mark.parametrize("kind", LISTS)
def test_no_record_can_be_left_without_an_owner(client, as_user, kind, method):
    url = f"/api/crm/{kind}/{book(client, 'rep-a')[kind]}"
    response = as_user("boss", "manager").open(url, method=method, json={"owner_id": None})
    error = assert_error(response, 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["owner_id"]
    assert client.get(url).get_json()["owner_id"] == "rep-a"


@pytest.mark.parametrize(("kind", "body"), [
    pytest.param("deals", {"title": "T"}, id="deal"),
    pytest.param("orders", {"order_number": "OW-X", "total": "1"}, id="order"),
    pytest.param("activities", {"type": "call", "subject": "S"}, id="activity"),
])
def test_a_rep_cannot_open_records_for_anothers_customer_which_is_as_if_missing(client, as_user, kind, body):
    theirs = book(client, "rep-b")
    rep = as_user("rep-a", "rep")
    refused = assert_error(rep.post(f"/api/crm/{kind}", json={**body, "customer_id": theirs["customers"]}), 422,
                           "VALIDATION_FAILED")
    missing = assert_error(rep.post(f"/api/crm/{kind}", json={**body, "customer_id": "no-such-customer"}), 422,
                           "VALIDATION_FAILED")
    assert detail_fields(refused) == detail_fields(missing) == ["customer_id"]
    assert refused["message"].replace(theirs["customers"], "X") == missing["message"].replace("no-such-customer", "X")


def test_a_rep_cannot_link_an_activity_to_anothers_deal(client, as_user):
    mine, theirs = book(client, "rep-a"), book(client, "rep-b")
    response = as_user("rep-a", "rep").patch(f"/api/crm/activities/{mine['activities']}",
                                             json={"deal_id": theirs["deals"]})
    assert detail_fields(assert_error(response, 422, "VALIDATION_FAILED")) == ["deal_id"]


def test_a_reps_customer_summary_counts_only_their_deals(client, as_user):
    ids = book(client, "rep-a")
    created(client.post("/api/crm/deals", json={"customer_id": ids["customers"], "title": "Big", "value": "900",
                                                "owner_id": "rep-b"}))
    url = f"{CUSTOMERS}/{ids['customers']}/summary"
    assert as_user("rep-a", "rep").get(url).get_json()["deals"]["open_count"] == 1
    assert as_user("boss", "manager").get(url).get_json()["deals"]["open_count"] == 2


def test_an_api_key_acts_with_its_recorded_role(app, anonymous, client):
    secret, key = create_api_key(app.extensions["crm"].api_keys, "Sync", Role.REP, "admin-1")
    headers = {"X-API-Key": secret}
    book(client, "rep-b")
    mine = created(anonymous.post(CUSTOMERS, json=customer_body(), headers=headers))
    assert mine["owner_id"] == f"apikey:{key.prefix}"
    assert [c["id"] for c in anonymous.get(CUSTOMERS, headers=headers).get_json()["results"]] == [mine["id"]]
    assert_error(anonymous.get("/api/crm/dashboard", headers=headers), 403, "PERMISSION_DENIED")
    viewer_secret, _ = create_api_key(app.extensions["crm"].api_keys, "Read", Role.VIEWER, "admin-1")
    assert_error(anonymous.post(CUSTOMERS, json=customer_body(), headers={"X-API-Key": viewer_secret}), 403,
                 "PERMISSION_DENIED")


def test_a_refused_role_names_what_it_needs(as_user):
    error = assert_error(as_user("v", "viewer").post(CUSTOMERS, json=customer_body()), 403, "PERMISSION_DENIED")
    assert error["message"] == "role viewer may not do this; it needs write access (roles: admin, manager, rep)"
