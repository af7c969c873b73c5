"""The customer summary: open deals in figures per currency, open activities, latest notes, and a paragraph."""

from tests.api.helpers import assert_error


def _customer(client):
    created = client.post("/api/crm/customers", json={"name": "Summit", "organization": "Summit Games"})
    assert created.status_code == 201, created.json
    return created.json["id"]


def _deal(client, customer_id, value, currency="EUR", **fields):
    created = client.post("/api/crm/deals", json={"customer_id": customer_id, "title": f"Deal {value}",
                                                  "value": value, "currency": currency, **fields})
    assert created.status_code == 201, created.json
    return created.json


def test_summary_sums_open_deals_per_currency_and_lists_what_is_next(client):
    assert client.put("/api/crm/settings/currency-rates", json={"rates": {"USD": "0.9"}}).status_code == 200
    customer_id = _customer(client)
    _deal(client, customer_id, "1000")
    _deal(client, customer_id, "500", stage="proposal")
    _deal(client, customer_id, "200", currency="USD")
    won = _deal(client, customer_id, "300")
    assert client.post(f"/api/crm/deals/{won['id']}/mark-won").status_code == 200
    activity = client.post("/api/crm/activities", json={"type": "call", "subject": "Follow up",
                                                        "customer_id": customer_id, "due_at": "2030-01-02T09:00:00Z"})
    assert activity.status_code == 201, activity.json
    client.post(f"/api/crm/customers/{customer_id}/notes", json={"text": "Wants a demo in January"})

    summary = client.get(f"/api/crm/customers/{customer_id}/summary")
    assert summary.status_code == 200, summary.json
    body = summary.json
    deals = body["deals"]
    assert deals["open_count"] == 3 and deals["complete"] is True
    assert deals["open_value"] == {"EUR": "1500.00", "USD": "200.00"}
    assert deals["weighted_value"] == {"EUR": "350.00", "USD": "20.00"}
    assert deals["won_value"] == "300.00"
    assert [d["value"] for d in deals["top_open_deals"]] == ["1000.00", "500.00", "200.00"]
    stages = {(s["stage"], tuple(s["value"].items())) for s in deals["by_stage"]}
    assert stages == {("lead", (("EUR", "1000.00"), ("USD", "200.00"))), ("proposal", (("EUR", "500.00"),))}
    assert [a["subject"] for a in body["open_activities"]] == ["Follow up"]
    assert body["latest_notes"][0]["text"] == "Wants a demo in January"
    assert "Summit (Summit Games) is a customer" in body["text"]
    assert "3 open deals worth EUR 1,500.00 + USD 200.00" in body["text"]
    assert "Next: call 'Follow up' due 2030-01-02" in body["text"]


def test_summary_of_a_customer_with_nothing_going_on(client):
    body = client.get(f"/api/crm/customers/{_customer(client)}/summary").json
    assert body["deals"]["open_count"] == 0 and body["open_activities"] == [] and body["latest_notes"] == []
    assert "No open deals." in body["text"]


def test_summary_of_a_missing_customer_is_404(client):
    assert_error(client.get("/api/crm/customers/nope/summary"), 404, "NOT_FOUND")
