"""Saved views over HTTP: a private view is its owner's alone, a shared one (made by a manager or admin) everyone's
to use and its owner's to change; the state is checked against the list it belongs to."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import assert_error, detail_fields

VIEWS = "/api/crm/views"
CUSTOMERS_STATE = {"search": "acme", "status": "lead", "tag": "VIP", "order": "-lifetime_value",
                   "columns": ["organization", "email", "lifetime_value"]}


def save(client, **fields: Any) -> dict[str, Any]:
    body = {"name": "Hot leads", "resource": "customers", "state": CUSTOMERS_STATE, **fields}
    response = client.post(VIEWS, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def set_fields(state: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in state.items() if value is not None}


def test_a_private_view_is_saved_listed_changed_and_deleted_by_its_owner(as_user):
    rep = as_user("rep-ann", "rep")
    view = save(rep)
    assert (view["owner_id"], view["visibility"], view["resource"]) == ("rep-ann", "private", "customers")
    assert set_fields(view["state"]) == {**CUSTOMERS_STATE, "tag": "vip"}
    assert rep.get(f"{VIEWS}/{view['id']}").headers["ETag"] == f'"{view["version"]}"'
    assert [v["id"] for v in rep.get(f"{VIEWS}?resource=customers").get_json()["results"]] == [view["id"]]
    assert rep.get(f"{VIEWS}?resource=deals_board").get_json() == {"results": [], "total": 0}

    changed = rep.patch(f"{VIEWS}/{view['id']}", json={"name": "Warm leads", "state": {"status": "prospect"}},
                        headers={"If-Match": f'"{view["version"]}"'})
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["name"], set_fields(changed.get_json()["state"])) == ("Warm leads",
                                                                                     {"status": "prospect"})
    stale = rep.patch(f"{VIEWS}/{view['id']}", json={"name": "x"}, headers={"If-Match": f'"{view["version"]}"'})
    assert_error(stale, 412, "PRECONDITION_FAILED")
    assert rep.delete(f"{VIEWS}/{view['id']}").status_code == 204
    assert_error(rep.get(f"{VIEWS}/{view['id']}"), 404, "NOT_FOUND")


def test_a_view_keeps_several_statuses_and_the_lead_filters(as_user):
    rep = as_user("rep-ann", "rep")
    view = save(rep, state={"status": "Prospect, lead", "source": "referral", "priority": "urgent", "rating": "hot",
                            "created_from": "2026-01-01", "created_to": "2026-01-31"})
    assert set_fields(view["state"]) == {"status": "prospect,lead", "source": "referral", "priority": "urgent",
                                         "rating": "hot", "created_from": "2026-01-01", "created_to": "2026-01-31"}


def test_others_see_a_shared_view_but_not_a_private_one(as_user):
    manager, rep, viewer = as_user("boss", "manager"), as_user("rep-ann", "rep"), as_user("vic", "viewer")
    shared = save(manager, name="Team board", resource="deals_board", visibility="shared",
                  state={"pipeline_id": "sales", "owner_id": "rep-ann"})
    private = save(manager, name="Mine")

    for client in (rep, viewer):
        listed = client.get(VIEWS).get_json()
        assert [v["id"] for v in listed["results"]] == [shared["id"]]
        assert client.get(f"{VIEWS}/{shared['id']}").status_code == 200
        assert_error(client.get(f"{VIEWS}/{private['id']}"), 404, "NOT_FOUND")
        assert_error(client.patch(f"{VIEWS}/{shared['id']}", json={"name": "Mine now"}), 403, "PERMISSION_DENIED")
        assert_error(client.delete(f"{VIEWS}/{shared['id']}"), 403, "PERMISSION_DENIED")
        assert_error(client.delete(f"{VIEWS}/{private['id']}"), 404, "NOT_FOUND")
    assert manager.get(f"{VIEWS}/{shared['id']}").get_json()["name"] == "Team board"


@pytest.mark.parametrize("role", ["rep", "viewer"])
def test_only_managers_and_admins_share(as_user, role):
    client = as_user(f"{role}-1", role)
    error = assert_error(client.post(VIEWS, json={"name": "x", "resource": "customers", "visibility": "shared"}),
                         403, "PERMISSION_DENIED")
    assert detail_fields(error) == ["visibility"]
    view = save(client)
    assert_error(client.patch(f"{VIEWS}/{view['id']}", json={"visibility": "shared"}), 403, "PERMISSION_DENIED")
    assert client.get(VIEWS).get_json()["total"] == 1


def test_a_manager_shares_an_own_private_view_later(as_user):
    manager = as_user("boss", "manager")
    view = save(manager)
    shared = manager.patch(f"{VIEWS}/{view['id']}", json={"visibility": "shared"}).get_json()
    assert shared["visibility"] == "shared"
    assert [v["id"] for v in as_user("rep-ann", "rep").get(VIEWS).get_json()["results"]] == [view["id"]]


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"resource": "customers"}, "name", id="no name"),
    pytest.param({"name": " ", "resource": "customers"}, "name", id="blank name"),
    pytest.param({"name": "x" * 101, "resource": "customers"}, "name", id="long name"),
    pytest.param({"name": "x", "resource": "orders"}, "resource", id="unknown resource"),
    pytest.param({"name": "x", "resource": "customers", "state": {"pipeline_id": "sales"}}, "state.pipeline_id",
                 id="a board's field on the customers list"),
    pytest.param({"name": "x", "resource": "customers", "state": {"status": "vip"}}, "state.status",
                 id="unknown status"),
    pytest.param({"name": "x", "resource": "customers", "state": {"status": "lead,vip"}}, "state.status",
                 id="an unknown status among several"),
    pytest.param({"name": "x", "resource": "customers", "state": {"priority": "asap"}}, "state.priority",
                 id="unknown priority"),
    pytest.param({"name": "x", "resource": "customers", "state": {"created_from": "soon"}}, "state.created_from",
                 id="a created day that is no date"),
    pytest.param({"name": "x", "resource": "customers", "state": {"order": "email"}}, "state.order",
                 id="unknown order"),
    pytest.param({"name": "x", "resource": "customers", "state": {"columns": ["email", "email"]}}, "state.columns",
                 id="a column twice"),
    pytest.param({"name": "x", "resource": "customers", "state": {"columns": ["password"]}}, "state.columns.0",
                 id="unknown column"),
    pytest.param({"name": "x", "resource": "customers", "state": {"search": "x" * 201}}, "state.search",
                 id="long search"),
    pytest.param({"name": "x", "resource": "deals_board", "state": {"pipeline_id": "../x"}}, "state.pipeline_id",
                 id="bad pipeline id"),
    pytest.param({"name": "x", "resource": "customers", "owner_id": "someone"}, "owner_id", id="server-owned owner"),
])
def test_bad_views_are_422_naming_the_field(client, body, field):
    error = assert_error(client.post(VIEWS, json=body), 422, "VALIDATION_FAILED")
    assert field in detail_fields(error)


def test_a_new_state_must_fit_the_views_list(client):
    view = save(client, resource="deals_board", state={"pipeline_id": "sales"})
    error = assert_error(client.patch(f"{VIEWS}/{view['id']}", json={"state": {"status": "lead"}}), 422,
                         "VALIDATION_FAILED")
    assert detail_fields(error) == ["state.status"]
    assert_error(client.patch(f"{VIEWS}/{view['id']}", json={"resource": "customers"}), 422, "VALIDATION_FAILED")
