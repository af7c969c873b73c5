"""GET /crm/customers?search=: ranked results marked with how they matched, cursors, and what is refused."""

from __future__ import annotations

import base64
import json
from urllib.parse import urlencode

import pytest

from tests.api.helpers import CUSTOMERS, assert_error, create_customer, detail_fields

PAGE_KEYS = {"results", "total", "total_exact", "page", "page_size", "next_cursor"}


def _search(client, **params):
    response = client.get(f"{CUSTOMERS}?{urlencode(params)}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def people(client):
    create_customer(client, name="Γιάννης Παπαδόπουλος", email="g.papadopoulos@aegean-foods.gr",
                    phone="+30 210 555 1234")
    create_customer(client, name="Maria Papadopoulos", organization="Aegean Foods", email="maria@example.com")
    create_customer(client, name="Nikos Vlachos", email="nikos@papadopoulos-law.example")


def test_results_say_how_they_matched_best_first(client, people):
    page = _search(client, search="papadopoulos")
    assert set(page) == PAGE_KEYS
    first, *others = [(c["name"], c["match"]) for c in page["results"]]
    assert first == ("Maria Papadopoulos", {"kind": "exact", "fields": ["name"]})
    assert sorted(others) == [  # equally good (activity within the same second): by id
        ("Nikos Vlachos", {"kind": "exact", "fields": ["email"]}),
        ("Γιάννης Παπαδόπουλος", {"kind": "exact", "fields": ["email"]}),  # its email beats its Greek name
    ]
    assert (page["total"], page["total_exact"], page["next_cursor"]) == (3, True, None)


@pytest.mark.parametrize(("search", "name", "match"), [
    pytest.param("papadopolous", "Maria Papadopoulos", {"kind": "approximate", "fields": ["name"]}, id="typo"),
    pytest.param("5551234", "Γιάννης Παπαδόπουλος", {"kind": "infix", "fields": ["phone"]}, id="phone digits"),
    pytest.param("aegean-foods.gr", "Γιάννης Παπαδόπουλος", {"kind": "exact", "fields": ["email"]}, id="domain"),
    pytest.param("aegean", "Maria Papadopoulos", {"kind": "exact", "fields": ["organization"]}, id="organization"),
])
def test_what_a_search_finds(client, people, search, name, match):
    found = {c["name"]: c["match"] for c in _search(client, search=search)["results"]}
    assert found[name] == match


def test_a_list_without_search_has_no_match(client, people):
    assert {c["match"] for c in _search(client)["results"]} == {None}


def test_cursor_pages_through_ranked_results(client, people):
    first = _search(client, search="papadopoulos", page_size=2)
    second = _search(client, search="papadopoulos", page_size=2, cursor=first["next_cursor"])
    names = [c["name"] for c in first["results"] + second["results"]]
    assert names[0] == "Maria Papadopoulos" and sorted(names[1:]) == ["Nikos Vlachos", "Γιάννης Παπαδόπουλος"]
    assert (first["page"], second["page"], second["next_cursor"]) == (1, 2, None)


def _forged(**payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    pytest.param("not-a-cursor", id="garbage"),
    pytest.param(_forged(q="0" * 16, page=1, mode="fallback"), id="another search"),
    pytest.param(_forged(page=1, mode="stream", rank=-1, id="x"), id="negative rank"),
    pytest.param(_forged(page=1, mode="stream", rank=1, id="../x"), id="path in id"),
])
def test_forged_search_cursors_are_400(client, people, cursor):
    error = assert_error(client.get(f"{CUSTOMERS}?{urlencode({'search': 'papadopoulos', 'cursor': cursor})}"),
                         400, "INVALID_ARGUMENT")
    assert "cursor" in detail_fields(error)


def test_a_cursor_of_another_search_is_400(client, people):
    first = _search(client, search="papadopoulos", page_size=1)
    error = assert_error(client.get(f"{CUSTOMERS}?{urlencode({'search': 'maria', 'cursor': first['next_cursor']})}"),
                         400, "INVALID_ARGUMENT")
    assert "cursor" in detail_fields(error)


def test_a_list_cursor_is_not_a_search_cursor(client, people):
    listed = _search(client, page_size=1)
    response = client.get(f"{CUSTOMERS}?{urlencode({'search': 'papadopoulos', 'cursor': listed['next_cursor']})}")
    assert_error(response, 400, "INVALID_ARGUMENT")


def test_page_numbers_are_refused_with_search(client, people):
    error = assert_error(client.get(f"{CUSTOMERS}?search=papadopoulos&page=2"), 400, "INVALID_ARGUMENT")
    assert any("next_cursor" in d["message"] for d in error["details"]), error


def test_order_by_is_refused_with_search(client, people):
    error = assert_error(client.get(f"{CUSTOMERS}?search=papadopoulos&order_by=name"), 400, "INVALID_ARGUMENT")
    assert any("best first" in d["message"] for d in error["details"]), error
