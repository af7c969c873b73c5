"""What a caller may ask of the customer list: filters, search terms, order and paging."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from crm.domain.customers import CustomerStatus
from crm.domain.model import Model
from crm.domain.paging import SortOrder
from crm.domain.search_tokens import MAX_QUERY_TERMS, query_terms

MAX_PAGE_SIZE = 100
MAX_OFFSET = 5000


class CustomerOrder(SortOrder):
    NAME = "name"
    NAME_DESC = "-name"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    UPDATED_AT = "updated_at"
    UPDATED_AT_DESC = "-updated_at"
    LIFETIME_VALUE = "lifetime_value"
    LIFETIME_VALUE_DESC = "-lifetime_value"


class CustomerListParams(Model):
    """Query parameters of GET /customers."""

    model_config = ConfigDict(extra="forbid")

    search: Annotated[str, Field(max_length=200, description="Words or word starts, every one required; ranked, "
                                                             "forgives one typo")] | None = None
    tag: Annotated[str, Field(max_length=50)] | None = None
    status: CustomerStatus | None = None
    owner_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    page: Annotated[int, Field(ge=1, description="1-based; deep pages cost the skipped reads, prefer cursor")] = 1
    cursor: Annotated[str, Field(max_length=2000, description="next_cursor of the previous page")] | None = None
    order_by: Annotated[
        CustomerOrder | None, Field(description="Default name; search results come best first instead")
    ] = None

    @model_validator(mode="after")
    def _check(self) -> CustomerListParams:
        if self.tag is not None:
            self.tag = self.tag.strip().lower()
        if self.search is not None and self.order_by is not None and self.search_terms():
            raise ValueError("order_by cannot be combined with search: search results come best first")
        if self.search_terms() and self.page > 1 and self.cursor is None:
            raise ValueError("search results page with next_cursor; page numbers beyond 1 are not taken with search")
        if len(self.search_terms()) > MAX_QUERY_TERMS:
            raise ValueError(f"search takes at most {MAX_QUERY_TERMS} words")
        if self.cursor is None and (self.page - 1) * self.page_size > MAX_OFFSET:
            raise ValueError(f"page reaches past {MAX_OFFSET} records: follow next_cursor instead")
        return self

    def search_terms(self) -> list[str]:
        return query_terms(self.search or "")

    @property
    def order(self) -> CustomerOrder:
        return self.order_by or CustomerOrder.NAME

