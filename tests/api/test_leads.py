"""Converting a lead into a prospect with its first deal, and marking leads lost."""

import pytest

from tests.api.helpers import assert_error


def _lead(client, **fields):
    response = client.post("/api/crm/customers", json={"name": "Lead Ltd", "organization": "Lead Org", **fields})
    assert response.status_code == 201, response.json
    return response.json


def test_convert_makes_a_prospect_and_opens_a_deal_in_the_first_stage(client):
    lead = _lead(client)
    converted = client.post(f"/api/crm/customers/{lead['id']}/convert", json={"value": "2500.00"})
    assert converted.status_code == 201, converted.json
    body = converted.json
    assert body["customer"]["status"] == "prospect"
    deal = body["deal"]
    assert (deal["customer_id"], deal["pipeline_id"], deal["stage"], deal["value"]) == (
        lead["id"], "sales", "lead", "2500.00")
    assert deal["title"] == "Lead Org: first deal"
    assert client.get(f"/api/crm/customers/{lead['id']}").json["status"] == "prospect"
    assert client.get(f"/api/crm/customers/{lead['id']}/deals").json["total"] == 1


def test_convert_without_a_body_uses_the_defaults(client):
    lead = _lead(client)
    converted = client.post(f"/api/crm/customers/{lead['id']}/convert")
    assert converted.status_code == 201, converted.json
    assert converted.json["deal"]["value"] == "0.00"


def test_converting_twice_is_refused_and_opens_no_second_deal(client):
    lead = _lead(client)
    assert client.post(f"/api/crm/customers/{lead['id']}/convert").status_code == 201
    assert_error(client.post(f"/api/crm/customers/{lead['id']}/convert"), 409, "FAILED_PRECONDITION")
    assert client.get(f"/api/crm/customers/{lead['id']}/deals").json["total"] == 1


def test_convert_into_a_missing_pipeline_changes_nothing(client):
    lead = _lead(client)
    refused = client.post(f"/api/crm/customers/{lead['id']}/convert", json={"pipeline_id": "nope"})
    assert assert_error(refused, 422, "VALIDATION_FAILED")["details"][0]["field"] == "pipeline_id"
    assert client.get(f"/api/crm/customers/{lead['id']}").json["status"] == "lead"
    assert client.get(f"/api/crm/customers/{lead['id']}/deals").json["total"] == 0


def test_mark_lost_records_the_reason(client):
    lead = _lead(client)
    lost = client.post(f"/api/crm/customers/{lead['id']}/mark-lost", json={"reason": "went with a competitor"})
    assert lost.status_code == 200, lost.json
    assert (lost.json["status"], lost.json["lost_reason"]) == ("churned", "went with a competitor")
    assert lost.json["lost_at"] is not None
    assert_error(client.post(f"/api/crm/customers/{lead['id']}/mark-lost", json={"reason": "again"}), 409,
                 "FAILED_PRECONDITION")


@pytest.mark.parametrize("body", [
    pytest.param({}, id="no reason"),
    pytest.param({"reason": ""}, id="empty reason"),
    pytest.param({"reason": "x", "extra": 1}, id="unknown field"),
])
def test_mark_lost_needs_a_reason(client, body):
    lead = _lead(client)
    assert_error(client.post(f"/api/crm/customers/{lead['id']}/mark-lost", json=body), 422, "VALIDATION_FAILED")


def test_lead_actions_on_unknown_customers_are_404(client):
    assert_error(client.post("/api/crm/customers/nope/convert"), 404, "NOT_FOUND")
    assert_error(client.post("/api/crm/customers/nope/mark-lost", json={"reason": "x"}), 404, "NOT_FOUND")
