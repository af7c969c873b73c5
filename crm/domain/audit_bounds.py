"""Audit values made storable and small: long texts cut, long lists and maps shortened, deep values elided, and a
budget per entry, so an audit entry stays far under Firestore's 1 MiB whatever the record it describes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any


@dataclass(frozen=True)
class Limits:
    text: int = 500
    items: int = 20
    keys: int = 30
    depth: int = 4


FULL = Limits()
SHALLOW = Limits(text=80, items=5, keys=10, depth=3)
MAX_FIELD_BYTES = 16 * 1024
MAX_CHANGES_BYTES = 64 * 1024
MAX_FIELDS = 100
MAX_INT = 2**63 - 1


def bounded_changes(changes: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """``changes`` made storable and small: long texts cut, long lists and maps shortened, deep values elided; a
    field still too large, or past the entry's budget of fields and bytes, is left out and named in the list."""
    kept: dict[str, dict[str, Any]] = {}
    omitted: list[str] = []
    budget = MAX_CHANGES_BYTES
    for name, change in changes.items():
        value = bounded(change, FULL)
        size = json_size(value)
        if size > MAX_FIELD_BYTES:
            value = bounded(change, SHALLOW)
            size = json_size(value)
        if size > MAX_FIELD_BYTES or size > budget or len(kept) >= MAX_FIELDS:
            omitted.append(name)
            continue
        kept[storable_key(name)] = value
        budget -= size
    return kept, [truncate(name, FULL.text) for name in omitted[: FULL.items]]


def bounded(value: Any, limits: Limits, depth: int = 0) -> Any:
    """``value`` as Firestore stores it, within ``limits``: what is cut says so ("…")."""
    if value is None or isinstance(value, bool | float | datetime):
        return value
    if isinstance(value, int):
        return value if -MAX_INT - 1 <= value <= MAX_INT else str(value)
    if isinstance(value, Enum):
        return bounded(value.value, limits, depth)
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, str):
        return truncate(value, limits.text)
    if depth >= limits.depth:
        return "…"
    if isinstance(value, dict):
        items = list(value.items())
        kept = {storable_key(k): bounded(v, limits, depth + 1) for k, v in items[: limits.keys]}
        if len(items) > limits.keys:
            kept["…"] = f"{len(items) - limits.keys} more"
        return kept
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        kept_items = [bounded(v, limits, depth + 1) for v in items[: limits.items]]
        if len(items) > limits.items:
            kept_items.append(f"… {len(items) - limits.items} more")
        return kept_items
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return truncate(str(value), limits.text)


def storable_key(name: Any) -> str:
    key = truncate(str(name), 100) or "(empty)"
    return f"({key})" if key.startswith("__") and key.endswith("__") else key


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_size(value: Any) -> int:
    return len(json.dumps(value, default=str, ensure_ascii=False).encode())
