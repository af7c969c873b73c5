"""Paging the customer list: page sizes, offset pages, cursors through every order, and cursors bound to their query."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from crm.domain.common import utc_now
from crm.domain.customer_queries import CustomerListParams, CustomerOrder
from crm.domain.customers import Customer
from crm.domain.search_tokens import fold
from crm.errors import InvalidArgumentError
from crm.services import customers as service
from crm.store.cursors import Cursor, encode_cursor, query_fingerprint
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

NAMES = ["Anna", "anna", "Ánna", "Bob", "Chloé", "chloe", "Dimitris", "Eleni", "Zoë", "Yannis", "Xenia"]
VALUES = ["0", "0", "100.00", "5.50", "5.50", "999.99", "0", "42", "42", "1", "7"]
CREATED = [0, 0, 5, 3, 3, 9, 1, 7, 2, 2, 4]
UPDATED = [4, 4, 4, 1, 0, 8, 8, 2, 3, 6, 5]
SORT_KEYS = {
    "name": lambda c: fold(c.name),
    "created_at": lambda c: c.created_at,
    "updated_at": lambda c: c.updated_at,
    "lifetime_value": lambda c: c.lifetime_value,
}


@pytest.fixture
def book(seed) -> list[Customer]:
    """Eleven active customers, with ties in every sort key, and a deleted one that must never show."""
    base = utc_now() - timedelta(days=30)
    changes = [
        {
            "lifetime_value": Decimal(value),
            "created_at": base + timedelta(hours=created),
            "updated_at": base + timedelta(hours=10 + updated),
            "tags": ["vip"] if n % 2 else [],
        }
        for n, (value, created, updated) in enumerate(zip(VALUES, CREATED, UPDATED, strict=True))
    ]
    changes.append({"deleted_at": base})
    made = seed([{"name": name, "email": None} for name in [*NAMES, "Aaron Deleted"]], changes)
    return made[:-1]


def expected_order(customers: list[Customer], order: CustomerOrder) -> list[str]:
    key = SORT_KEYS[order.field]
    return [c.id for c in sorted(customers, key=lambda c: (key(c), c.id), reverse=order.descending)]


def walk(customers, **params) -> list[list[str]]:
    """Follow next_cursor from the first page to the last; the pages' ids."""
    pages: list[list[str]] = []
    cursor = None
    while True:
        page = service.list_customers(customers, CustomerListParams(**params, cursor=cursor), admin_caller())
        pages.append([c.id for c in page.results])
        assert page.page == len(pages)
        cursor = page.next_cursor
        if cursor is None:
            return pages
        assert len(pages) < 50, "cursor chain does not end"


@pytest.mark.parametrize("order", list(CustomerOrder), ids=[o.value for o in CustomerOrder])
def test_cursor_chain_visits_every_customer_once_in_order(customers, book, order):
    pages = walk(customers, order_by=order, page_size=3)

    assert [len(p) for p in pages] == [3, 3, 3, 2]
    assert [i for p in pages for i in p] == expected_order(book, order)


@pytest.mark.parametrize("order", ["name", "-created_at", "lifetime_value"])
def test_cursor_chain_with_a_tag_filter(customers, book, order):
    tagged = [c for c in book if "vip" in c.tags]

    pages = walk(customers, order_by=order, tag="vip", page_size=2)

    assert [i for p in pages for i in p] == expected_order(tagged, CustomerOrder(order))
    assert [len(p) for p in pages] == [2, 2, 1]


def test_default_order_is_by_name(customers, book):
    page = service.list_customers(customers, CustomerListParams(page_size=100), admin_caller())

    assert [c.id for c in page.results] == expected_order(book, CustomerOrder.NAME)
    assert page.total == len(book)
    assert page.next_cursor is None
    assert page.page_size == 100


def test_page_size_and_total(customers, book):
    page = service.list_customers(customers, CustomerListParams(page_size=4, order_by="created_at"), admin_caller())

    assert [c.id for c in page.results] == expected_order(book, CustomerOrder.CREATED_AT)[:4]
    assert page.total == 11
    assert page.page == 1
    assert page.next_cursor is not None


