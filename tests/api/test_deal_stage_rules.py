"""A deal created in a won or lost stage, or changed while closed, obeys the same rules as a deal moved there: a lost
deal has a reason, a closed deal has its stage's probability, and a won deal is credited to its customer exactly as
mark-won credits it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

DEALS = "/api/crm/deals"


def created(client, **fields: Any) -> dict[str, Any]:
    response = client.post(DEALS, json=fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def customer_id(client) -> str:
    return create_customer(client, status="lead")["id"]


@pytest.mark.parametrize(("fields", "field"), [
    pytest.param({"stage": "closed_lost"}, "lost_reason", id="lost without a reason"),
    pytest.param({"stage": "closed_won", "probability": 30}, "probability", id="won at 30%"),
    pytest.param({"stage": "closed_lost", "lost_reason": "price", "probability": 40}, "probability",
                 id="lost at 40%"),
    pytest.param({"stage": "proposal", "lost_reason": "price"}, "lost_reason", id="a lost reason for an open deal"),
])
def test_a_deal_created_against_the_rules_of_its_stage_is_422(client, customer_id, fields, field):
    response = client.post(DEALS, json={"customer_id": customer_id, "title": "Arcade", "value": "100.00", **fields})
    error = assert_error(response, 422, "VALIDATION_FAILED")
    assert detail_fields(error) == [field]
    assert client.get(f"{DEALS}?customer_id={customer_id}").get_json()["total"] == 0


def test_a_deal_created_lost_keeps_its_reason_and_credits_nothing(client, customer_id):
    deal = created(client, customer_id=customer_id, title="Gone", value="80.00", stage="closed_lost",
                   lost_reason="went elsewhere")
    assert (deal["status"], deal["lost_reason"], deal["probability"]) == ("lost", "went elsewhere", 0)
    customer = client.get(customer_url(customer_id)).get_json()
    assert (customer["lifetime_value"], customer["status"]) == ("0.00", "lead")


def test_a_deal_created_won_is_credited_as_mark_won_credits_it(client, customer_id):
    other = create_customer(client, status="lead")["id"]
    direct = created(client, customer_id=customer_id, title="Direct", value="250.00", currency="EUR",
                     stage="closed_won")
    walked = created(client, customer_id=other, title="Walked", value="250.00", currency="EUR")
    walked = client.post(f"{DEALS}/{walked['id']}/mark-won").get_json()

    for deal in (direct, walked):
        assert (deal["status"], deal["probability"], deal["expected_revenue"]) == ("won", 100, "250.00")
        assert deal["closed_at"] is not None
    credited = [client.get(customer_url(c)).get_json() for c in (customer_id, other)]
    assert [(c["lifetime_value"], c["status"]) for c in credited] == [("250.00", "customer")] * 2


@pytest.mark.parametrize(("stage", "extra"), [("closed_won", {}), ("closed_lost", {"lost_reason": "price"})])
def test_a_closed_deals_probability_cannot_change(client, customer_id, stage, extra):
    deal = created(client, customer_id=customer_id, title="Closed", value="10.00", stage=stage, **extra)
    response = client.patch(f"{DEALS}/{deal['id']}", json={"probability": 50})
    error = assert_error(response, 409, "FAILED_PRECONDITION")
    assert "reopen" in error["message"]
    assert client.get(f"{DEALS}/{deal['id']}").get_json()["probability"] == deal["probability"]
    renamed = client.patch(f"{DEALS}/{deal['id']}", json={"title": "Renamed", "probability": deal["probability"]})
    assert renamed.status_code == 200, renamed.get_json()


def test_a_reopened_deals_probability_changes_again(client, customer_id):
    deal = created(client, customer_id=customer_id, title="Back", value="10.00", stage="closed_won")
    assert client.post(f"{DEALS}/{deal['id']}/reopen").status_code == 200
    changed = client.patch(f"{DEALS}/{deal['id']}", json={"probability": 50})
    assert changed.status_code == 200 and changed.get_json()["probability"] == 50


def test_a_probability_is_never_null(client, customer_id):
    deal = created(client, customer_id=customer_id, title="Null", value="10.00")
    error = assert_error(client.patch(f"{DEALS}/{deal['id']}", json={"probability": None}), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["probability"]
