"""The access matrix, extended to GraphQL: every query field, every customer field that reads other records, and
every mutation, for every role on a record of the caller's own and one of someone else's, called with an ID token
and with an API key of that role.

The expected outcome is not written again: each GraphQL field names the REST operation it shares a use case with,
and the REST matrix's row (tests/api/test_access_matrix.EXPECTED) says what each role gets, with the same records
arranged the same way. A success there (2xx) is data without errors here; a refusal there is an error here with the
same code in extensions.code, leaving the record as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from crm.graphql.schema import crm_schema
from crm.http.routing import api
from tests.api.graphql.helpers import gql
from tests.api.test_access_matrix import (
    ERROR_CODES,
    EXPECTED,
    ROLES,
    SCOPES,
    VIAS,
    Records,
    _arrange,
    _caller,
    _client,
    _fetch,
    _needs,
    owner_filter,
)

Document = Callable[[Records], tuple[str, dict[str, Any]]]


@dataclass(frozen=True)
class Field:
    rest: str  # the REST operation whose row in the matrix applies
    document: Document
    needs: tuple[str, ...] = ()
    path: tuple[str, ...] = ()  # where the answer is, below data


def body(rest: str, r: Records) -> Any:
    make = EXPECTED[rest].body
    return make(r) if make else None


def one(query: str, **variables: Callable[[Records], Any]) -> Document:
    return lambda r: (query, {name: value(r) for name, value in variables.items()})


def customer_field(name: str, needs: str) -> Field:
    return Field("get_customer", one(f"query($id: ID!) {{ customer(id: $id) {{ {name} {{ id ownerId }} }} }}",
                                     id=lambda r: r.customer), needs=(needs,), path=("customer", name))


FIELDS: dict[str, Field] = {
    "Query.customers": Field("list_customers", one(
        "query($owner: String) { customers(ownerId: $owner) { nodes { id ownerId } } }",
        owner=lambda r: owner_filter(r)["owner_id"]), path=("customers", "nodes")),
    "Query.customer": Field("get_customer", one("query($id: ID!) { customer(id: $id) { id notes { text } } }",
                                                id=lambda r: r.customer)),
    "Customer.deals": customer_field("deals", "deal"),
    "Customer.orders": customer_field("orders", "order"),
    "Customer.activities": customer_field("activities", "activity"),
    "Customer.timeline": Field("get_customer_timeline", one(
        "query($id: ID!) { customer(id: $id) { timeline { nodes { entity } } } }", id=lambda r: r.customer)),
    "Query.deals": Field("list_deals", one("query($owner: String) { deals(ownerId: $owner) { nodes { id ownerId } } }",
                                           owner=lambda r: r.owner), path=("deals", "nodes")),
    "Query.deal": Field("get_deal", one("query($id: ID!) { deal(id: $id) { id } }", id=lambda r: r.deal)),
    "Query.pipelines": Field("list_pipelines", one("{ pipelines { id stages { id } } }")),
    "Query.pipeline": Field("get_pipeline", one("query($id: ID!) { pipeline(id: $id) { id } }",
                                                id=lambda r: r.pipeline)),
    "Query.forecast": Field("deal_forecast", one("{ forecast }")),
    "Query.dashboard": Field("crm_dashboard", one("{ dashboard }")),
    "Mutation.createCustomer": Field("create_customer", one(
        "mutation($input: JSON!) { createCustomer(input: $input) { id } }",
        input=lambda r: body("create_customer", r))),
    "Mutation.updateCustomer": Field("patch_customer", one(
        "mutation($id: ID!, $input: JSON!) { updateCustomer(id: $id, input: $input) { id } }",
        id=lambda r: r.customer, input=lambda r: body("patch_customer", r))),
    "Mutation.deleteCustomer": Field("delete_customer", one("mutation($id: ID!) { deleteCustomer(id: $id) }",
                                                            id=lambda r: r.customer)),
    "Mutation.addCustomerNote": Field("add_customer_note", one(
        "mutation($id: ID!, $text: String!) { addCustomerNote(customerId: $id, text: $text) { id } }",
        id=lambda r: r.customer, text=lambda r: body("add_customer_note", r)["text"])),
    "Mutation.createDeal": Field("create_deal", one("mutation($input: JSON!) { createDeal(input: $input) { id } }",
                                                    input=lambda r: body("create_deal", r))),
    "Mutation.moveDeal": Field("move_deal", one(
        "mutation($id: ID!, $stage: String!) { moveDeal(id: $id, stage: $stage) { stage } }",
        id=lambda r: r.deal, stage=lambda r: body("move_deal", r)["stage"])),
    "Mutation.advanceDeal": Field("advance_deal", one("mutation($id: ID!) { advanceDeal(id: $id) { stage } }",
                                                      id=lambda r: r.deal)),
    "Mutation.markDealWon": Field("mark_deal_won", one("mutation($id: ID!) { markDealWon(id: $id) { status } }",
                                                       id=lambda r: r.deal)),
    "Mutation.markDealLost": Field("mark_deal_lost", one(
        "mutation($id: ID!, $reason: String!) { markDealLost(id: $id, reason: $reason) { status } }",
        id=lambda r: r.deal, reason=lambda r: body("mark_deal_lost", r)["reason"])),
    "Mutation.reopenDeal": Field("reopen_deal", one("mutation($id: ID!) { reopenDeal(id: $id) { status } }",
                                                    id=lambda r: r.deal)),
    "Mutation.createActivity": Field("create_activity", one(
        "mutation($input: JSON!) { createActivity(input: $input) { id } }",
        input=lambda r: body("create_activity", r))),
    "Mutation.updateActivity": Field("patch_activity", one(
        "mutation($id: ID!, $input: JSON!) { updateActivity(id: $id, input: $input) { subject } }",
        id=lambda r: r.activity, input=lambda r: body("patch_activity", r))),
    "Mutation.completeActivity": Field("complete_activity", one(
        "mutation($id: ID!) { completeActivity(id: $id) { status } }", id=lambda r: r.activity)),
    "Mutation.deleteActivity": Field("delete_activity", one("mutation($id: ID!) { deleteActivity(id: $id) }",
                                                            id=lambda r: r.activity)),
}
CASES = [pytest.param(name, role, scope, via, id=f"{name} {role} {scope} {via}")
         for name in FIELDS for role in ROLES for scope in SCOPES for via in VIAS]


def test_every_field_that_reads_or_writes_has_a_row():
    schema = crm_schema(True)._schema
    declared = {f"{kind}.{name}" for kind in ("Query", "Mutation") for name in schema.get_type(kind).fields}
    # a customer's fields that read other records (the rest are the customer document's own values)
    declared |= {f"Customer.{name}" for name in ("deals", "orders", "activities", "timeline")}
    assert declared == set(FIELDS)
    assert all(api.find(field.rest) is not None for field in FIELDS.values())


@pytest.mark.parametrize(("name", "role", "scope", "via"), CASES)
def test_graphql_access(app, token_for, name: str, role: str, scope: str, via: str):
    field = FIELDS[name]
    expect = EXPECTED[field.rest]
    setup = _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token_for('setup-admin', 'admin')}"})
    caller_uid, caller = _caller(app, token_for, role, via)
    needs = _needs(api.find(field.rest), expect) | set(field.needs)
    records = _arrange(setup, app, caller_uid if scope == "own" else "someone-else", needs)
    watched = getattr(records, expect.changes) if expect.changes else None
    before = _fetch(setup, expect.changes, watched) if watched else None

    query, variables = field.document(records)
    response = gql(caller, query, variables)

    wanted = expect.statuses[role][SCOPES.index(scope)]
    answer = response.get_json()
    assert response.status_code == 200, answer
    if wanted < 300:
        assert "errors" not in answer, answer
        found = _below(answer["data"], field.path or (next(iter(answer["data"])),))
        assert found is not None, answer
        if role == "rep" and isinstance(found, list):
            assert all(item.get("ownerId", caller_uid) == caller_uid for item in found), found
        for need in field.needs:  # a customer's deals (orders, activities) hold the one arranged
            assert [item["id"] for item in found] == [getattr(records, need)], found
    else:
        assert [e["extensions"]["code"] for e in answer["errors"]] == [ERROR_CODES[wanted]], answer
        assert answer["errors"][0]["extensions"]["status"] == wanted
        if watched:
            assert _fetch(setup, expect.changes, watched) == before, "a refused mutation changed the record"


def _below(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data[key] if data is not None else None
    return data
