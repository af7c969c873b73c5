"""Opaque page cursors: the last row's sort value and id, bound to the query that made them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crm.errors import InvalidArgumentError


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
        cursor = Cursor(page=int(payload["p"]), sort_value=value, document_id=payload["id"])
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
    doc_id = cursor.document_id
    return (
        cursor.page >= 1
        and isinstance(doc_id, str)
        and 0 < len(doc_id) <= 1500
        and "/" not in doc_id
        and not (doc_id.startswith("__") and doc_id.endswith("__"))
        and doc_id not in (".", "..")
        and (cursor.sort_value is None or isinstance(cursor.sort_value, str | int | float | datetime))
        and not isinstance(cursor.sort_value, bool)
    )
