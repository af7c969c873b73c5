"""Search cursors: where the next page of a ranked search starts, bound to the search that made it."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, ValidationError

from crm.domain.model import Model
from crm.errors import InvalidArgumentError


def _document_id(value: str) -> str:
    reserved = value.startswith("__") and value.endswith("__")
    if "/" in value or reserved or value in (".", ".."):
        raise ValueError("not a document id")
    return value


DocumentId = Annotated[str, StringConstraints(min_length=1, max_length=1500), AfterValidator(_document_id)]
Count = Annotated[int, Field(ge=0, le=10**9)]


class SearchCursor(Model):
    """``mode`` says how the page was read: ``ranked`` (every match read and ranked; ``key`` is the last one's
    rank), ``stream`` (read in rank order of one key; ``rank`` and ``id`` are the last record read) or
    ``fallback`` (approximate matches by id; ``plan`` and ``lookup`` say which query, ``id`` the last read)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    q: str
    page: Annotated[int, Field(ge=1, le=10**6)]
    mode: Literal["ranked", "stream", "fallback"]
    key: tuple[Count, Count, Count, int, DocumentId] | None = None
    rank: Annotated[int, Field(ge=0, lt=2**62)] | None = None
    id: DocumentId | None = None
    plan: Annotated[int, Field(ge=0, le=10)] | None = None
    lookup: Annotated[int, Field(ge=0, le=10)] = 0
    shown: Count = 0


def encode_search_cursor(cursor: SearchCursor) -> str:
    raw = cursor.model_dump_json(exclude_defaults=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_search_cursor(token: str, fingerprint: str) -> SearchCursor:
    """Read a cursor made by ``encode_search_cursor`` for the same search.

    Raises:
        InvalidArgumentError: the cursor is malformed, or was made for another search.
    """
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if isinstance(data, dict) and isinstance(data.get("key"), list):
            data["key"] = tuple(data["key"])
        cursor = SearchCursor.model_validate(data)
    except (ValueError, TypeError, RecursionError, binascii.Error, ValidationError):
        raise invalid_cursor("cursor is not valid") from None
    if cursor.q != fingerprint:
        raise invalid_cursor("cursor belongs to a different query: keep the same search and filters while paging")
    streamed = cursor.rank is not None and cursor.id is not None
    if (cursor.mode == "ranked") != (cursor.key is not None) or (cursor.mode == "stream") != streamed:
        raise invalid_cursor("cursor is not valid")
    return cursor


def invalid_cursor(message: str) -> InvalidArgumentError:
    return InvalidArgumentError(message, [{"field": "cursor", "message": message}])
