"""What a caller may ask of the deal list: filters, order and paging."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from crm.domain.customer_queries import MAX_OFFSET, MAX_PAGE_SIZE
from crm.domain.deals import DealStatus
from crm.domain.model import Model
from crm.domain.paging import SortOrder

Id = Annotated[str, Field(min_length=1, max_length=128)]


class DealOrder(SortOrder):
    VALUE = "value"
    VALUE_DESC = "-value"
    EXPECTED_CLOSE_DATE = "expected_close_date"
    EXPECTED_CLOSE_DATE_DESC = "-expected_close_date"
    STAGE = "stage"
    STAGE_DESC = "-stage"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    UPDATED_AT = "updated_at"
    UPDATED_AT_DESC = "-updated_at"


class DealListParams(Model):
    """Query parameters of GET /deals."""

    model_config = ConfigDict(extra="forbid")

    pipeline_id: Id | None = None
    stage: Id | None = None
    customer_id: Id | None = None
    owner_id: Id | None = None
    status: DealStatus | None = None
    expected_close_from: Annotated[date, Field(description="Earliest expected close date, inclusive")] | None = None
    expected_close_to: Annotated[date, Field(description="Latest expected close date, inclusive")] | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    page: Annotated[int, Field(ge=1)] = 1
    cursor: Annotated[str, Field(max_length=2000)] | None = None
    order_by: Annotated[
        DealOrder | None,
        Field(description="Default -created_at; with an expected close range the order is expected_close_date"),
    ] = None

    @model_validator(mode="after")
    def _check(self) -> DealListParams:
        ranged = self.expected_close_from is not None or self.expected_close_to is not None
        if ranged and self.order_by is not None and self.order_by.field != "expected_close_date":
            raise ValueError("an expected_close range orders by expected_close_date; leave order_by out or use it")
        if self.expected_close_from and self.expected_close_to and self.expected_close_from > self.expected_close_to:
            raise ValueError("expected_close_from is after expected_close_to")
        if self.cursor is None and (self.page - 1) * self.page_size > MAX_OFFSET:
            raise ValueError(f"page reaches past {MAX_OFFSET} records: follow next_cursor instead")
        return self

    @property
    def ranged(self) -> bool:
        return self.expected_close_from is not None or self.expected_close_to is not None

    @property
    def order(self) -> DealOrder:
        if self.order_by is not None:
            return self.order_by
        return DealOrder.EXPECTED_CLOSE_DATE if self.ranged else DealOrder.CREATED_AT_DESC
