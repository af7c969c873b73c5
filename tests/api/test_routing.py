"""Every path answers under /api and bare (as a direct function URL delivers it), with or without a trailing slash."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error, create_customer
from tests.utils.factories import customer_body

PREFIXES = [
    pytest.param("/api", "", id="/api"),
    pytest.param("/api", "/", id="/api, trailing slash"),
    pytest.param("", "", id="bare"),
    pytest.param("", "/", id="bare, trailing slash"),
]


@pytest.mark.parametrize(("prefix", "slash"), PREFIXES)
def test_health(anonymous, prefix, slash):
    assert anonymous.get(f"{prefix}/health{slash}").get_json() == {"status": "ok"}


@pytest.mark.parametrize(("prefix", "slash"), PREFIXES)
def test_openapi_document(anonymous, prefix, slash):
    response = anonymous.get(f"{prefix}/openapi.json{slash}")
    assert response.status_code == 200
    assert "/api/crm/customers" in response.get_json()["paths"]


@pytest.mark.parametrize(("prefix", "slash"), PREFIXES)
def test_create_and_list(client, prefix, slash):
    created = client.post(f"{prefix}/crm/customers{slash}", json=customer_body(name="Routed"))
    assert created.status_code == 201, created.get_json()
    assert created.headers["Location"] == f"{prefix}/crm/customers/{created.get_json()['id']}"
    listed = client.get(f"{prefix}/crm/customers{slash}")
    assert listed.status_code == 200
    assert [c["name"] for c in listed.get_json()["results"]] == ["Routed"]


@pytest.mark.parametrize(("prefix", "slash"), PREFIXES)
def test_one_customer(client, prefix, slash):
    customer = create_customer(client)
    response = client.get(f"{prefix}/crm/customers/{customer['id']}{slash}")
    assert response.status_code == 200
    assert response.get_json()["id"] == customer["id"]


@pytest.mark.parametrize(("prefix", "slash"), PREFIXES)
def test_customer_action(client, prefix, slash):
    customer = create_customer(client, status="lead")
    response = client.post(f"{prefix}/crm/customers/{customer['id']}/upgrade{slash}")
    assert response.status_code == 200
    assert response.get_json()["status"] == "customer"


@pytest.mark.parametrize("path", [
    pytest.param("/api/nothing", id="unknown under /api"),
    pytest.param("/nothing", id="unknown bare"),
    pytest.param("/api/crm/customers/a/b/c", id="too deep"),
    pytest.param("/api/api/crm/customers", id="doubled prefix"),
])
def test_unknown_route_is_a_json_404(client, path):
    assert_error(client.get(path), 404, "NOT_FOUND")


def test_unknown_route_is_a_404_even_without_credentials(anonymous):
    assert_error(anonymous.get("/api/nothing"), 404, "NOT_FOUND")


@pytest.mark.parametrize(("method", "path", "allowed"), [
    pytest.param("DELETE", "/api/crm/customers", {"GET", "POST"}, id="DELETE collection"),
    pytest.param("PUT", "/api/crm/customers", {"GET", "POST"}, id="PUT collection"),
    pytest.param("POST", "/api/crm/customers/abc", {"GET", "PUT", "PATCH", "DELETE"}, id="POST one"),
    pytest.param("GET", "/api/crm/customers/abc/upgrade", {"POST"}, id="GET action"),
    pytest.param("POST", "/api/health", {"GET"}, id="POST health"),
])
def test_wrong_method_is_a_json_405_with_allow(client, method, path, allowed):
    response = client.open(path, method=method)
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}
