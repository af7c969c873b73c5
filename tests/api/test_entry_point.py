"""The deployable function: functions/main.py served by functions-framework, configured from the environment."""

from __future__ import annotations

import uuid
from pathlib import Path

import functions_framework
import pytest

from crm.http.app import _default_app
from crm.settings import get_settings

SOURCE = Path(__file__).resolve().parents[2] / "functions" / "main.py"


@pytest.fixture
def function(local_env, monkeypatch):
    """A test client of the `api` target, on its own collection prefix, with the process-wide caches reset."""
    monkeypatch.setenv("CRM_COLLECTION_PREFIX", f"f{uuid.uuid4().hex[:10]}_")
    monkeypatch.setenv("FUNCTION_TARGET", "api")  # functions-framework sets it for the process: undone after the test
    get_settings.cache_clear()
    _default_app.cache_clear()
    yield functions_framework.create_app("api", str(SOURCE)).test_client()
    get_settings.cache_clear()
    _default_app.cache_clear()


@pytest.fixture
def auth(token_for) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for('fn-user', 'admin')}"}


def test_health(function):
    response = function.get("/api/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_bare_path_as_a_direct_function_url_delivers_it(function):
    assert function.get("/health").get_json() == {"status": "ok"}


def test_create_customer(function, auth):
    response = function.post("/api/crm/customers", json={"name": "Acme Corp", "email": "contact@acme.com"},
                             headers=auth)
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["owner_id"] == "fn-user"
    assert response.headers["Location"] == f"/api/crm/customers/{body['id']}"


def test_update_customer_with_a_body(function, auth):
    created = function.post("/api/crm/customers", json={"name": "Before"}, headers=auth)
    assert created.status_code == 201, created.get_data(as_text=True)
    response = function.patch(f"/api/crm/customers/{created.get_json()['id']}", json={"name": "After"},
                              headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["name"] == "After"


def test_list_is_isolated_by_the_prefix(function, auth):
    response = function.get("/api/crm/customers", headers=auth)
    assert response.status_code == 200
    assert response.get_json()["total"] == 0


def test_errors_keep_their_json_shape(function):
    response = function.get("/api/crm/customers")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "UNAUTHENTICATED"
    assert function.get("/api/nothing").get_json()["error"]["code"] == "NOT_FOUND"


def test_a_validation_error_keeps_its_json_shape(function, auth):
    response = function.post("/api/crm/customers", json={"name": ""}, headers=auth)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.get_json()["error"]["code"] == "VALIDATION_FAILED"
