"""Opaque page cursors: the last row's sort value and id, bound to the query that made them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crm.domain.common import DOCUMENT_ID_PATTERN
from crm.errors import InvalidArgumentError

MAX_PAGE = 1_000_000_000
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MAX_STRING_BYTES = 1500  # Firestore indexes no more of a string, so no stored sort value is longer
_DOCUMENT_ID = re.compile(DOCUMENT_ID_PATTERN)


@dataclass(frozen=True)
class Cursor:
    page: int
    sort_value: Any
    document_id: str


def query_fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def encode_cursor(cursor: Cursor, fingerprint: str) -> str:
    value = cursor.sort_value
    tagged = {"t": value.isoformat()} if isinstance(value, datetime) else {"v": value}
    payload = {"p": cursor.page, "s": tagged, "id": cursor.document_id, "q": fingerprint}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(token: str, fingerprint: str) -> Cursor:
    """Read a cursor made by ``encode_cursor`` for the same query.

    Raises:
        InvalidArgumentError: the cursor is malformed or was made for another query.
    """
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        tagged = payload["s"]
        value = datetime.fromisoformat(tagged["t"]) if "t" in tagged else tagged["v"]
        cursor = Cursor(page=payload["p"], sort_value=value, document_id=payload["id"])
        matches = payload["q"] == fingerprint
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError, binascii.Error):
        # OverflowError: a page of 1e999; RecursionError: JSON nested deeper than the parser goes
        raise _bad_cursor("cursor is not valid") from None
    if not _well_formed(cursor):
        raise _bad_cursor("cursor is not valid")
    if not matches:
        raise _bad_cursor("cursor belongs to a different query: keep the same filters and order while paging")
    return cursor


def _bad_cursor(message: str) -> InvalidArgumentError:
    return InvalidArgumentError(message, [{"field": "cursor", "message": message}])


def _well_formed(cursor: Cursor) -> bool:
    """Whether Firestore can take the cursor as it stands: a page number, a document id and a sort value it can
    store (a forged cursor may carry anything that JSON can)."""
    return (
        isinstance(cursor.page, int)
        and not isinstance(cursor.page, bool)
        and 1 <= cursor.page <= MAX_PAGE
        and isinstance(cursor.document_id, str)
        and _DOCUMENT_ID.match(cursor.document_id) is not None
        and _storable(cursor.sort_value)
    )


def _storable(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return INT64_MIN <= value <= INT64_MAX
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return len(value.encode("utf-8", "surrogatepass")) <= MAX_STRING_BYTES
    if isinstance(value, datetime):
        return value.tzinfo is not None and _within_timestamp_range(value)
    return False


def _within_timestamp_range(value: datetime) -> bool:
    try:
        value.astimezone(UTC)
    except OverflowError:  # before year 1 or after 9999 once in UTC, which no timestamp can hold
        return False
    return True
