"""Deals over HTTP: every endpoint, the transitions and their refusals, and a customer's deals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import CUSTOMERS, assert_error, create_customer, detail_fields

DEALS = "/api/crm/deals"
DEAL_FIELDS = {
    "id", "customer_id", "title", "value", "currency", "pipeline_id", "stage", "probability", "status",
    "expected_close_date", "owner_id", "notes", "line_items", "lost_reason", "closed_at", "stage_entered_at",
    "next_activity_at", "stage_history", "created_at", "updated_at", "expected_revenue", "version", "substage", "tags",
    "person_id",
}


def create_deal(client, customer_id: str | None = None, **fields: Any) -> dict[str, Any]:
    body = {"customer_id": customer_id or create_customer(client)["id"], "title": "Arcade", **fields}
    response = client.post(DEALS, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def act(client, deal: dict[str, Any], action: str, body: Any = None):
    return client.post(f"{DEALS}/{deal['id']}/{action}", json=body)


def ok(response) -> dict[str, Any]:
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_create_answers_201_with_location_and_the_stored_deal(client):
    customer = create_customer(client)
    response = client.post(DEALS, json={"customer_id": customer["id"], "title": "Arcade", "value": "1000.00",
                                         "expected_close_date": "2024-09-30", "notes": " call back "})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert response.headers["Location"].endswith(f"/crm/deals/{created['id']}")
    assert set(created) == DEAL_FIELDS, "won_base_cents and stored-only fields stay inside"
    assert (created["stage"], created["probability"], created["currency"], created["owner_id"]) == (
        "lead", 10, "EUR", "user-1")
    assert (created["expected_close_date"], created["notes"], created["expected_revenue"]) == (
        "2024-09-30", "call back", "100.00")
    assert ok(client.get(f"{DEALS}/{created['id']}")) == created


def test_money_is_always_written_with_two_decimals(client):
    created = create_deal(client, value="1000")
    assert created["value"] == "1000.00"
    assert ok(client.patch(f"{DEALS}/{created['id']}", json={"value": "12.5"}))["value"] == "12.50"


def test_history_entries_use_the_documented_from_key(client):
    deal = ok(act(client, create_deal(client), "advance-stage"))
    assert deal["stage_history"][-1] == {
        "from": "lead", "to": "qualified", "at": deal["stage_entered_at"], "by": "user-1", "pipeline_id": "sales",
        "from_substage": None, "substage": None}


def test_create_with_an_owner(client):
    created = create_deal(client, owner_id="rep-9")
    assert (created["owner_id"], ok(client.get(f"{DEALS}/{created['id']}"))["owner_id"]) == ("rep-9", "rep-9")


def test_create_with_line_items(client):
    created = create_deal(client, line_items=[
        {"name": "Cabinet", "quantity": "2", "unit_price": "450.50", "product_id": "p1"}])
    assert created["value"] == "901.00"
    assert created["line_items"] == [
        {"product_id": "p1", "name": "Cabinet", "quantity": "2", "unit_price": "450.50", "total": "901.00"}]


@pytest.mark.parametrize("method", ["patch", "put"])
def test_update_changes_only_the_given_fields(client, method):
    deal = create_deal(client, value="100", notes="keep")
    changed = ok(getattr(client, method)(f"{DEALS}/{deal['id']}", json={"title": "Renamed", "probability": 40}))
    assert (changed["title"], changed["probability"], changed["notes"], changed["value"]) == (
        "Renamed", 40, "keep", "100.00")
    assert changed["expected_revenue"] == "40.00" and changed["updated_at"] > deal["updated_at"]
    assert ok(client.get(f"{DEALS}/{deal['id']}")) == changed


def test_delete_answers_204_and_the_deal_is_gone(client):
    deal = create_deal(client)
    response = client.delete(f"{DEALS}/{deal['id']}")
    assert (response.status_code, response.get_data()) == (204, b"")
    assert_error(client.get(f"{DEALS}/{deal['id']}"), 404, "NOT_FOUND")
    assert_error(client.delete(f"{DEALS}/{deal['id']}"), 404, "NOT_FOUND")


@pytest.mark.parametrize(("method", "suffix", "body"), [
    ("get", "", None), ("patch", "", {"title": "x"}), ("put", "", {"title": "x"}), ("delete", "", None),
    ("post", "/advance-stage", None), ("post", "/move-stage", {"stage": "proposal"}), ("post", "/mark-won", None),
    ("post", "/mark-lost", {"reason": "x"}), ("post", "/reopen", None),
])
def test_unknown_deal_is_404_on_every_endpoint(client, method, suffix, body):
    assert_error(getattr(client, method)(f"{DEALS}/nope{suffix}", json=body), 404, "NOT_FOUND")


def test_move_stage_mark_lost_reopen_and_mark_won(client):
    deal = create_deal(client, value="200")
    moved = ok(act(client, deal, "move-stage", {"stage": "negotiation"}))
    assert (moved["stage"], moved["probability"], moved["expected_revenue"]) == ("negotiation", 75, "150.00")
    lost = ok(act(client, deal, "mark-lost", {"reason": "  chose a rival  "}))
    assert (lost["status"], lost["stage"], lost["lost_reason"], lost["probability"]) == (
        "lost", "closed_lost", "chose a rival", 0)
    assert lost["closed_at"] == lost["stage_entered_at"]
    reopened = ok(client.post(f"{DEALS}/{deal['id']}/reopen"))
    assert (reopened["stage"], reopened["status"], reopened["closed_at"], reopened["lost_reason"]) == (
        "negotiation", "open", None, None)
    closed = ok(act(client, deal, "mark-won"))
    assert (closed["status"], closed["stage"], closed["probability"]) == ("won", "closed_won", 100)
    reopened = ok(act(client, deal, "reopen", {"stage": "qualified"}))
    assert reopened["stage"] == "qualified"
    assert [h["to"] for h in reopened["stage_history"]] == [
        "lead", "negotiation", "closed_lost", "negotiation", "closed_won", "qualified"]


def test_reopen_with_an_empty_object_body(client):
    deal = ok(act(client, create_deal(client, stage="proposal"), "mark-won"))
    assert ok(act(client, deal, "reopen", {}))["stage"] == "proposal"


def test_move_into_another_pipeline(client):
    stages = [{"id": "intro", "name": "Intro", "probability": 5}, {"id": "won", "name": "Won", "probability": 100,
              "kind": "won"}, {"id": "lost", "name": "Lost", "probability": 0, "kind": "lost"}]
    other = client.post("/api/crm/pipelines", json={"name": "Other", "stages": stages}).get_json()
    moved = ok(act(client, create_deal(client), "move-stage", {"stage": "intro", "pipeline_id": other["id"]}))
    assert (moved["pipeline_id"], moved["stage"], moved["probability"]) == (other["id"], "intro", 5)
    error = assert_error(act(client, moved, "move-stage", {"stage": "lead", "pipeline_id": "nope"}), 422,
                         "VALIDATION_FAILED")
    assert detail_fields(error) == ["pipeline_id"]


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"stage": "nowhere"}, "stage", id="unknown stage"),
    pytest.param({"stage": "closed_lost"}, "reason", id="lost stage without reason"),
    pytest.param({}, "stage", id="no stage"),
    pytest.param({"stage": "proposal", "extra": 1}, "extra", id="unknown field"),
])
def test_bad_moves_are_422_naming_the_field(client, body, field):
    error = assert_error(act(client, create_deal(client), "move-stage", body), 422, "VALIDATION_FAILED")
    assert field in detail_fields(error)


def test_moving_into_the_current_stage_is_409(client):
    assert_error(act(client, create_deal(client), "move-stage", {"stage": "lead"}), 409, "FAILED_PRECONDITION")


@pytest.mark.parametrize(("body", "status", "code"), [
    pytest.param({}, 422, "VALIDATION_FAILED", id="empty object"),
    pytest.param({"reason": ""}, 422, "VALIDATION_FAILED", id="empty reason"),
    pytest.param({"reason": "   "}, 422, "VALIDATION_FAILED", id="blank reason"),
    pytest.param({"reason": "x" * 1001}, 422, "VALIDATION_FAILED", id="1001-char reason"),
    pytest.param(None, 400, "INVALID_ARGUMENT", id="no body"),
])
def test_mark_lost_needs_a_reason(client, body, status, code):
    deal = create_deal(client)
    response = client.post(f"{DEALS}/{deal['id']}/mark-lost", json=body) if body is not None else client.post(
        f"{DEALS}/{deal['id']}/mark-lost")
    error = assert_error(response, status, code)
    if status == 422:
        assert "reason" in detail_fields(error)
    assert ok(client.get(f"{DEALS}/{deal['id']}"))["status"] == "open"


@pytest.mark.parametrize("close", ["mark-won", "mark-lost"])
def test_advancing_a_closed_deal_is_409_saying_reopen_first(client, close):
    deal = ok(act(client, create_deal(client), close, {"reason": "gone"} if close == "mark-lost" else None))
    error = assert_error(act(client, deal, "advance-stage"), 409, "FAILED_PRECONDITION")
    assert f"is {deal['status']}; reopen it before you advance it" in error["message"]


def test_closing_twice_and_reopening_an_open_deal_are_409(client):
    deal = create_deal(client)
    assert "only won or lost" in assert_error(act(client, deal, "reopen"), 409, "FAILED_PRECONDITION")["message"]
    ok(act(client, deal, "mark-won"))
    assert "already won" in assert_error(act(client, deal, "mark-won"), 409, "FAILED_PRECONDITION")["message"]
    ok(act(client, deal, "mark-lost", {"reason": "refund"}))
    assert "already lost" in assert_error(act(client, deal, "mark-lost", {"reason": "x"}), 409,
                                          "FAILED_PRECONDITION")["message"]


@pytest.mark.parametrize("body", [{"stage": "closed_lost"}, {"stage": "nowhere"}, {"pipeline_id": "x"}])
def test_reopen_into_a_stage_that_is_not_open_is_422(client, body):
    deal = ok(act(client, create_deal(client), "mark-won"))
    assert_error(act(client, deal, "reopen", body), 422, "VALIDATION_FAILED")


def test_customer_lifetime_value_follows_won_deals_in_any_currency(client):
    assert client.put("/api/crm/settings/currency-rates", json={"rates": {"USD": "0.9"}}).status_code == 200
    customer = create_customer(client, status="prospect")
    eur = create_deal(client, customer["id"], value="100.10")
    usd = create_deal(client, customer["id"], value="50", currency="USD")
    ok(act(client, eur, "mark-won"))
    ok(act(client, usd, "mark-won"))
    after = ok(client.get(f"{CUSTOMERS}/{customer['id']}"))
    assert (after["lifetime_value"], after["status"]) == ("145.10", "customer")
    ok(client.patch(f"{DEALS}/{eur['id']}", json={"value": "200"}))
    assert ok(client.get(f"{CUSTOMERS}/{customer['id']}"))["lifetime_value"] == "245.00"
    assert client.delete(f"{DEALS}/{usd['id']}").status_code == 204
    assert ok(client.get(f"{CUSTOMERS}/{customer['id']}"))["lifetime_value"] == "200.00"


def test_a_customers_deals_page_by_cursor(client):
    customer = create_customer(client)
    mine = {create_deal(client, customer["id"], title=f"mine {n}")["id"] for n in range(3)}
    create_deal(client, title="someone else's")
    seen: list[str] = []
    url = f"{CUSTOMERS}/{customer['id']}/deals?page_size=2"
    while url:
        page = ok(client.get(url))
        assert page["total"] == 3 and page["page_size"] == 2
        seen += [d["id"] for d in page["results"]]
        url = f"{CUSTOMERS}/{customer['id']}/deals?page_size=2&cursor={page['next_cursor']}" if page[
            "next_cursor"] else None
    assert sorted(seen) == sorted(mine) and len(seen) == 3
    overridden = ok(client.get(f"{CUSTOMERS}/{customer['id']}/deals?customer_id=other"))
    assert overridden["total"] == 3


def test_the_deal_list_filters_and_orders(client):
    customer = create_customer(client)
    small = create_deal(client, customer["id"], value="5")
    big = create_deal(client, customer["id"], value="500", stage="proposal")
    won = ok(act(client, create_deal(client, value="50"), "mark-won"))
    body = ok(client.get(f"{DEALS}?order_by=-value"))
    assert set(body) >= {"results", "total", "page", "page_size", "next_cursor"}
    assert [d["id"] for d in body["results"]] == [big["id"], won["id"], small["id"]]
    assert [d["id"] for d in ok(client.get(f"{DEALS}?status=won"))["results"]] == [won["id"]]
    assert [d["id"] for d in ok(client.get(f"{DEALS}?stage=proposal&pipeline_id=sales"))["results"]] == [big["id"]]
    assert ok(client.get(f"{DEALS}?customer_id={customer['id']}&order_by=value"))["results"][0]["id"] == small["id"]
    assert ok(client.get(f"{DEALS}?owner_id=user-1"))["total"] == 3


def test_paths_answer_without_the_api_prefix_and_with_a_trailing_slash(client):
    deal = create_deal(client)
    assert ok(client.get(f"/crm/deals/{deal['id']}/"))["id"] == deal["id"]


@pytest.mark.parametrize("path", [DEALS, f"{DEALS}/x", f"{CUSTOMERS}/x/deals"])
def test_deals_need_credentials(anonymous, path):
    assert_error(anonymous.get(path), 401, "UNAUTHENTICATED")
