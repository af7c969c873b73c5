"""Deal reports through HTTP: the pipeline summary, kanban, forecast, stage statistics and dashboard, their routes
(not taken for a deal id), their parameters and their errors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from crm.domain.deal_reports import add_months
from tests.api.helpers import assert_error, create_customer, detail_fields

DEALS = "/api/crm/deals"
REPORTS = ["pipeline", "kanban", "forecast", "stats"]
THIS_MONTH = datetime.now(UTC).strftime("%Y-%m")


def _deal(client, customer_id: str, **fields: Any) -> dict[str, Any]:
    response = client.post(DEALS, json={"customer_id": customer_id, "title": "Deal", **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def seeded(client) -> dict[str, Any]:
    """EUR, USD and GBP deals in three stages of the Sales pipeline, one won; USD at 0.5 and GBP at 1.2 EUR."""
    rates = client.put("/api/crm/settings/currency-rates", json={"rates": {"USD": "0.5", "GBP": "1.2"}})
    assert rates.status_code == 200, rates.get_json()
    customer = create_customer(client, status="lead")
    create_customer(client, status="prospect")
    close = f"{THIS_MONTH}-20"
    return {
        "customer": customer,
        "eur": _deal(client, customer["id"], value="1000.00", expected_close_date=close, owner_id="alice"),
        "usd": _deal(client, customer["id"], value="200.00", currency="USD", stage="proposal",
                     expected_close_date=close, owner_id="bob"),
        "usd2": _deal(client, customer["id"], value="100.01", currency="USD", stage="proposal"),
        "gbp": _deal(client, customer["id"], value="50.00", currency="GBP", stage="closed_won"),
    }


def money(total: str, **by_currency: str) -> dict[str, Any]:
    return {"base": "EUR", "total": total, "by_currency": by_currency}


def test_pipeline_summary(client, seeded):
    response = client.get(f"{DEALS}/pipeline")

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["pipeline_id"], body["pipeline_name"], body["unconverted_currencies"]) == ("sales", "Sales", [])
    stages = {s["id"]: s for s in body["stages"]}
    assert list(stages) == ["lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"]
    assert stages["lead"] == {"id": "lead", "name": "Lead", "kind": "open", "count": 1,
                              "value": money("1000.00", EUR="1000.00"), "weighted_value": money("100.00", EUR="100.00")}
    assert stages["proposal"]["count"] == 2
    assert stages["proposal"]["value"] == money("150.01", USD="300.01")  # 300.01 * 0.5 = 150.005, rounded half up
    assert stages["proposal"]["weighted_value"] == money("75.01", USD="150.01")  # 100.00 + 50.01 (each rounded)
    assert stages["closed_won"]["value"] == money("60.00", GBP="50.00")
    assert stages["qualified"] == {"id": "qualified", "name": "Qualified", "kind": "open", "count": 0,
                                   "value": money("0.00"), "weighted_value": money("0.00")}


def test_kanban(client, seeded):
    body = client.get(f"{DEALS}/kanban?per_column=1").get_json()

    assert body["per_column"] == 1
    columns = {c["id"]: c for c in body["columns"]}
    assert [d["id"] for d in columns["proposal"]["deals"]] == [seeded["usd"]["id"]]
    assert columns["proposal"]["count"] == 2
    card = columns["lead"]["deals"][0]
    from_the_board = {"customer_name", "rotting"}
    assert {k: v for k, v in card.items() if k not in from_the_board} == {
        key: seeded["eur"][key] for key in card if key not in from_the_board}
    assert (card["customer_name"], card["rotting"]) == (seeded["customer"]["name"], False)
    assert columns["proposal"]["next_cursor"] and columns["lead"]["next_cursor"] is None
    assert columns["negotiation"]["deals"] == []
    assert client.get(f"{DEALS}/kanban").get_json()["per_column"] == 10


def test_kanban_column_pages_and_an_owners_board(client, seeded):
    first = client.get(f"{DEALS}/kanban?per_column=1&stage=proposal").get_json()
    (column,) = first["columns"]
    page = client.get(f"{DEALS}/kanban", query_string={"per_column": 1, "stage": "proposal",
                                                       "cursor": column["next_cursor"]}).get_json()
    assert [d["id"] for d in page["columns"][0]["deals"]] == [seeded["usd2"]["id"]]
    assert page["columns"][0]["next_cursor"] is None

    bobs = client.get(f"{DEALS}/kanban?owner_id=bob").get_json()
    assert bobs["owner_id"] == "bob"
    assert {c["id"]: c["count"] for c in bobs["columns"]}["proposal"] == 1
    assert [d["id"] for c in bobs["columns"] for d in c["deals"]] == [seeded["usd"]["id"]]


@pytest.mark.parametrize(("query", "field"), [
    pytest.param("cursor=abc", "stage", id="cursor without its stage"),
    pytest.param("stage=nope", "stage", id="unknown stage"),
    pytest.param("stage=lead&cursor=abc", "cursor", id="forged cursor"),
])
def test_kanban_refuses_bad_column_paging(client, seeded, query, field):
    error = assert_error(client.get(f"{DEALS}/kanban?{query}"), 400, "INVALID_ARGUMENT")
    assert field in detail_fields(error)


def test_forecast(client, seeded):
    body = client.get(f"{DEALS}/forecast").get_json()

    assert (body["from_month"], body["to_month"]) == (THIS_MONTH, add_months(THIS_MONTH, 5))
    assert [m["month"] for m in body["by_month"]] == [add_months(THIS_MONTH, n) for n in range(6)]
    assert (body["deal_count"], body["total_pipeline"], body["weighted_forecast"]) == (
        3, money("1150.01", EUR="1000.00", USD="300.01"), money("175.01", EUR="100.00", USD="150.01"))
    assert (body["won_count"], body["closed_revenue"]) == (1, money("60.00", GBP="50.00"))
    assert body["by_month"][0]["deal_count"] == 2 and body["by_month"][1]["deal_count"] == 0
    assert body["undated"] == {"deal_count": 1, "total_pipeline": money("50.01", USD="100.01"),
                               "weighted_forecast": money("25.01", USD="50.01"), "won_count": 0,
                               "closed_revenue": money("0.00")}
    assert {o["owner_id"]: (o["deal_count"], o["won_count"]) for o in body["by_owner"]} == {
        "alice": (1, 0), "bob": (1, 0), "user-1": (1, 1)}
    assert [(s["id"], s["deal_count"], s["won_count"]) for s in body["by_stage"]] == [
        ("lead", 1, 0), ("qualified", 0, 0), ("proposal", 2, 0), ("negotiation", 0, 0), ("closed_won", 0, 1)]


def test_forecast_and_dashboard_count_every_open_deal_whatever_its_close_date(client):
    """A team that has not filled in close dates, or expects deals beyond the range, still sees them all."""
    customer = create_customer(client)
    closes = [f"{THIS_MONTH}-10", None, f"{add_months(THIS_MONTH, 12)}-10", f"{add_months(THIS_MONTH, -3)}-10"]
    for close in closes:
        _deal(client, customer["id"], value="100.00", expected_close_date=close)
    won = _deal(client, customer["id"], value="40.00", expected_close_date=f"{add_months(THIS_MONTH, 9)}-01")
    assert client.post(f"{DEALS}/{won['id']}/mark-won").status_code == 200

    forecast = client.get(f"{DEALS}/forecast").get_json()
    dashboard = client.get("/api/crm/dashboard").get_json()

    assert (forecast["deal_count"], forecast["total_pipeline"]["total"]) == (4, "400.00")
    assert forecast["weighted_forecast"]["total"] == "40.00"  # lead stage, 10%
    assert (forecast["won_count"], forecast["closed_revenue"]["total"]) == (1, "40.00")
    assert sum(m["deal_count"] for m in forecast["by_month"]) == 1 and forecast["undated"]["deal_count"] == 1
    assert [(o["owner_id"], o["deal_count"]) for o in forecast["by_owner"]] == [("user-1", 4)]
    assert forecast["by_stage"][0]["deal_count"] == 4
    assert dashboard["open_deals"] == {"count": 4, "value": money("400.00", EUR="400.00")}
    assert dashboard["won_deals"] == {"count": 1, "value": money("40.00", EUR="40.00")}


def test_forecast_of_a_given_range(client, seeded):
    start = add_months(THIS_MONTH, -23)
    body = client.get(f"{DEALS}/forecast?from={start}&to={THIS_MONTH}&pipeline_id=sales").get_json()
    assert len(body["by_month"]) == 24 and body["by_month"][-1]["deal_count"] == 2


def test_stats(client, seeded):
    client.post(f"{DEALS}/{seeded['eur']['id']}/advance-stage")
    client.post(f"{DEALS}/{seeded['usd']['id']}/mark-lost", json={"reason": "price"})

    body = client.get(f"{DEALS}/stats").get_json()

    assert (body["won"], body["lost"], body["win_rate"]) == (1, 1, 0.5)
    stages = {s["id"]: s for s in body["stages"]}
    assert (stages["lead"]["exits"], stages["proposal"]["exits"], stages["qualified"]["exits"]) == (1, 1, 0)
    assert stages["lead"]["average_seconds"] >= 0 and stages["qualified"]["average_seconds"] is None


def test_dashboard(client, seeded):
    body = client.get("/api/crm/dashboard").get_json()

    assert (body["leads"], body["active_customers"]) == (0, 2)  # the won deal made the lead a customer
    assert body["customers_by_status"] == {"lead": 0, "prospect": 1, "customer": 1, "churned": 0}
    assert body["conversion_rate"] == 0.5
    assert body["open_deals"] == {"count": 3, "value": money("1150.01", EUR="1000.00", USD="300.01")}
    assert body["won_deals"] == {"count": 1, "value": money("60.00", GBP="50.00")}
    assert [(s["id"], s["count"]) for s in body["pipeline_distribution"]["stages"]] == [
        ("lead", 1), ("qualified", 0), ("proposal", 2), ("negotiation", 0), ("closed_won", 1), ("closed_lost", 0)]


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize(("prefix", "slash"), [("/api", ""), ("/api", "/"), ("", ""), ("", "/")])
def test_report_paths_are_not_taken_for_a_deal_id(client, report, prefix, slash):
    response = client.get(f"{prefix}/crm/deals/{report}{slash}")
    assert response.status_code == 200, response.get_json()
    assert "pipeline_id" in response.get_json()


def test_deal_ids_still_reach_the_deal(client, seeded):
    response = client.get(f"{DEALS}/{seeded['eur']['id']}")
    assert response.status_code == 200 and response.get_json()["title"] == "Deal"
    assert_error(client.get(f"{DEALS}/pipelines"), 404, "NOT_FOUND")


@pytest.mark.parametrize(("path", "query", "field"), [
    pytest.param("kanban", "per_column=0", "per_column", id="per_column 0"),
    pytest.param("kanban", "per_column=51", "per_column", id="per_column 51"),
    pytest.param("kanban", "per_column=many", "per_column", id="per_column not a number"),
    pytest.param("forecast", "from=2025-13", "from", id="month 13"),
    pytest.param("forecast", "from=2025-1", "from", id="one-digit month"),
    pytest.param("forecast", "to=May", "to", id="to not a month"),
    pytest.param("forecast", "from=2025-05&to=2025-04", "to", id="backwards range"),
    pytest.param("forecast", "from=2025-01&to=2027-01", "to", id="25 months"),
    pytest.param("forecast", "from=2025-01&from=2025-02", "from", id="repeated"),
    pytest.param("pipeline", "pipeline_id=" + "p" * 129, "pipeline_id", id="129-char pipeline_id"),
    pytest.param("pipeline", "stage=lead", "stage", id="unknown parameter"),
    pytest.param("stats", "pipeline_id=", "pipeline_id", id="empty pipeline_id"),
])
def test_bad_parameters_are_400_naming_them(client, path, query, field):
    error = assert_error(client.get(f"{DEALS}/{path}?{query}"), 400, "INVALID_ARGUMENT")
    assert field in detail_fields(error), error


@pytest.mark.parametrize("report", REPORTS)
def test_unknown_pipeline_is_404(client, report):
    error = assert_error(client.get(f"{DEALS}/{report}?pipeline_id=nope"), 404, "NOT_FOUND")
    assert detail_fields(error) == ["pipeline_id"]


@pytest.mark.parametrize("path", [f"{DEALS}/{r}" for r in REPORTS] + ["/api/crm/dashboard"])
def test_reports_need_credentials(anonymous, path):
    assert_error(anonymous.get(path), 401, "UNAUTHENTICATED")


def test_reports_are_in_the_openapi_document(anonymous):
    document = anonymous.get("/api/openapi.json").get_json()
    for report in REPORTS:
        assert "get" in document["paths"][f"{DEALS}/{report}"]
    assert "get" in document["paths"]["/api/crm/dashboard"]
    forecast = document["paths"][f"{DEALS}/forecast"]["get"]
    assert {"from", "to", "pipeline_id"} <= {p["name"] for p in forecast["parameters"]}
    schemas = document["components"]["schemas"]
    assert {"PipelineSummary", "Kanban", "Forecast", "StageStats", "Dashboard", "MoneyTotals"} <= set(schemas)
    assert "customer or churned" in schemas["Dashboard"]["properties"]["conversion_rate"]["description"]
