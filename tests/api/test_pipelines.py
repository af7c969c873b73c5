"""Pipelines and currency-rate settings over HTTP: every endpoint, its refusals, and bad bodies and queries."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import assert_error, create_customer, detail_fields

PIPELINES = "/api/crm/pipelines"
RATES = "/api/crm/settings/currency-rates"


def stage(stage_id: str, kind: str = "open", probability: int = 50, **extra: Any) -> dict[str, Any]:
    return {"id": stage_id, "name": stage_id.title(), "probability": probability, "kind": kind, **extra}


def stages() -> list[dict[str, Any]]:
    return [stage("contact", probability=20, color="#FFAA00"), stage("quote", probability=60),
            stage("renewed", "won", 100), stage("churned", "lost", 0)]


def create_pipeline(client, **fields: Any) -> dict[str, Any]:
    response = client.post(PIPELINES, json={"name": "Renewals", "stages": stages(), **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def create_deal(client, **fields: Any) -> dict[str, Any]:
    body = {"customer_id": create_customer(client)["id"], "title": "Deal", **fields}
    response = client.post("/api/crm/deals", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_create_get_and_list_a_pipeline(client):
    response = client.post(PIPELINES, json={"name": "Renewals", "stages": stages()})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert response.headers["Location"].endswith(f"/crm/pipelines/{created['id']}")
    assert set(created) == {"id", "name", "is_default", "stages", "created_at", "updated_at", "version"}
    assert (created["is_default"], created["stages"][0]["color"]) == (False, "#ffaa00")
    assert created["stages"][1] == {"id": "quote", "name": "Quote", "probability": 60, "color": "#9e9e9e",
                                    "kind": "open", "substages": [], "rotting_days": None}
    assert client.get(f"{PIPELINES}/{created['id']}").get_json() == created
    listed = client.get(PIPELINES).get_json()
    assert ([p["name"] for p in listed["results"]], listed["total"]) == (["Renewals", "Sales"], 2)


def test_rotting_days_are_kept_on_open_stages(client):
    body = stages()
    body[0]["rotting_days"] = 14
    created = create_pipeline(client, stages=body)
    assert [s["rotting_days"] for s in created["stages"]] == [14, None, None, None]
    body[1]["rotting_days"] = 30
    changed = client.patch(f"{PIPELINES}/{created['id']}", json={"stages": body}).get_json()
    assert [s["rotting_days"] for s in changed["stages"]] == [14, 30, None, None]


@pytest.mark.parametrize("method", ["patch", "put"])
def test_rename_and_make_default(client, method):
    created = create_pipeline(client)
    response = getattr(client, method)(f"{PIPELINES}/{created['id']}", json={"name": "Renew", "is_default": True})
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["name"], response.get_json()["is_default"]) == ("Renew", True)
    defaults = {p["id"]: p["is_default"] for p in client.get(PIPELINES).get_json()["results"]}
    assert defaults == {created["id"]: True, "sales": False}
    assert create_deal(client)["pipeline_id"] == created["id"]


def test_removing_a_stage_with_deals_is_409_until_stage_moves_says_where(client):
    deal = create_deal(client, stage="proposal")
    sales = client.get(f"{PIPELINES}/sales").get_json()
    kept = [s for s in sales["stages"] if s["id"] != "proposal"]
    refused = client.patch(f"{PIPELINES}/sales", json={"stages": kept})
    error = assert_error(refused, 409, "FAILED_PRECONDITION")
    assert "proposal" in error["message"] and error["details"] == [{"stage": "proposal", "deals": 1}]
    wrong_kind = client.patch(f"{PIPELINES}/sales", json={"stages": kept, "stage_moves": {"proposal": "closed_won"}})
    assert "stage_moves.proposal" in detail_fields(assert_error(wrong_kind, 422, "VALIDATION_FAILED"))
    changed = client.patch(f"{PIPELINES}/sales", json={"stages": kept, "stage_moves": {"proposal": "qualified"}})
    assert changed.status_code == 200, changed.get_json()
    assert [s["id"] for s in changed.get_json()["stages"]] == [s["id"] for s in kept]
    moved = client.get(f"/api/crm/deals/{deal['id']}").get_json()
    assert moved["stage"] == "qualified" and moved["stage_history"][-1]["to"] == "qualified"


def test_delete_a_pipeline_moving_its_deals(client):
    created = create_pipeline(client)
    deal = create_deal(client, pipeline_id=created["id"], stage="quote")
    refused = client.delete(f"{PIPELINES}/{created['id']}")
    assert "move_deals_to" in assert_error(refused, 409, "FAILED_PRECONDITION")["message"]
    assert client.delete(f"{PIPELINES}/{created['id']}?move_deals_to=sales").status_code == 204
    assert_error(client.get(f"{PIPELINES}/{created['id']}"), 404, "NOT_FOUND")
    moved = client.get(f"/api/crm/deals/{deal['id']}").get_json()
    assert (moved["pipeline_id"], moved["stage"]) == ("sales", "lead")


def test_delete_an_empty_pipeline(client):
    created = create_pipeline(client)
    response = client.delete(f"{PIPELINES}/{created['id']}")
    assert (response.status_code, response.get_data()) == (204, b"")
    assert [p["id"] for p in client.get(PIPELINES).get_json()["results"]] == ["sales"]


def test_the_default_pipeline_cannot_be_deleted(client):
    error = assert_error(client.delete(f"{PIPELINES}/sales"), 409, "FAILED_PRECONDITION")
    assert "default" in error["message"]


@pytest.mark.parametrize(("method", "body"), [
    ("get", None), ("patch", {"name": "x"}), ("put", {"name": "x"}), ("delete", None)])
def test_unknown_pipeline_is_404(client, method, body):
    assert_error(getattr(client, method)(f"{PIPELINES}/nope", json=body), 404, "NOT_FOUND")


def test_delete_moving_deals_to_an_unknown_pipeline_is_404(client):
    created = create_pipeline(client)
    assert_error(client.delete(f"{PIPELINES}/{created['id']}?move_deals_to=nope"), 404, "NOT_FOUND")


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"stages": stages()}, "name", id="missing name"),
    pytest.param({"name": "x"}, "stages", id="missing stages"),
    pytest.param({"name": "", "stages": stages()}, "name", id="empty name"),
    pytest.param({"name": "x", "stages": []}, "stages", id="no stages"),
    pytest.param({"name": "x", "stages": stages()[:2] + stages()[2:3] * 2 + stages()[3:]}, "stages",
                 id="two won stages"),
    pytest.param({"name": "x", "stages": [stage("a"), stage("b"), stage("w", "won")]}, "stages", id="no lost stage"),
    pytest.param({"name": "x", "stages": [stage("a", color="red")] + stages()[2:]}, "stages.0.color",
                 id="bad colour"),
    pytest.param({"name": "x", "stages": [stage("a", probability=101)] + stages()[2:]}, "stages.0.probability",
                 id="probability 101"),
    pytest.param({"name": "x", "stages": [stage("A b")] + stages()[2:]}, "stages.0.id", id="bad stage id"),
    pytest.param({"name": "x", "stages": [{**stage("a"), "rotting_days": 0}] + stages()[2:]}, "stages.0.rotting_days",
                 id="rotting days 0"),
    pytest.param({"name": "x", "stages": [{**stage("a"), "rotting_days": 366}] + stages()[2:]},
                 "stages.0.rotting_days", id="rotting days over a year"),
    pytest.param({"name": "x", "stages": stages()[:2] + [{**stages()[2], "rotting_days": 5}] + stages()[3:]},
                 "stages", id="rotting days on a won stage"),
    pytest.param({"name": "x", "stages": stages(), "colour": "red"}, "colour", id="unknown field"),
    pytest.param({"name": "x", "stages": stages(), "id": "mine"}, "id", id="server-owned id"),
    pytest.param({"name": "x", "stages": stages(), "created_at": "2024-01-01T00:00:00Z"}, "created_at",
                 id="server-owned created_at"),
])
def test_bad_pipeline_bodies_are_422_naming_the_field(client, body, field):
    assert field in detail_fields(assert_error(client.post(PIPELINES, json=body), 422, "VALIDATION_FAILED"))


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"is_default": False}, None, id="is_default false"),
    pytest.param({"stage_moves": {"lead": "qualified"}}, None, id="moves without stages"),
    pytest.param({"updated_at": "2024-01-01T00:00:00Z"}, "updated_at", id="server-owned updated_at"),
])
def test_bad_pipeline_changes_are_422(client, body, field):
    error = assert_error(client.patch(f"{PIPELINES}/sales", json=body), 422, "VALIDATION_FAILED")
    assert error["details"] and (field is None or field in detail_fields(error))


def test_a_null_name_is_refused_and_the_pipeline_stays_readable(client):
    response = client.patch(f"{PIPELINES}/sales", json={"name": None})
    listed = client.get(PIPELINES)
    assert listed.status_code == 200, listed.get_json()
    assert [p["name"] for p in listed.get_json()["results"]] == ["Sales"]
    assert "name" in detail_fields(assert_error(response, 422, "VALIDATION_FAILED"))


@pytest.mark.parametrize("query", ["colour=red", "move_deals_to=" + "x" * 129, "move_deals_to=a&move_deals_to=b"])
def test_bad_delete_query_is_400(client, query):
    created = create_pipeline(client)
    assert_error(client.delete(f"{PIPELINES}/{created['id']}?{query}"), 400, "INVALID_ARGUMENT")
    assert client.get(f"{PIPELINES}/{created['id']}").status_code == 200


def test_currency_rates_start_empty_and_are_replaced_whole(client):
    assert client.get(RATES).get_json() == {"base": "EUR", "rates": {}}
    put = client.put(RATES, json={"rates": {"usd": "0.9", "GBP": 1.17}})
    assert put.status_code == 200, put.get_json()
    assert put.get_json() == {"base": "EUR", "rates": {"USD": "0.9", "GBP": "1.17"}}
    assert client.get(RATES).get_json() == put.get_json()
    assert client.put(RATES, json={"rates": {"JPY": "0.0062"}}).get_json()["rates"] == {"JPY": "0.0062"}
    assert client.get(RATES).get_json()["rates"] == {"JPY": "0.0062"}


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"rates": {"EUR": "1"}}, "rates.EUR", id="the base currency"),
    pytest.param({"rates": {"USD": 0}}, "rates.USD", id="zero rate"),
    pytest.param({"rates": {"USD": "-1"}}, "rates.USD", id="negative rate"),
    pytest.param({"rates": {"DOLLAR": "1"}}, "rates.DOLLAR", id="bad code"),
    pytest.param({"rates": {"USD": "abc"}}, "rates.USD", id="not a number"),
    pytest.param({}, "rates", id="no rates"),
    pytest.param({"rates": {}, "base": "USD"}, "base", id="base is not writable"),
])
def test_bad_rates_are_422_naming_the_field(client, body, field):
    error = assert_error(client.put(RATES, json=body), 422, "VALIDATION_FAILED")
    assert any(f and f.startswith(field) for f in detail_fields(error)), error


@pytest.mark.parametrize(("method", "path"), [("post", RATES), ("delete", PIPELINES), ("post", f"{PIPELINES}/sales")])
def test_methods_that_an_endpoint_does_not_take_are_405(client, method, path):
    assert_error(getattr(client, method)(path), 405, "METHOD_NOT_ALLOWED")


@pytest.mark.parametrize("path", [PIPELINES, f"{PIPELINES}/sales", RATES])
def test_pipelines_need_credentials(anonymous, path):
    assert_error(anonymous.get(path), 401, "UNAUTHENTICATED")
