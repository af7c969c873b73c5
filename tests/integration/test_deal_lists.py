"""Deal lists on the emulator: every filter, every order, and cursor chains that neither skip nor repeat."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from crm.domain.deal_queries import DealListParams, DealOrder
from crm.domain.deals import Deal
from crm.domain.pipelines import default_sales_stages
from crm.errors import InvalidArgumentError
from crm.services import deals as service
from tests.utils.deal_steps import move, update, won
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator
POSITION = {s.id: n for n, s in enumerate(default_sales_stages())}
SPECS = [  # title, value, stage, expected close date, owner
    ("a", "100", "lead", "2024-03-01", "rep-1"),
    ("b", "100", "proposal", None, "rep-2"),
    ("c", "5.50", "lead", "2024-01-15", "rep-1"),
    ("d", "2500", "negotiation", "2024-03-01", "rep-2"),
    ("e", "0", "qualified", "2024-12-31", "rep-1"),
    ("f", "100", "proposal", None, "rep-1"),
    ("g", "999.99", "closed_won", "2024-06-30", "rep-3"),
]


@pytest.fixture
def spread(transactions, reader, open_deal, create) -> list[Deal]:
    """Seven deals over two customers, with value ties, missing close dates, and one later update."""
    customers = [create().id, create().id]
    made = []
    for n, (title, value, stage, close, owner) in enumerate(SPECS):
        body: dict[str, Any] = {"title": title, "value": value, "stage": stage, "customer_id": customers[n % 2]}
        if close:
            body["expected_close_date"] = close
        made.append(open_deal(admin_caller(owner), **body))
    update(transactions, made[0].id, notes="touched")
    return [reader.get(d.id) for d in made]


def sort_key(order: DealOrder):
    def key(deal: Deal):
        value = {"value": deal.value, "stage": POSITION[deal.stage], "created_at": deal.created_at,
                 "updated_at": deal.updated_at, "expected_close_date": deal.expected_close_date}[order.field]
        return (value is not None, value if value is not None else 0, deal.id)

    return key


def walk(reader, page_size: int = 2, **params: Any) -> list[str]:
    """Follow next_cursor from the first page to the last, collecting ids; check the pages' bookkeeping."""
    ids: list[str] = []
    cursor = None
    for page_number in range(1, 50):
        page = reader.list(DealListParams(page_size=page_size, cursor=cursor, **params))
        deals = page.results
        assert page.page == page_number and len(deals) <= page_size
        ids += [d.id for d in deals]
        cursor = page.next_cursor
        if cursor is None:
            assert len(ids) == page.total
            return ids
    raise AssertionError("the cursor chain did not end")


@pytest.mark.parametrize("order", list(DealOrder), ids=lambda o: o.value)
def test_every_order_pages_through_every_deal_once(reader, spread, order):
    expected = [d.id for d in sorted(spread, key=sort_key(order), reverse=order.descending)]
    assert walk(reader, order_by=order.value) == expected
    assert walk(reader, page_size=3, order_by=order.value) == expected
    second = reader.list(DealListParams(page=2, page_size=3, order_by=order.value)).results
    assert [d.id for d in second] == expected[3:6]


def test_the_default_order_is_newest_first(reader, spread):
    assert walk(reader) == [d.id for d in sorted(spread, key=lambda d: (d.created_at, d.id), reverse=True)]


def titles(reader, **params: Any) -> list[str]:
    return sorted(d.title for d in _all(reader, **params))


def _all(reader, **params: Any) -> list[Deal]:
    page = reader.list(DealListParams(page_size=100, **params))
    deals = page.results
    assert page.total == len(deals) and page.next_cursor is None
    return deals


def test_filters_select_exactly_the_matching_deals(reader, spread, make_pipeline, open_deal):
    other = make_pipeline()
    open_deal(title="z", pipeline_id=other.id)
    customer_a = spread[0].customer_id
    assert titles(reader, pipeline_id="sales") == list("abcdefg")
    assert titles(reader, pipeline_id=other.id) == ["z"]
    assert titles(reader, stage="proposal") == ["b", "f"]
    assert titles(reader, stage="lead", pipeline_id="sales") == ["a", "c"]
    assert titles(reader, customer_id=customer_a) == ["a", "c", "e", "g"]
    assert titles(reader, owner_id="rep-1") == ["a", "c", "e", "f"]
    assert titles(reader, owner_id="rep-2", stage="negotiation") == ["d"]
    assert titles(reader, status="won") == ["g"]
    assert titles(reader, status="open", customer_id=customer_a) == ["a", "c", "e"]
    assert titles(reader, status="lost") == []


@pytest.mark.parametrize(("low", "high", "expected"), [
    pytest.param("2024-03-01", "2024-03-01", ["a", "d"], id="one day, inclusive"),
    pytest.param("2024-01-15", "2024-06-30", ["c", "a", "d", "g"], id="both ends inclusive"),
    pytest.param("2024-03-02", None, ["g", "e"], id="from only"),
    pytest.param(None, "2024-02-01", ["c"], id="to only"),
    pytest.param("2025-01-01", None, [], id="nothing in range"),
])
def test_expected_close_range_is_inclusive_and_ordered_by_close_date(reader, spread, low, high, expected):
    params = {"expected_close_from": date.fromisoformat(low) if low else None,
              "expected_close_to": date.fromisoformat(high) if high else None}
    deals = _all(reader, **params)
    by_title = {d.title: d for d in spread}
    assert [d.title for d in deals] == sorted(expected, key=lambda t: (
        by_title[t].expected_close_date, by_title[t].id))
    descending = _all(reader, order_by="-expected_close_date", **params)
    assert [d.id for d in descending] == [d.id for d in reversed(deals)]


def test_a_range_walk_with_cursors_matches_the_whole_list(reader, spread):
    params = {"expected_close_from": date(2024, 1, 1), "expected_close_to": date(2024, 12, 31)}
    assert walk(reader, page_size=2, **params) == [d.id for d in _all(reader, **params)]


def test_lists_follow_changes(transactions, reader, spread):
    won(transactions, spread[1].id)
    move(transactions, spread[2].id, "closed_lost", reason="gone")
    assert titles(reader, status="won") == ["b", "g"]
    assert titles(reader, status="lost") == ["c"]
    assert titles(reader, stage="proposal") == ["f"]
    service.delete_deal(transactions, spread[3].id, admin_caller())
    assert "d" not in titles(reader)


def test_a_cursor_only_works_for_its_own_query(reader, spread):
    page = reader.list(DealListParams(page_size=2, order_by="value"))
    with pytest.raises(InvalidArgumentError, match="different query"):
        reader.list(DealListParams(page_size=2, order_by="-value", cursor=page.next_cursor))
    with pytest.raises(InvalidArgumentError, match="different query"):
        reader.list(DealListParams(page_size=2, order_by="value", status="open", cursor=page.next_cursor))


def test_an_empty_list(reader):
    page = reader.list(DealListParams())
    assert (page.results, page.total, page.next_cursor) == ([], 0, None)
