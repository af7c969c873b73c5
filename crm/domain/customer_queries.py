"""What a caller may ask of the customer list: filters, search terms, order and paging."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from crm.domain.customers import CustomerSource, CustomerStatus
from crm.domain.model import Model
from crm.domain.paging import SortOrder
from crm.domain.qualification.fields import LeadPriority, LeadRating
from crm.domain.search_tokens import MAX_QUERY_TERMS, query_terms

MAX_PAGE_SIZE = 100
MAX_OFFSET = 5000
STATUS_NAMES = "|".join(s.value for s in CustomerStatus)
STATUS_LIST = rf"^({STATUS_NAMES})(,({STATUS_NAMES}))*$"
WORKING_COMBINATIONS = (
    "filters that work together: status (one or several), tag, source, priority, rating and owner_id, in any "
    "combination, with search or with any order_by; created_from/created_to with any of those filters but not with "
    "search, ordered by created_at (the default with a range is -created_at)"
)


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
    status: Annotated[str, Field(max_length=100, pattern=STATUS_LIST,
                                 description="One status, or several separated by commas: status=lead,prospect")
                      ] | None = None
    source: CustomerSource | None = None
    priority: LeadPriority | None = None
    rating: LeadRating | None = None
    created_from: Annotated[date | datetime, Field(union_mode="left_to_right",
                                                   description="Created at or after (a date: from its start, UTC)")
                            ] | None = None
    created_to: Annotated[date | datetime, Field(union_mode="left_to_right",
                                                 description="Created before (a date: up to its end, UTC)")
                          ] | None = None
    owner_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    page: Annotated[int, Field(ge=1, description="1-based; deep pages cost the skipped reads, prefer cursor")] = 1
    cursor: Annotated[str, Field(max_length=2000, description="next_cursor of the previous page")] | None = None
    order_by: Annotated[
        CustomerOrder | None, Field(description="Default name; search results come best first instead")
    ] = None

    @field_validator("status", mode="before")
    @classmethod
    def _status_list(cls, value: Any) -> Any:
        return status_list(value)

    @model_validator(mode="after")
    def _check(self) -> CustomerListParams:
        if self.tag is not None:
            self.tag = self.tag.strip().lower()
        check_combination(self)
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
        if self.order_by is not None:
            return self.order_by
        return CustomerOrder.CREATED_AT_DESC if self.created_range() else CustomerOrder.NAME

    @property
    def statuses(self) -> list[CustomerStatus]:
        return [CustomerStatus(part) for part in self.status.split(",")] if self.status else []

    def equalities(self) -> list[tuple[str, str]]:
        """The single-valued equality filters besides the owner: (field, value)."""
        named = (("source", self.source), ("priority", self.priority), ("rating", self.rating))
        return [(field, value.value) for field, value in named if value is not None]

    def created_range(self) -> tuple[datetime | None, datetime | None] | None:
        """The created range as [start, end): a date's start for ``created_from``, the next day's for
        ``created_to``; None without a range."""
        if self.created_from is None and self.created_to is None:
            return None
        return _instant(self.created_from, 0), _instant(self.created_to, 1)


def status_list(value: Any) -> Any:
    """``lead, Prospect,lead`` as ``lead,prospect``: each status once, trimmed and lower-cased.

    Raises:
        ValueError: an unknown status, or none.
    """
    if not isinstance(value, str):
        return value
    parts = list(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [part for part in parts if part not in STATUS_NAMES.split("|")]
    if unknown or not parts:
        raise ValueError(f"Input should be one or more of {STATUS_NAMES.replace('|', ', ')}, separated by "
                         f"commas; not {', '.join(unknown) or 'empty'}")
    return ",".join(parts)


def check_combination(params: CustomerListParams) -> None:
    """Refuse a combination that Firestore could serve only by reading without bound.

    Raises:
        ValueError: the combination, and which ones work.
    """
    ranged = params.created_range()
    if ranged is not None and params.search_terms():
        raise ValueError("created_from/created_to cannot be combined with search: a search counts and reads its "
                         "matches by their keys, which no index can also range over; " + WORKING_COMBINATIONS)
    if ranged is not None and params.order_by is not None and params.order_by.field != "created_at":
        raise ValueError(f"a created range orders by created_at, not {params.order_by.field}; leave order_by out or "
                         "use created_at or -created_at; " + WORKING_COMBINATIONS)
    if ranged is not None and ranged[0] is not None and ranged[1] is not None and ranged[0] >= ranged[1]:
        raise ValueError("created_from must be before created_to")


def _instant(value: datetime | date | None, days_after: int) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value + timedelta(days=days_after), time(), tzinfo=UTC)


class DeletedCustomerListParams(Model):
    """Query parameters of GET /deleted-customers: deleted customers, most recently deleted first."""

    model_config = ConfigDict(extra="forbid")

    owner_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000, description="next_cursor of the previous page")] | None = None
