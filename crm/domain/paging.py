"""Pages of records: what a repository found for a list query, and the shape of every list answer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Self, TypeVar

from pydantic import Field

from crm.domain.model import Model

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of the records a list query matched, with how many match in all (exact unless counting stopped
    early), the page's number and the cursor of the next page, if there is one."""

    results: list[T]
    total: int
    total_exact: bool
    page: int
    next_cursor: str | None


class ListPage(Model, Generic[T]):
    results: list[T]
    total: int = Field(description="Records that match; counting stops at 4000 (see total_exact)")
    total_exact: bool = Field(True, description="False when more records match than were counted")
    page: int
    page_size: int
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last page")

    @classmethod
    def of(cls, found: Page[T], page_size: int) -> Self:
        """The list answer for a page a repository found with ``page_size`` records at most."""
        return cls(results=found.results, total=found.total, total_exact=found.total_exact, page=found.page,
                   page_size=page_size, next_cursor=found.next_cursor)


class SortOrder(StrEnum):
    """An ``order_by`` value: a field name, with a leading ``-`` for descending."""

    @property
    def field(self) -> str:
        return self.value.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.value.startswith("-")
