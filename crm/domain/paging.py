"""The shape of every list answer."""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class ListPage(BaseModel, Generic[T]):
    results: list[T]
    total: int = Field(description="Records that match; counting stops at 5000 (see total_exact)")
    total_exact: bool = Field(True, description="False when more records match than were counted")
    page: int
    page_size: int
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last page")


class SortOrder(StrEnum):
    """An ``order_by`` value: a field name, with a leading ``-`` for descending."""

    @property
    def field(self) -> str:
        return self.value.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.value.startswith("-")
