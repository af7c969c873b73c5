"""What a GraphQL request may be: limits on depth, aliases and cost, introspection (local mode only), GraphiQL
(local mode only), errors in the REST API's codes, Idempotency-Key and version preconditions on mutations."""

from __future__ import annotations

import dataclasses

import pytest

from crm.graphql import limits
from crm.http import create_app
from crm.http.dependencies import Dependencies
from tests.api.graphql.helpers import GRAPHQL, data_of, error_codes, gql, only_error
from tests.api.helpers import assert_error, create_customer

CREATE = "mutation($input: JSON!) { createCustomer(input: $input) { id name } }"


def limit_of(response) -> str:
    error = only_error(response, 400, "INVALID_ARGUMENT")
    assert response.status_code == 200 and "data" not in response.get_json()
    return error["extensions"]["details"][0]["type"]


def test_too_deep_a_document_is_refused_before_it_runs(client, monkeypatch):
    deep = "{ customers { nodes { deals { id } } } }"
    data_of(gql(client, deep))  # 3 levels
    monkeypatch.setattr(limits, "MAX_DEPTH", 2)
    assert limit_of(gql(client, deep)) == "max_depth"
    fragment = "fragment withNotes on Customer { notes { text } }"
    assert limit_of(gql(client, "{ customers { nodes { ...withNotes } } } " + fragment)) == "max_depth"
    nesting = gql(client, "{ pipelines { id } }")
    assert "data" in nesting.get_json()


def test_too_many_aliases_are_refused(client):
    fields = " ".join(f"p{n}: pipelines {{ id }}" for n in range(limits.MAX_ALIASES + 1))
    assert limit_of(gql(client, "{ " + fields + " }")) == "max_aliases"


def test_too_costly_a_document_is_refused(client):
    costly = "{ customers(first: 100) { nodes { deals(first: 50) { id title value } } } }"
    error = only_error(gql(client, costly), 400, "INVALID_ARGUMENT")
    detail = error["extensions"]["details"][0]
    assert detail["type"] == "max_cost" and detail["found"] > detail["limit"] == limits.MAX_COST
    data_of(gql(client, "{ customers(first: 25) { nodes { deals(first: 25) { id title value } } } }"))


def test_a_document_that_is_not_graphql_or_not_valid_is_invalid_argument(client):
    assert error_codes(gql(client, "{ customers ")) == ["INVALID_ARGUMENT"]
    assert error_codes(gql(client, "{ nothingHere }")) == ["INVALID_ARGUMENT"]
    assert error_codes(gql(client, "query($n: Int!) { customers(first: $n) { totalCount } }", {"n": "x"})) == [
        "INVALID_ARGUMENT"]
    assert_error(client.post(GRAPHQL, json={"variables": {}}), 422, "VALIDATION_FAILED")


def test_introspection_is_on_in_local_mode_and_off_in_production(app, client, settings, monkeypatch):
    assert data_of(gql(client, "{ __schema { queryType { name } } }")) == {"__schema": {"queryType": {"name": "Query"}}}
    monkeypatch.setattr(app.extensions["crm"], "settings", dataclasses.replace(settings, local_mode=False))
    response = gql(client, "{ __schema { queryType { name } } }")
    assert "data" not in response.get_json() and set(error_codes(response)) == {"INVALID_ARGUMENT"}
    assert response.get_json()["errors"][0]["message"].startswith("GraphQL introspection has been disabled")


def test_graphiql_is_served_in_local_mode_only(anonymous, settings):
    page = anonymous.get(GRAPHQL)
    assert page.status_code == 200 and page.mimetype == "text/html" and b"graphiql" in page.data.lower()
    production = create_app(dataclasses.replace(settings, local_mode=False, collection_prefix=""))
    production.extensions["crm"] = Dependencies(dataclasses.replace(settings, local_mode=False))
    assert_error(production.test_client().get(GRAPHQL), 404, "NOT_FOUND")


def test_use_case_errors_carry_the_rest_codes_and_details(client):
    response = gql(client, CREATE, {"input": {"name": ""}})
    error = only_error(response, 422, "VALIDATION_FAILED")
    assert error["path"] == ["createCustomer"] and error["extensions"]["details"][0]["field"] == "input.name"
    assert response.get_json()["data"] == {"createCustomer": None}
    owned = gql(client, CREATE, {"input": {"name": "X", "lifetime_value": "9"}})
    assert only_error(owned, 422, "VALIDATION_FAILED")["extensions"]["details"][0]["type"] == "server_owned"


