"""Assertions and small HTTP steps shared by the API tests."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.utils.factories import customer_body

CUSTOMERS = "/api/crm/customers"


def assert_error(response: TestResponse, status: int, code: str) -> dict[str, Any]:
    """Check the one error shape, ``{"error": {"code", "message", "details"}}``, and return its inner object."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json", response.headers
    body = response.get_json()
    assert list(body) == ["error"], body
    error = body["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"], error
    assert isinstance(error["details"], list), error
    return error


def detail_fields(error: dict[str, Any]) -> list[str | None]:
    return [detail.get("field") for detail in error["details"]]


def create_customer(client: FlaskClient, **fields: Any) -> dict[str, Any]:
    """POST a customer built from ``customer_body(**fields)`` and return the created record."""
    response = client.post(CUSTOMERS, json=customer_body(**fields))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def customer_url(customer_id: str, action: str = "") -> str:
    return f"{CUSTOMERS}/{customer_id}" + (f"/{action}" if action else "")
