"""Query parameters of the customer list: bounds, order, search terms and paging limits."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from crm.domain.customer_queries import MAX_OFFSET, MAX_PAGE_SIZE, CustomerListParams, CustomerOrder
from crm.domain.customers import CustomerStatus
from crm.domain.search_tokens import MAX_QUERY_TERMS


def params(**query: str) -> CustomerListParams:
    return CustomerListParams.model_validate(query)


def test_defaults() -> None:
    default = params()
    assert (default.page, default.page_size, default.order) == (1, 25, CustomerOrder.NAME)
    assert default.search_terms() == []


def test_query_strings_are_read_as_numbers_and_enums() -> None:
    read = params(page="3", page_size="100", status="prospect")
    assert (read.page, read.page_size, read.status) == (3, MAX_PAGE_SIZE, CustomerStatus.PROSPECT)


@pytest.mark.parametrize(
    ("value", "field", "descending"),
    [
        pytest.param("name", "name", False, id="name"),
        pytest.param("-name", "name", True, id="-name"),
        pytest.param("-created_at", "created_at", True, id="-created_at"),
        pytest.param("updated_at", "updated_at", False, id="updated_at"),
        pytest.param("-lifetime_value", "lifetime_value", True, id="-lifetime_value"),
    ],
)
def test_order_by(value: str, field: str, descending: bool) -> None:
    order = params(order_by=value).order
    assert (order.field, order.descending) == (field, descending)


def test_tag_is_trimmed_and_lowercased() -> None:
    assert params(tag="  VIP ").tag == "vip"


def test_search_terms_come_from_query_terms() -> None:
    assert params(search="210 123 4567").search_terms() == ["2101234567"]


def test_blank_search_may_take_an_order() -> None:
    assert params(search="  ", order_by="-name").order is CustomerOrder.NAME_DESC


def test_last_shallow_page_is_allowed() -> None:
    page = MAX_OFFSET // 25 + 1
    assert params(page=str(page), page_size="25").page == page


def test_deep_page_is_allowed_with_a_cursor() -> None:
    assert params(page="1000", cursor="abc").page == 1000


def test_max_query_terms_are_allowed() -> None:
    search = " ".join(chr(ord("a") + i) for i in range(MAX_QUERY_TERMS))
    assert len(params(search=search).search_terms()) == MAX_QUERY_TERMS


@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param({"page_size": "0"}, "greater than or equal to 1", id="page_size 0"),
        pytest.param({"page_size": "101"}, "less than or equal to 100", id="page_size 101"),
        pytest.param({"page_size": "ten"}, "valid integer", id="page_size not a number"),
        pytest.param({"page": "0"}, "greater than or equal to 1", id="page 0"),
        pytest.param({"page": "-1"}, "greater than or equal to 1", id="negative page"),
        pytest.param({"order_by": "name_desc"}, "Input should be", id="unknown order"),
        pytest.param({"order_by": "email"}, "Input should be", id="unsortable field"),
        pytest.param({"status": "vip"}, "Input should be", id="unknown status"),
        pytest.param({"search": "ana", "order_by": "name"}, "cannot be combined", id="search with order_by"),
        pytest.param({"search": "a b c d e f g h i j k"}, f"at most {MAX_QUERY_TERMS} words", id="11 search words"),
        pytest.param({"search": "s" * 201}, "at most 200 characters", id="search of 201 chars"),
        pytest.param({"page": str(MAX_OFFSET // 25 + 2)}, "follow next_cursor", id="deep page"),
        pytest.param({"page": "2", "page_size": "100", "sort": "name"}, "Extra inputs", id="unknown param"),
        pytest.param({"cursor": "c" * 2001}, "at most 2000 characters", id="cursor too long"),
    ],
)
def test_bad_params_are_refused(query: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        CustomerListParams.model_validate(query)
