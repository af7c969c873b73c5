"""Generated hostile requests, shapes the OpenAPI-driven run does not make on its own: JSON nested far deeper than
any body needs on every write, path parameters of any length and characters on every operation that has them, and
forged cursors on every list. Whatever arrives, the answer is a documented 4xx in the one error shape (or the 2xx
of a request that happens to be valid), never a 5xx."""

from __future__ import annotations

import base64
import json
import urllib.parse
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.http.parsing import MAX_JSON_DEPTH
from crm.http.routing import Operation, api
from crm.identity import DirectoryUser, UserDirectory
from tests.utils import partner_steps
from tests.utils.fuzz_counts import FUZZ_STATUSES

EXAMPLES = settings(max_examples=10, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
WRITES = [pytest.param(op, id=f"{op.method} {op.path}") for op in api.operations if op.body]
WITH_PATH = [pytest.param(op, id=f"{op.method} {op.path}") for op in api.operations if op.path_parameters]
# A board pages one column at a time, its cursor needing the column's stage: the lead board
# (tests/api/test_lead_qualification.py) and the deals board (tests/api/test_deal_reports.py) have their own cases.
# The duplicates' cursor is not of this shape ("<holders>.<key id>"): its forged ones are cases of
# tests/api/test_accounts.py.
LISTS = [pytest.param(op, id=f"{op.method} {op.path}") for op in api.operations
         if op.query and "cursor" in op.query.model_fields and "page_size" in op.query.model_fields
         and op.path != "/crm/customers/duplicates"]
CHARACTERS = st.characters(exclude_characters="/", exclude_categories=["Cs"])
SEGMENTS = st.one_of(st.text(CHARACTERS, min_size=1, max_size=20), st.text(CHARACTERS, min_size=129, max_size=2000))
BEYOND_64_BITS = st.one_of(st.integers(min_value=2**63, max_value=2**80), st.integers(max_value=-(2**63) - 1,
                                                                                      min_value=-(2**80)))
HOSTILE_VALUES = st.one_of(
    st.fixed_dictionaries({"v": st.one_of(BEYOND_64_BITS, st.floats(), st.booleans(), st.text(min_size=1400,
                                                                                               max_size=1600),
                                          st.lists(st.integers(), max_size=2))}),
    st.fixed_dictionaries({"t": st.one_of(
        st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
        st.sampled_from(["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2024-01-01T00:00:00"]))}),
)
VALID_PAGE, VALID_VALUE, VALID_ID = st.integers(min_value=1, max_value=3), st.just({"v": "paged"}), st.just("x" * 20)
# One part of a cursor forged at a time, the others as a real cursor has them, so each forgery reaches the query.
CURSORS = st.one_of(
    st.fixed_dictionaries({"p": st.one_of(BEYOND_64_BITS, st.integers(max_value=0), st.floats(), st.booleans()),
                           "s": VALID_VALUE, "id": VALID_ID}),
    st.fixed_dictionaries({"p": VALID_PAGE, "s": HOSTILE_VALUES, "id": VALID_ID}),
    st.fixed_dictionaries({"p": VALID_PAGE, "s": VALID_VALUE, "id": st.text(max_size=1600)}),
)


def path_of(op: Operation, values: dict[str, str]) -> str:
    path = "/api" + op.path
    for name in op.path_parameters:
        path = path.replace(f"<{name}>", urllib.parse.quote(values.get(name, "abc12345"), safe=""))
    return path


def answered_well(response: Any) -> None:
    FUZZ_STATUSES[response.status_code] += 1
    if response.status_code == 503:
        assert "Retry-After" in response.headers
        return
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert set(response.get_json()["error"]) == {"code", "message", "details"}


@pytest.mark.parametrize("op", WRITES)
def test_deep_json_on_every_write(fuzz_app: Flask, admin_headers: dict[str, str], op: Operation):
    @EXAMPLES
    @given(depth=st.integers(min_value=MAX_JSON_DEPTH + 1, max_value=20_000), opening=st.sampled_from(["[", '{"a":']),
           inside_a_field=st.booleans())
    def refused(depth: int, opening: str, inside_a_field: bool) -> None:
        closing = "]" if opening == "[" else "}"
        body = opening * depth + "1" + closing * depth
        if inside_a_field:
            body = '{"name": ' + body + "}"
        response = fuzz_app.test_client().open(path_of(op, {}), method=op.method, data=body,
                                               content_type="application/json", headers=admin_headers)
        answered_well(response)
        assert response.status_code in (400, 404), response.get_data(as_text=True)[:300]

    refused()


@pytest.mark.parametrize("op", WITH_PATH)
def test_path_parameters_of_any_shape(fuzz_app: Flask, admin_headers: dict[str, str], op: Operation):
    @EXAMPLES
    @given(values=st.fixed_dictionaries({name: SEGMENTS for name in op.path_parameters}))
    def answered(values: dict[str, str]) -> None:
        body = {"role": "rep"} if op.body else None
        response = fuzz_app.test_client().open(path_of(op, values), method=op.method, json=body,
                                               headers=admin_headers)
        answered_well(response)

    answered()


@pytest.fixture(scope="module")
def paged(fuzz_app: Flask, admin_headers: dict[str, str]) -> dict[str, str]:
    """Two records of each kind, so that every list has a next page, and its customer (and a webhook endpoint with two
    deliveries) for the nested lists."""
    client = fuzz_app.test_client()

    def create(path: str, body: dict[str, Any]) -> str:
        response = client.post(f"/api/crm/{path}", json=body, headers=admin_headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]

    customer = ""
    for n in range(2):
        customer = create("customers", {"name": f"Paged {n}", "email": f"paged{n}@example.com"})
        gone = create("customers", {"name": f"Deleted {n}"})
        assert client.delete(f"/api/crm/customers/{gone}", headers=admin_headers).status_code == 204
    # Firebase Auth does not run in these tests: the users' directory lists two accounts of its own.
    users = [DirectoryUser(uid=f"paged-{n}", display_name=f"Paged {n}") for n in range(2)]
    accounts = type("Accounts", (), {"all_users": lambda _: users})()
    fuzz_app.extensions["crm"].user_directory = UserDirectory(accounts, 60)
    for n in range(2):
        deal = create("deals", {"customer_id": customer, "title": f"Paged {n}"})
        create("orders", {"customer_id": customer, "order_number": f"PAGED-{n}", "total": "1.00"})
        create("activities", {"customer_id": customer, "deal_id": deal, "type": "call", "subject": f"Paged {n}"})
        create("products", {"sku": f"PAGED-{n}", "name": f"Paged {n}"})
        create("tags", {"name": f"paged-{n}"})
        create(f"customers/{customer}/people", {"first_name": "Paged", "last_name": f"Person {n}"})
        create("customers", {"name": f"Paged branch {n}", "parent_id": customer})
    for n in range(4):  # two likely duplicate pairs, by their phone numbers
        create("customers", {"name": f"Twin {n}", "phone": f"+30 210 555 {1000 + n // 2}"})
    endpoint = create("admin/webhooks", {"url": "http://127.0.0.1:9/", "events": ["*"]})  # a port nobody answers
    for _ in range(2):
        assert client.post(f"/api/crm/admin/webhooks/{endpoint}/ping", headers=admin_headers).status_code == 201
    return {"customer_id": customer, "endpoint_id": endpoint, "partner_id": _paged_partner(fuzz_app, admin_headers)}


def _paged_partner(fuzz_app: Flask, admin_headers: dict[str, str]) -> str:
    """Two of each of the partner programme's records (partners, links, clicks, conversions, commissions, payouts,
    ledger entries), one partner holding them."""
    admin = fuzz_app.test_client()
    admin.environ_base["HTTP_AUTHORIZATION"] = admin_headers["Authorization"]
    programme = partner_steps.arrange(admin)
    partner_steps.make_partner(admin)
    partner_steps.make_link(admin, programme.partner_id)
    for n in range(2):
        click_id = partner_steps.click(admin, programme.code, address=f"192.0.2.{n + 1}")[1]
        conversion = partner_steps.post_event(admin, programme.source_id, programme.secret, type="purchase",
                                              amount="20.00", currency="EUR", click_id=click_id).get_json()
        assert admin.post(f"/api/crm/partner-commissions/{conversion['commission_id']}/approve").status_code == 200
        partner_steps.created(admin.post("/api/crm/partner-payouts", json={"partner_id": programme.partner_id,
                                                                           "currency": "EUR"}))
    return programme.partner_id


# what a list needs besides its page and cursor
REQUIRED_QUERY = {"list_partner_ledger": {"currency": "EUR"}}


def query_of(client: Any, url: str, headers: dict[str, str], extra: dict[str, str] | None = None) -> str | None:
    """The query fingerprint a real cursor of ``url`` carries, so that forged ones get past that check."""
    token = client.get(url, query_string={"page_size": 1, **(extra or {})}, headers=headers).get_json().get(
        "next_cursor")
    return json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))["q"] if token else None


@pytest.mark.parametrize("op", LISTS)
def test_forged_cursors_on_every_list(fuzz_app: Flask, admin_headers: dict[str, str], paged: dict[str, str],
                                      op: Operation):
    client = fuzz_app.test_client()
    url = path_of(op, paged)
    extra = REQUIRED_QUERY.get(op.endpoint, {})
    fingerprint = query_of(client, url, admin_headers, extra)
    assert fingerprint, f"{url} has no second page to forge a cursor for"

    @settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(payload=CURSORS)
    def answered(payload: dict[str, Any]) -> None:
        payload = {**payload, "q": fingerprint}  # a cursor of this very query, so that only its values are forged
        token = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
        response = client.get(url, query_string={"cursor": token, "page_size": 1, **extra}, headers=admin_headers)
        answered_well(response)
        assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]

    answered()