def test_one_failing_field_leaves_the_others(client):
    customer = create_customer(client)
    response = gql(client, 'query($id: ID!) { customer(id: $id) { id } missing: customer(id: "gone") { id } }',
                   {"id": customer["id"]})
    body = response.get_json()
    assert body["data"] == {"customer": {"id": customer["id"]}, "missing": None}
    assert error_codes(response) == ["NOT_FOUND"] and body["errors"][0]["path"] == ["missing"]


def test_a_viewer_may_not_write_and_a_rep_gets_no_reports(as_user):
    viewer, rep = as_user("v", "viewer"), as_user("r", "rep")
    only_error(gql(viewer, CREATE, {"input": {"name": "Nope"}}), 403, "PERMISSION_DENIED")
    only_error(gql(rep, "{ dashboard }"), 403, "PERMISSION_DENIED")


def test_an_idempotency_key_makes_a_mutation_act_once(client):
    first = gql(client, CREATE, {"input": {"name": "Once"}}, Idempotency_Key="gql-create-1")
    again = gql(client, CREATE, {"input": {"name": "Once"}}, Idempotency_Key="gql-create-1")
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    listed = client.get("/api/crm/customers", query_string={"search": "Once"}).get_json()
    assert listed["total"] == 1
    other = gql(client, CREATE, {"input": {"name": "Twice"}}, Idempotency_Key="gql-create-1")
    assert_error(other, 422, "VALIDATION_FAILED")


def test_if_version_is_the_if_match_precondition(client):
    customer = create_customer(client)
    update = ("mutation($id: ID!, $v: String) { updateCustomer(id: $id, input: {name: \"New\"}, ifVersion: $v) "
              "{ version } }")
    changed = data_of(gql(client, update, {"id": customer["id"], "v": customer["version"]}))["updateCustomer"]
    stale = gql(client, update, {"id": customer["id"], "v": customer["version"]})
    assert only_error(stale, 412, "PRECONDITION_FAILED")
    assert changed["version"] != customer["version"]


@pytest.mark.parametrize("role", ["admin", "rep"])
def test_each_mutation_after_the_first_counts_against_the_rate_limit(app, as_user, settings, role):
    app.extensions["crm"] = Dependencies(dataclasses.replace(settings, requests_per_minute=2, request_burst=2))
    writer = as_user(f"{role}-1", role)
    three = " ".join(f'{n}: createCustomer(input: {{name: "{n}"}}) {{ id }}' for n in "abc")
    response = gql(writer, "mutation { " + three + " }")
    assert error_codes(response) == ["RESOURCE_EXHAUSTED"] and response.get_json()["data"]["c"] is None


def test_a_deal_through_its_stages(client):
    customer = create_customer(client)
    made = data_of(gql(client, "mutation($c: JSON!) { createDeal(input: $c) { id stage version } }",
                       {"c": {"customer_id": customer["id"], "title": "Stages", "value": "100.00"}}))["createDeal"]
    steps = "mutation($id: ID!) { moveDeal(id: $id, stage: \"qualified\") { stage } advanceDeal(id: $id) { stage } }"
    moved = data_of(gql(client, steps, {"id": made["id"]}))
    assert moved["moveDeal"]["stage"] == "qualified" and moved["advanceDeal"]["stage"] != "qualified"
    no_reason = gql(client, "mutation($id: ID!) { markDealLost(id: $id, reason: \"\") { status } }", {"id": made["id"]})
    assert only_error(no_reason, 422, "VALIDATION_FAILED")["extensions"]["details"][0]["field"] == "reason"
    stale = gql(client, "mutation($id: ID!, $v: String) { markDealWon(id: $id, ifVersion: $v) { status } }",
                {"id": made["id"], "v": made["version"]})
    only_error(stale, 412, "PRECONDITION_FAILED")
    closed = "mutation($id: ID!) { markDealWon(id: $id) { status } reopenDeal(id: $id) { status } }"
    assert data_of(gql(client, closed, {"id": made["id"]})) == {"markDealWon": {"status": "WON"},
                                                                "reopenDeal": {"status": "OPEN"}}
