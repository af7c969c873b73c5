"""What a search is asked and answers: the collection's declaration, the request, its hits and page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.search import FieldValues, SearchMatch, SearchSchema


@dataclass(frozen=True)
class Condition:
    """An equality (or array membership, or one of several values) every result must meet: queried, and checked
    again in memory."""

    field: str
    value: Any
    op: Literal["==", "array_contains", "in"] = "=="

    def filter(self) -> FieldFilter:
        return FieldFilter(self.field, self.op, list(self.value) if self.op == "in" else self.value)

    def holds(self, data: dict[str, Any]) -> bool:
        actual = data.get(self.field)
        if self.op == "array_contains":
            return isinstance(actual, list) and self.value in actual
        if self.op == "in":
            return actual in self.value
        return actual == self.value

    @property
    def disjunctions(self) -> int:
        """How many equalities Firestore expands it into (a query may hold at most 30 in all)."""
        return len(self.value) if self.op == "in" else 1


@dataclass(frozen=True)
class SearchSpec:
    """What a collection declares to be searched: its schema, the stored fields a record is loaded from (a search
    reads only those, not the search maps), how to load it, its searchable values and latest activity, and which
    field marks a record active and which names its owner."""

    schema: SearchSchema
    fields: tuple[str, ...]
    load: Callable[[firestore.DocumentSnapshot], Any]
    values: Callable[[Any], FieldValues]
    activity: Callable[[Any], datetime]
    active: Condition
    owner_field: str = "owner_id"


@dataclass(frozen=True)
class SearchRequest:
    terms: tuple[str, ...]
    filters: tuple[Condition, ...]
    owner_id: str | None
    page_size: int
    cursor: str | None
    fingerprint: str


@dataclass(frozen=True)
class Hit:
    snapshot: firestore.DocumentSnapshot
    record: Any
    match: SearchMatch


@dataclass
class SearchPage:
    hits: list[Hit]
    total: int
    total_exact: bool
    page: int
    next_cursor: str | None