@pytest.mark.parametrize("order", ["name", "-lifetime_value"])
def test_offset_page_then_cursor(customers, book, order):
    everyone = expected_order(book, CustomerOrder(order))

    second = service.list_customers(customers, CustomerListParams(page=2, page_size=4, order_by=order), admin_caller())
    following = CustomerListParams(page_size=4, order_by=order, cursor=second.next_cursor)
    third = service.list_customers(customers, following, admin_caller())

    assert [c.id for c in second.results] == everyone[4:8]
    assert second.page == 2 and second.total == 11
    assert [c.id for c in third.results] == everyone[8:]
    assert third.page == 3 and third.next_cursor is None


def test_page_past_the_end_is_empty(customers, book):
    page = service.list_customers(customers, CustomerListParams(page=5, page_size=3), admin_caller())

    assert page.results == []
    assert page.total == 11
    assert page.next_cursor is None


def test_exact_multiple_of_page_size_ends_without_cursor(customers, book):
    pages = walk(customers, page_size=11)

    assert [len(p) for p in pages] == [11]


def test_empty_list(customers):
    page = service.list_customers(customers, CustomerListParams(), admin_caller())

    assert (page.results, page.total, page.next_cursor) == ([], 0, None)


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param({"order_by": "-name"}, id="other order"),
        pytest.param({"order_by": "created_at"}, id="other field"),
        pytest.param({"tag": "vip"}, id="added tag"),
        pytest.param({"status": "lead"}, id="added status"),
        pytest.param({"search": "anna"}, id="added search"),
    ],
)
def test_cursor_reused_with_different_filters_is_rejected(customers, book, changed):
    first = service.list_customers(customers, CustomerListParams(order_by="name", page_size=3), admin_caller())
    params = {"order_by": "name", **changed}
    if "search" in changed:
        params.pop("order_by")

    with pytest.raises(InvalidArgumentError) as error:
        service.list_customers(customers, CustomerListParams(**params, page_size=3, cursor=first.next_cursor),
                               admin_caller())

    assert error.value.details[0]["field"] == "cursor"


@pytest.mark.parametrize("token", ["garbage", "e30", "WzFd", "%%%"], ids=["text", "empty object", "list", "symbols"])
def test_malformed_cursor_is_rejected(customers, book, token):
    with pytest.raises(InvalidArgumentError):
        service.list_customers(customers, CustomerListParams(cursor=token), admin_caller())


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param(Cursor(1, "anna", "a/b"), id="id with slash"),
        pytest.param(Cursor(1, "anna", ""), id="empty id"),
        pytest.param(Cursor(1, "anna", "__reserved__"), id="reserved id"),
        pytest.param(Cursor(-5, "anna", "abc"), id="negative page"),
    ],
)
def test_forged_cursor_for_the_right_query_is_rejected(customers, book, cursor):
    """The fingerprint is computable from public inputs, so a cursor's content must be checked, not trusted."""
    token = encode_cursor(cursor, query_fingerprint([], None, None, "name"))

    with pytest.raises(InvalidArgumentError):
        service.list_customers(customers, CustomerListParams(cursor=token), admin_caller())


def test_changing_page_size_along_a_cursor_chain_leaves_no_gap(customers, book):
    everyone = expected_order(book, CustomerOrder.NAME)
    first = service.list_customers(customers, CustomerListParams(page_size=2), admin_caller())

    try:
        rest = walk_from(customers, first.next_cursor, page_size=4)
    except InvalidArgumentError:
        return  # refusing the changed page size is as good as honouring it
    assert [c.id for c in first.results] + rest == everyone


def walk_from(customers, cursor: str, **params) -> list[str]:
    ids: list[str] = []
    while cursor:
        page = service.list_customers(customers, CustomerListParams(**params, cursor=cursor), admin_caller())
        ids += [c.id for c in page.results]
        cursor = page.next_cursor
    return ids


def test_deleting_seen_customers_mid_chain_hides_none_of_the_rest(transactions, customers, book, caller):
    everyone = expected_order(book, CustomerOrder.NAME)
    first = service.list_customers(customers, CustomerListParams(page_size=4), admin_caller())
    for customer in first.results:
        service.delete_customer(transactions, customer.id, caller)

    rest = walk_from(customers, first.next_cursor, page_size=4)

    assert rest == everyone[4:]
