"""Input an attacker would send, found by trying the API: each is a clear 4xx in the one error shape, before any
Firestore call could fail on it. Deeply nested JSON on every write, forged cursors on every list, ids and other
path parameters of shapes nothing can have, and API keys of any length."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from crm.http.parsing import MAX_JSON_DEPTH
from crm.http.routing import api
from tests.api.helpers import CUSTOMERS, assert_error, create_customer

# a signed postback checks its signature before it reads the body (tests/api/test_partners.py sends it deep JSON)
WRITES = [pytest.param(op, id=f"{op.method} {op.path}") for op in api.operations
          if op.body and not op.path.startswith("/hooks/")]
LISTS = ["/api/crm/customers", "/api/crm/deals", "/api/crm/orders", "/api/crm/activities"]


def nested(depth: int, opening: str = "[", closing: str = "]") -> str:
    return opening * depth + "1" + closing * depth


def _url(op) -> str:
    """The operation's path with ids of a valid shape: the body is refused before any record is looked up."""
    path = "/api" + op.path
    for name in op.path_parameters:
        path = path.replace(f"<{name}>", "abc12345")
    return path


@pytest.mark.parametrize("op", WRITES)
@pytest.mark.parametrize("body", [
    pytest.param(nested(10_000), id="a list 10000 deep"),
    pytest.param('{"name": ' + nested(10_000, '{"a": ', "}") + "}", id="an object 10000 deep in a field"),
    pytest.param(nested(MAX_JSON_DEPTH + 1), id="one level beyond the limit"),
])
def test_deeply_nested_json_is_400_on_every_write(client, op, body):
    response = client.open(_url(op), method=op.method, data=body, content_type="application/json")
    error = assert_error(response, 400, "INVALID_ARGUMENT")
    assert "deep" in error["message"]


def test_deeply_nested_json_with_an_idempotency_key_is_400_and_replayed(client):
    headers = {"Idempotency-Key": "deep-1"}
    for _ in range(2):
        response = client.post(CUSTOMERS, data=nested(10_000), content_type="application/json", headers=headers)
        assert_error(response, 400, "INVALID_ARGUMENT")


def test_json_at_the_depth_limit_is_parsed(client):
    body = {"name": "Deep enough", "owned_items": [{"type": "freetext", "description": "x"}]}
    assert client.post(CUSTOMERS, json=body).status_code == 201
    response = client.post(CUSTOMERS, data=json.dumps({"name": json.loads(nested(MAX_JSON_DEPTH - 1))}),
                           content_type="application/json")
    assert_error(response, 422, "VALIDATION_FAILED")  # parsed, then refused by the model


def forged_cursor(client, url: str, **changes: Any) -> str:
    """A real next_cursor of ``url``, with some of its parts replaced."""
    token = client.get(url).get_json()["next_cursor"]
    payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    for key, value in changes.items():
        payload[key] = value
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(("order", "changes"), [
    pytest.param("lifetime_value", {"s": {"v": 2**70}}, id="number beyond 64 bits"),
    pytest.param("lifetime_value", {"p": 2**70}, id="page beyond any list"),
    pytest.param("created_at", {"s": {"t": "0001-01-01T00:00:00+05:00"}}, id="date before year 1"),
    pytest.param("created_at", {"s": {"t": "9999-12-31T23:59:59-05:00"}}, id="date after 9999"),
    pytest.param("name", {"id": "a/b"}, id="id with a slash"),
])
def test_a_forged_cursor_is_400(client, order, changes):
    for n in range(2):
        create_customer(client, name=f"Paged {n}")
    url = f"{CUSTOMERS}?page_size=1&order_by={order}"
    response = client.get(f"{url}&cursor={forged_cursor(client, url, **changes)}")
    error = assert_error(response, 400, "INVALID_ARGUMENT")
    assert error["details"][0]["field"] == "cursor"


@pytest.mark.parametrize("path", LISTS)
def test_a_cursor_of_junk_is_400_on_every_list(client, path):
    junk = base64.urlsafe_b64encode(json.dumps({"p": 1, "s": {"v": 2**64}, "id": "x", "q": "f"}).encode()).decode()
    assert_error(client.get(f"{path}?cursor={junk}"), 400, "INVALID_ARGUMENT")


@pytest.mark.parametrize("target", ["__x__", "a.b/c", "..", "x" * 129])
def test_deals_cannot_move_to_an_id_no_pipeline_can_have(client, target):
    created = client.post("/api/crm/pipelines", json={"name": "Doomed", "stages": [
        {"id": "a", "name": "A", "probability": 10}, {"id": "w", "name": "W", "probability": 100, "kind": "won"},
        {"id": "l", "name": "L", "probability": 0, "kind": "lost"}]}).get_json()
    response = client.delete(f"/api/crm/pipelines/{created['id']}", query_string={"move_deals_to": target})
    error = assert_error(response, 400, "INVALID_ARGUMENT")
    assert [d["field"] for d in error["details"]] == ["move_deals_to"]


@pytest.mark.parametrize(("method", "path", "body"), [
    pytest.param("PUT", "/api/crm/admin/users/" + "u" * 200 + "/role", {"role": "rep"}, id="uid of 200 characters"),
    pytest.param("DELETE", "/api/crm/admin/api-keys/" + "p" * 1600, None, id="key prefix of 1600 characters"),
    pytest.param("DELETE", "/api/crm/admin/api-keys/ABCDEFGH", None, id="key prefix not lower-case hex"),
    pytest.param("GET", "/api/crm/customers/" + "c" * 1600, None, id="customer id of 1600 characters"),
])
def test_path_parameters_of_a_shape_nothing_has_are_404(client, method, path, body):
    assert_error(client.open(path, method=method, json=body), 404, "NOT_FOUND")


@pytest.mark.parametrize("secret", [pytest.param("k" * 1600, id="1600 characters"),
                                    pytest.param("crm_" + "é" * 1600, id="1600 non-ASCII characters")])
def test_an_api_key_of_any_length_is_401(anonymous, secret):
    assert_error(anonymous.get(CUSTOMERS, headers={"X-API-Key": secret}), 401, "UNAUTHENTICATED")
