"""The endpoints about the service itself: health, the OpenAPI document and the docs page, all public."""

from __future__ import annotations

from typing import Any

import pytest

from crm.http.routing import api

OPERATIONS = [pytest.param(op, id=f"{op.method} {op.path}") for op in api.operations]


@pytest.fixture
def spec(anonymous) -> dict[str, Any]:
    response = anonymous.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_health_needs_no_credentials(anonymous):
    response = anonymous.get("/api/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_openapi_document_is_version_3_1_with_info(spec):
    assert spec["openapi"].startswith("3.1")
    assert spec["info"]["title"]
    assert spec["info"]["version"]
    assert set(spec["components"]["securitySchemes"]) == {"firebaseIdToken", "apiKey"}
    assert spec["components"]["securitySchemes"]["apiKey"]["name"] == "X-API-Key"


@pytest.mark.parametrize("op", OPERATIONS)
def test_every_registered_operation_is_documented(spec, op):
    documented = spec["paths"]["/api" + op.openapi_path][op.method.lower()]
    assert documented["operationId"] == op.endpoint
    assert documented["summary"] == op.summary
    assert str(op.status) in documented["responses"]
    documented_params = {p["name"] for p in documented.get("parameters", []) if p["in"] == "path"}
    assert documented_params == set(op.path_parameters)
    if op.public:
        assert documented["security"] == []
    else:
        assert "401" in documented["responses"]
    if op.body:
        assert "application/json" in documented["requestBody"]["content"]


def test_document_lists_no_operation_that_is_not_registered(spec):
    documented = {(path, method) for path, methods in spec["paths"].items() for method in methods}
    registered = {("/api" + op.openapi_path, op.method.lower()) for op in api.operations}
    assert documented == registered


def test_components_hold_the_customer_schema(spec):
    customer = spec["components"]["schemas"]["Customer"]
    assert {"id", "name", "email", "contacts", "status", "created_at"} <= set(customer["properties"])
    assert "Error" in spec["components"]["schemas"]


def test_every_reference_resolves_to_a_component(spec):
    refs = set(_refs(spec["paths"])) | set(_refs(spec["components"]))
    assert refs, "the document should reference its schemas"
    schemas = spec["components"]["schemas"]
    dangling = sorted(ref for ref in refs if ref.removeprefix("#/components/schemas/") not in schemas)
    assert dangling == []


def test_list_query_parameters_are_documented(spec):
    params = spec["paths"]["/api/crm/customers"]["get"]["parameters"]
    assert {p["name"] for p in params if p["in"] == "query"} == {
        "search", "tag", "status", "owner_id", "page_size", "page", "cursor", "order_by", "source", "priority",
        "rating", "created_from", "created_to",
    }


@pytest.mark.parametrize(("path", "spec_url"), [
    pytest.param("/api/docs", "/api/openapi.json", id="under /api"),
    pytest.param("/api/docs/", "/api/openapi.json", id="under /api with slash"),
    pytest.param("/docs", "/openapi.json", id="bare"),
])
def test_docs_page_renders_the_spec_url(anonymous, path, spec_url):
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<html" in page
    assert f'"{spec_url}"' in page
