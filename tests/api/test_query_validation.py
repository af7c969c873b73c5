"""Bad query strings on GET /crm/customers: 400 INVALID_ARGUMENT with details naming the parameter."""

from __future__ import annotations

import base64
import json

import pytest

from tests.api.helpers import CUSTOMERS, assert_error, create_customer, detail_fields


def _forged_cursor(**payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(("query", "field"), [
    pytest.param("page_size=0", "page_size", id="page_size 0"),
    pytest.param("page_size=101", "page_size", id="page_size 101"),
    pytest.param("page_size=-5", "page_size", id="negative page_size"),
    pytest.param("page_size=ten", "page_size", id="page_size not a number"),
    pytest.param("page=0", "page", id="page 0"),
    pytest.param("page=1.5", "page", id="fractional page"),
    pytest.param("order_by=bogus", "order_by", id="unknown order_by"),
    pytest.param("order_by=--name", "order_by", id="doubled minus"),
    pytest.param("status=vip", "status", id="unknown status"),
    pytest.param("colour=red", "colour", id="unknown parameter"),
    pytest.param("tag=a&tag=b", "tag", id="repeated parameter"),
    pytest.param("search=" + "x" * 201, "search", id="201-char search"),
    pytest.param("cursor=not-a-cursor", "cursor", id="garbage cursor"),
    pytest.param("cursor=" + _forged_cursor(p=1), "cursor", id="cursor missing fields"),
    pytest.param("cursor=" + _forged_cursor(p=1, s={"v": "a"}, id="x", q="0" * 16), "cursor",
                 id="cursor of another query"),
])
def test_bad_query_is_400_naming_the_parameter(client, query, field):
    error = assert_error(client.get(f"{CUSTOMERS}?{query}"), 400, "INVALID_ARGUMENT")
    assert error["details"], error
    assert field in detail_fields(error), error


@pytest.mark.parametrize(("query", "parameter"), [
    pytest.param("search=acme&order_by=name", "order_by", id="search with order_by"),
    pytest.param("search=" + "+".join(f"word{c}" for c in "abcdefghijk"), "search", id="11 search words"),
    pytest.param("page=202&page_size=25", "page", id="page past the offset limit"),
])
def test_bad_combination_is_400_explaining_it(client, query, parameter):
    error = assert_error(client.get(f"{CUSTOMERS}?{query}"), 400, "INVALID_ARGUMENT")
    assert error["details"], error
    assert any(parameter in d["message"] for d in error["details"]), error


def test_every_bad_parameter_is_named(client):
    error = assert_error(client.get(f"{CUSTOMERS}?page_size=0&page=0&status=vip"), 400, "INVALID_ARGUMENT")
    assert sorted(detail_fields(error)) == ["page", "page_size", "status"]


@pytest.mark.parametrize("query", [
    pytest.param("page_size=1", id="page_size 1"),
    pytest.param("page_size=100", id="page_size 100"),
    pytest.param("page=201&page_size=25", id="last page inside the offset limit"),
    pytest.param("search=+++", id="search of only spaces"),
    pytest.param("search=&order_by=-name", id="empty search with order_by"),
    pytest.param("status=churned&tag=VIP&order_by=-lifetime_value", id="filters with order"),
])
def test_good_queries_at_the_limits_are_accepted(client, query):
    create_customer(client)
    response = client.get(f"{CUSTOMERS}?{query}")
    assert response.status_code == 200, response.get_json()
