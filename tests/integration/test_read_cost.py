"""What listing and searching cost in billed reads: a page, not the collection."""

from __future__ import annotations

import pytest
from google.cloud.firestore_v1.query import Query

from crm.domain.customer_queries import CustomerListParams
from crm.services import customers as service
from crm.store.read_meter import metered
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

COLLECTION_SIZE = 300
PAGE_SIZE = 25
OVERHEAD = 3  # the count aggregation, and a little slack


@pytest.fixture
def crowd(seed):
    """300 customers who all match 'acme'; every 100th also matches 'rare'; a third are vip."""
    bodies = [
        {
            "name": f"Person {n:03d}" + (" Rare" if n % 100 == 0 else ""),
            "organization": f"Acme Branch {n % 7}",
            "email": f"person{n}@acme.example",
            "tags": ["vip"] if n % 3 == 0 else [],
        }
        for n in range(COLLECTION_SIZE)
    ]
    return seed(bodies)


@pytest.fixture
def streamed(monkeypatch) -> list[str]:
    """Ids of the documents that queries actually returned from Firestore, independent of the read meter."""
    ids: list[str] = []
    original = Query.stream

    def counting(self, *args, **kwargs):
        for snapshot in original(self, *args, **kwargs):
            ids.append(snapshot.id)
            yield snapshot

    monkeypatch.setattr(Query, "stream", counting)
    return ids


def list_metered(customers, **params):
    with metered() as reads:
        page = service.list_customers(customers, CustomerListParams(**params), admin_caller())
    return page, reads.reads


def test_search_page_costs_a_page_not_the_collection(customers, crowd, streamed):
    page, reads = list_metered(customers, search="acme", page_size=PAGE_SIZE)

    assert page.total == COLLECTION_SIZE
    assert len(page.results) == PAGE_SIZE
    assert PAGE_SIZE <= reads <= PAGE_SIZE + OVERHEAD
    assert len(streamed) == PAGE_SIZE + 1  # the one row past the page says a next page exists


def test_narrow_search_costs_its_few_matches_and_the_fallback(customers, crowd, streamed):
    page, reads = list_metered(customers, search="rare acme", page_size=PAGE_SIZE)

    assert page.total == 3
    assert sorted(c.name for c in page.results) == ["Person 000 Rare", "Person 100 Rare", "Person 200 Rare"]
    # the count, the three matches, a probe per term for the fallback, and its lookup (which meets the three again)
    assert reads <= 1 + 3 + 2 + 3 + OVERHEAD
    assert len(streamed) <= 3 + 2 + 3


def test_search_with_no_match_costs_almost_nothing(customers, crowd):
    page, reads = list_metered(customers, search="nobody", page_size=PAGE_SIZE)

    assert page.total == 0
    assert 1 <= reads <= 2 + OVERHEAD


def test_cursor_pages_cost_a_page_each(customers, crowd, streamed):
    first, _ = list_metered(customers, search="acme branch", page_size=PAGE_SIZE)
    streamed.clear()

    second, reads = list_metered(customers, search="acme branch", page_size=PAGE_SIZE, cursor=first.next_cursor)

    assert second.page == 2 and len(second.results) == PAGE_SIZE
    assert {c.id for c in first.results}.isdisjoint(c.id for c in second.results)
    assert reads <= PAGE_SIZE + OVERHEAD
    assert len(streamed) == PAGE_SIZE + 1  # read in rank order: the one row past the page says a next page exists


@pytest.mark.parametrize("params", [
    pytest.param({"order_by": "name"}, id="by name"),
    pytest.param({"order_by": "-lifetime_value", "tag": "vip"}, id="by value with tag"),
])
def test_filtered_list_pages_cost_a_page(customers, crowd, streamed, params):
    page, reads = list_metered(customers, page_size=PAGE_SIZE, **params)

    assert len(page.results) == PAGE_SIZE
    assert reads <= PAGE_SIZE + OVERHEAD
    assert len(streamed) == PAGE_SIZE + 1  # the one row past the page says a next page exists


def test_offset_pages_are_billed_for_the_skipped_documents(customers, crowd):
    page, reads = list_metered(customers, page=3, page_size=PAGE_SIZE)

    assert page.page == 3 and len(page.results) == PAGE_SIZE
    assert 3 * PAGE_SIZE <= reads <= 3 * PAGE_SIZE + OVERHEAD


def test_get_costs_one_read(customers, crowd):
    with metered() as reads:
        service.get_customer(customers, crowd[0].id, admin_caller())

    assert reads.reads == 1
