"""The shape of every list answer."""

from __future__ import annotations

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
