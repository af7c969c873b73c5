"""GET /crm/customers: search, tag and status filters, paging by page and by cursor, ordering."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.api.helpers import CUSTOMERS, assert_error, create_customer, customer_url


def _list(client, **params):
    response = client.get(f"{CUSTOMERS}?{urlencode(params)}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _names(page) -> list[str]:
    return [c["name"] for c in page["results"]]


def test_empty_list(client):
    assert _list(client) == {
        "results": [], "total": 0, "total_exact": True, "page": 1, "page_size": 25, "next_cursor": None
    }


def test_default_order_is_by_name_ignoring_case_and_accents(client):
    for name in ("charlie", "Álpha", "bravo"):
        create_customer(client, name=name)
    assert _names(_list(client)) == ["Álpha", "bravo", "charlie"]


@pytest.fixture
def directory(client):
    create_customer(client, name="Αθήνα Φούρνος", organization="Bakery", email="info@fournos.gr",
                    phone="210 123 4567", tags=["vip"], status="customer")
    create_customer(client, name="Acme Corp", organization="Acme, Athens", email="sales@acme.com",
                    tags=["vip", "b2b"], status="lead")
    create_customer(client, name="Acme Labs", email="labs@example.org", tags=["b2b"], status="prospect")


@pytest.mark.parametrize(("search", "expected"), [
    pytest.param("acme", ["Acme Corp", "Acme Labs"], id="name word"),
    pytest.param("ACM", ["Acme Corp", "Acme Labs"], id="upper-case prefix"),
    pytest.param("acme ath", ["Acme Corp"], id="every term required"),
    pytest.param("αθηνα", ["Αθήνα Φούρνος"], id="without accents"),
    pytest.param("ΦΟΥΡΝ", ["Αθήνα Φούρνος"], id="greek upper-case prefix"),
    pytest.param("bakery", ["Αθήνα Φούρνος"], id="organization"),
    pytest.param("fournos", ["Αθήνα Φούρνος"], id="email word"),
    pytest.param("210 123", ["Αθήνα Φούρνος"], id="national phone digits"),
    pytest.param("30210", ["Αθήνα Φούρνος"], id="international phone digits"),
    pytest.param("labs@example", ["Acme Labs"], id="email prefix"),
    pytest.param("zebra", [], id="no match"),
])
def test_search(client, directory, search, expected):
    page = _list(client, search=search)
    assert sorted(_names(page)) == expected
    assert page["total"] == len(expected)


@pytest.mark.parametrize(("params", "expected"), [
    pytest.param({"tag": "vip"}, ["Acme Corp", "Αθήνα Φούρνος"], id="tag"),
    pytest.param({"tag": " B2B "}, ["Acme Corp", "Acme Labs"], id="tag trimmed, any case"),
    pytest.param({"status": "prospect"}, ["Acme Labs"], id="status"),
    pytest.param({"status": "churned"}, [], id="status with none"),
    pytest.param({"tag": "b2b", "status": "lead"}, ["Acme Corp"], id="tag and status"),
    pytest.param({"search": "acme", "tag": "vip"}, ["Acme Corp"], id="search and tag"),
    pytest.param({"search": "acme", "status": "prospect"}, ["Acme Labs"], id="search and status"),
])
def test_filters(client, directory, params, expected):
    page = _list(client, **params)
    assert sorted(_names(page)) == expected
    assert page["total"] == len(expected)


@pytest.fixture
def seven(client) -> list[str]:
    return [create_customer(client, name=f"Customer {letter}")["name"] for letter in "ABCDEFG"]


def test_page_size_and_page(client, seven):
    first = _list(client, page_size=3)
    assert (_names(first), first["total"], first["page"], first["page_size"]) == (seven[:3], 7, 1, 3)
    third = _list(client, page_size=3, page=3)
    assert (_names(third), third["page"], third["next_cursor"]) == (seven[6:], 3, None)
    assert _list(client, page_size=3, page=4)["results"] == []


@pytest.mark.parametrize("order_by", [pytest.param(None, id="default order"), "name", "-name", "created_at",
                                      "-created_at", "-updated_at", "lifetime_value", "-lifetime_value"])
def test_cursor_walks_every_customer_once(client, seven, order_by):
    params = {"page_size": 3} | ({"order_by": order_by} if order_by else {})
    seen, pages, cursor = [], [], None
    while True:
        page = _list(client, **params, **({"cursor": cursor} if cursor else {}))
        seen += _names(page)
        pages.append(page["page"])
        assert page["total"] == 7
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == seven
    assert pages == [1, 2, 3]
    if order_by in (None, "name", "created_at"):
        assert seen == seven
    if order_by in ("-name", "-created_at"):
        assert seen == seven[::-1]


def test_cursor_walks_search_results(client, seven):
    create_customer(client, name="Someone Else", email="someone@else.org")
    first = _list(client, search="customer", page_size=4)
    second = _list(client, search="customer", page_size=4, cursor=first["next_cursor"])
    assert second["next_cursor"] is None
    assert sorted(_names(first) + _names(second)) == seven


def test_order_by_updated_at_follows_the_latest_change(client, seven):
    touched = _list(client)["results"][2]
    assert touched["name"] == "Customer C"
    assert client.patch(customer_url(touched["id"]), json={"tags": ["touched"]}).status_code == 200
    assert _names(_list(client, order_by="-updated_at"))[0] == "Customer C"
    assert _names(_list(client, order_by="updated_at"))[-1] == "Customer C"


def test_a_cursor_is_bound_to_its_query(client, seven):
    cursor = _list(client, page_size=2, order_by="name")["next_cursor"]
    error = assert_error(client.get(f"{CUSTOMERS}?page_size=2&order_by=-name&cursor={cursor}"),
                         400, "INVALID_ARGUMENT")
    assert [d["field"] for d in error["details"]] == ["cursor"]
