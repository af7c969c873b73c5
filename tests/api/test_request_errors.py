"""Requests that fail before or around the service: bad JSON, media type, size, unexpected and database errors."""

from __future__ import annotations

import dataclasses
import json

import pytest
from google.api_core import exceptions as google_exceptions

import crm.http.customers
from crm.http import create_app
from tests.api.helpers import CUSTOMERS, assert_error, create_customer, customer_url

METHODS = [pytest.param("POST", id="POST"), pytest.param("PATCH", id="PATCH")]


@pytest.fixture
def target(client):
    """The URL each method writes to: the collection for POST, an existing customer for PATCH."""
    created = create_customer(client)
    return {"POST": CUSTOMERS, "PATCH": customer_url(created["id"])}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("raw", [
    pytest.param(b"{bad", id="broken object"),
    pytest.param(b'{"name": "x",}', id="trailing comma"),
    pytest.param(b"{'name': 'x'}", id="single quotes"),
    pytest.param(b'{"name": "x"', id="unterminated"),
    pytest.param(b"\xff\xfe\x00", id="not utf-8"),
])
def test_malformed_json_is_400(client, target, method, raw):
    response = client.open(target[method], method=method, data=raw, content_type="application/json")
    error = assert_error(response, 400, "INVALID_ARGUMENT")
    assert "JSON" in error["message"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("content_type", "raw"), [
    pytest.param("application/x-www-form-urlencoded", b"name=Acme", id="form"),
    pytest.param("text/plain", b'{"name": "Acme"}', id="JSON sent as text/plain"),
    pytest.param("multipart/form-data; boundary=x", b'--x\r\n\r\n{"name": "Acme"}\r\n--x--', id="multipart"),
    pytest.param("application/xml", b"<name>Acme</name>", id="xml"),
])
def test_body_that_is_not_json_is_415(client, target, method, content_type, raw):
    response = client.open(target[method], method=method, data=raw, content_type=content_type)
    assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_json_with_a_charset_is_accepted(client):
    response = client.post(CUSTOMERS, data=json.dumps({"name": "Charset"}),
                           content_type="application/json; charset=utf-8")
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("raw", "content_type"), [
    pytest.param(b"", "application/json", id="empty JSON"),
    pytest.param(b"  \n", "application/json", id="whitespace"),
    pytest.param(b"", None, id="no body at all"),
])
def test_empty_body_is_400(client, target, method, raw, content_type):
    response = client.open(target[method], method=method, data=raw, content_type=content_type)
    assert_error(response, 400, "INVALID_ARGUMENT")


@pytest.mark.parametrize("method", METHODS)
def test_body_over_the_default_limit_is_413(client, target, settings, method):
    assert settings.max_body_bytes == 256 * 1024
    body = {"name": "Big", "nextcloud_folder": "x" * (settings.max_body_bytes + 1)}
    response = client.open(target[method], method=method, json=body)
    error = assert_error(response, 413, "PAYLOAD_TOO_LARGE")
    assert error["details"] == []


def test_body_limit_follows_the_settings(settings, token_for):
    app = create_app(dataclasses.replace(settings, max_body_bytes=1024))
    small = app.test_client()
    small.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for()}"
    assert_error(small.post(CUSTOMERS, json={"name": "x" * 150, "nextcloud_folder": "y" * 1000}),
                 413, "PAYLOAD_TOO_LARGE")
    item = {"type": "freetext", "description": "y" * 400, "notes": "z" * 400}
    fits = small.post(CUSTOMERS, json={"name": "Fits", "owned_items": [item]})
    assert fits.status_code == 201, fits.get_json()


def _raise(exc: Exception):
    def failing(*args, **kwargs):
        raise exc

    return failing


def test_unexpected_error_is_a_500_without_internals(client, monkeypatch, caplog):
    monkeypatch.setattr(crm.http.customers.customers, "get_customer", _raise(RuntimeError("secret detail")))
    response = client.get(customer_url("anything"))
    error = assert_error(response, 500, "INTERNAL")
    assert error["details"] == []
    assert "secret detail" not in response.get_data(as_text=True)
    assert "RuntimeError" not in response.get_data(as_text=True)
    assert "secret detail" in caplog.text, "the cause should be logged for the operator"


def test_each_500_names_its_own_incident(client, monkeypatch):
    monkeypatch.setattr(crm.http.customers.customers, "get_customer", _raise(RuntimeError("boom")))
    first = assert_error(client.get(customer_url("a")), 500, "INTERNAL")["message"]
    second = assert_error(client.get(customer_url("b")), 500, "INTERNAL")["message"]
    assert "incident" in first
    assert first != second


@pytest.mark.parametrize("exc", [
    pytest.param(google_exceptions.ServiceUnavailable("firestore down"), id="ServiceUnavailable"),
    pytest.param(google_exceptions.DeadlineExceeded("too slow"), id="DeadlineExceeded"),
])
def test_database_unavailable_is_503_with_retry_after(client, monkeypatch, exc):
    monkeypatch.setattr(crm.http.customers.customers, "get_customer", _raise(exc))
    response = client.get(customer_url("anything"))
    assert_error(response, 503, "UNAVAILABLE")
    assert int(response.headers["Retry-After"]) > 0
    assert "firestore down" not in response.get_data(as_text=True)


def test_other_errors_carry_no_retry_after(client):
    response = client.get(customer_url("no-such-id"))
    assert_error(response, 404, "NOT_FOUND")
    assert "Retry-After" not in response.headers
