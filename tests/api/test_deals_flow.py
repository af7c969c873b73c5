"""A deal's life through HTTP: default pipeline, stages, win, customer's lifetime value and status."""

from tests.api.helpers import assert_error


def _customer(client, **fields):
    response = client.post("/api/crm/customers", json={"name": "Deal Customer", **fields})
    assert response.status_code == 201, response.json
    return response.json


def test_default_pipeline_exists_from_the_start(client):
    listed = client.get("/api/crm/pipelines")
    assert listed.status_code == 200, listed.json
    (sales,) = listed.json["results"]
    assert sales["is_default"] is True
    assert [(s["id"], s["probability"]) for s in sales["stages"]] == [
        ("lead", 10), ("qualified", 25), ("proposal", 50), ("negotiation", 75), ("closed_won", 100), ("closed_lost", 0)
    ]


def test_deal_advances_to_won_and_the_customer_follows(client):
    customer = _customer(client)
    created = client.post("/api/crm/deals", json={"customer_id": customer["id"], "title": "Arcade", "value": "1000"})
    assert created.status_code == 201, created.json
    deal = created.json
    assert (deal["stage"], deal["probability"], deal["expected_revenue"], deal["currency"]) == (
        "lead", 10, "100.00", "EUR")
    for expected in ("qualified", "proposal", "negotiation", "closed_won"):
        deal = client.post(f"/api/crm/deals/{deal['id']}/advance-stage").json
        assert deal["stage"] == expected
    assert deal["status"] == "won" and deal["closed_at"] is not None
    assert [h["to"] for h in deal["stage_history"]] == ["lead", "qualified", "proposal", "negotiation", "closed_won"]
    refused = client.post(f"/api/crm/deals/{deal['id']}/advance-stage")
    assert_error(refused, 409, "FAILED_PRECONDITION")
    after = client.get(f"/api/crm/customers/{customer['id']}").json
    assert (after["lifetime_value"], after["status"]) == ("1000.00", "customer")
    reopened = client.post(f"/api/crm/deals/{deal['id']}/reopen")
    assert reopened.json["stage"] == "negotiation", reopened.json
    assert client.get(f"/api/crm/customers/{customer['id']}").json["lifetime_value"] == "0.00"


def test_deal_for_a_deleted_customer_is_refused(client):
    customer = _customer(client)
    assert client.delete(f"/api/crm/customers/{customer['id']}").status_code == 204
    refused = client.post("/api/crm/deals", json={"customer_id": customer["id"], "title": "Ghost"})
    error = assert_error(refused, 422, "VALIDATION_FAILED")
    assert error["details"][0]["field"] == "customer_id"
