"""Sending GraphQL documents through the app's test client, and reading their errors."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

GRAPHQL = "/api/graphql"


def gql(client: FlaskClient, query: str, variables: dict[str, Any] | None = None, **headers: str) -> TestResponse:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return client.post(GRAPHQL, json=body, headers={k.replace("_", "-"): v for k, v in headers.items()})


def data_of(response: TestResponse) -> dict[str, Any]:
    """The data of a response that ran without any error."""
    body = response.get_json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


def error_codes(response: TestResponse) -> list[str]:
    return [error["extensions"]["code"] for error in response.get_json().get("errors", [])]


def only_error(response: TestResponse, status: int, code: str) -> dict[str, Any]:
    """The one error of a response, checked to carry ``code`` (and its HTTP status) in its extensions."""
    body = response.get_json()
    assert len(body.get("errors", [])) == 1, body
    error = body["errors"][0]
    assert error["extensions"]["code"] == code, error
    assert error["extensions"]["status"] == status, error
    assert isinstance(error["extensions"]["details"], list) and error["message"], error
    return error
