"""What a caller may ask of the activity list: filters, due ranges, overdue, order and paging."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from crm.domain.activities import OPEN_STATUSES, ActivityStatus, ActivityType, AwareDateTime
from crm.domain.customer_queries import MAX_OFFSET, MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.paging import SortOrder

Id = Annotated[str, Field(min_length=1, max_length=128)]
_DECODED_PLUS = re.compile(r"(T[\d:.]+) (\d\d:?\d\d)$")


def _restore_plus(value: Any) -> Any:
    """An unencoded ``+03:00`` in a query string arrives as `` 03:00``; read it as the offset it was."""
    return _DECODED_PLUS.sub(r"\1+\2", value) if isinstance(value, str) else value


QueryDateTime = Annotated[AwareDateTime, BeforeValidator(_restore_plus)]


class ActivityOrder(SortOrder):
    DUE_AT = "due_at"
    DUE_AT_DESC = "-due_at"
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    PRIORITY = "priority"


class ActivityListParams(Model):
    """Query parameters of GET /activities."""

    model_config = ConfigDict(extra="forbid")

    customer_id: Id | None = None
    deal_id: Id | None = None
    owner_id: Id | None = None
    type: ActivityType | None = None
    status: ActivityStatus | None = None
    due_from: Annotated[QueryDateTime, Field(description="Earliest due_at, inclusive; timezone-aware")] | None = None
    due_to: Annotated[QueryDateTime, Field(description="Latest due_at, inclusive; timezone-aware")] | None = None
    overdue: Annotated[
        bool | None, Field(description="true: due before now and still scheduled or in progress")
    ] = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    page: Annotated[int, Field(ge=1)] = 1
    cursor: Annotated[str, Field(max_length=2000)] | None = None
    order_by: Annotated[
        ActivityOrder | None,
        Field(description="Default due_at (undated last); priority is high first, then soonest due. "
                          "With a due range or overdue, only due_at or -due_at"),
    ] = None

    @model_validator(mode="after")
    def _check(self) -> ActivityListParams:
        if self.overdue is False:
            raise ValueError("overdue takes only true; leave it out to list activities whether overdue or not")
        if self.overdue and self.status is not None and self.status not in OPEN_STATUSES:
            raise ValueError(f"an overdue activity is scheduled or in_progress, never {self.status.value}")
        if self.ranged and self.order_by is not None and self.order_by.field != "due_at":
            raise ValueError("a due range or overdue orders by due_at; leave order_by out or use due_at or -due_at")
        if self.due_from and self.due_to and self.due_from > self.due_to:
            raise ValueError("due_from is after due_to")
        if self.cursor is None and (self.page - 1) * self.page_size > MAX_OFFSET:
            raise ValueError(f"page reaches past {MAX_OFFSET} records: follow next_cursor instead")
        return self

    @property
    def ranged(self) -> bool:
        """Whether the query has an inequality on due_at, which Firestore then must order by first."""
        return self.due_from is not None or self.due_to is not None or bool(self.overdue)

    @property
    def order(self) -> ActivityOrder:
        return self.order_by or ActivityOrder.DUE_AT

    def statuses(self) -> list[ActivityStatus]:
        """The statuses the list is limited to: the one asked for, or the open ones when overdue, else all."""
        if self.status is not None:
            return [self.status]
        return list(OPEN_STATUSES) if self.overdue else []
