"""Counting stops at COUNT_CAP so a broad query's total costs a bounded number of reads."""

from __future__ import annotations

from crm.domain.customer_queries import CustomerListParams
from crm.services import customers as service
from crm.store import paging, read_meter
from tests.utils.factories import admin_caller


def test_total_past_the_cap_is_marked_inexact_and_paging_goes_on(transactions, customers, create_data, caller,
                                                                  monkeypatch):
    for n in range(7):
        service.create_customer(transactions, create_data(name=f"Cap {n}"), caller, default_language="el")
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    first = service.list_customers(customers, CustomerListParams(page_size=3), admin_caller())
    assert (first.total, first.total_exact) == (5, False)
    seen = [c.name for c in first.results]
    cursor = first.next_cursor
    while cursor:
        page = service.list_customers(customers, CustomerListParams(page_size=3, cursor=cursor), admin_caller())
        seen += [c.name for c in page.results]
        cursor = page.next_cursor
    assert seen == [f"Cap {n}" for n in range(7)]


def test_exact_total_under_the_cap(transactions, customers, create_data, caller):
    for n in range(3):
        service.create_customer(transactions, create_data(name=f"Under {n}", tags=["under"]), caller,
                                default_language="el")
    with read_meter.metered() as count:
        page = service.list_customers(customers, CustomerListParams(tag="under"), admin_caller())
    assert (page.total, page.total_exact, page.next_cursor) == (3, True, None)
    assert count.reads == 1 + 3
