"""Search cursors: what the next page starts from; anything forged or foreign is a 400, never a 500."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from crm.errors import InvalidArgumentError
from crm.store.search.cursor import SearchCursor, decode_search_cursor, encode_search_cursor

Q = "f" * 16


def forged(**payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    pytest.param(SearchCursor(q=Q, page=1, mode="ranked", key=(0, 0, 3, -1700000000, "abc")), id="ranked"),
    pytest.param(SearchCursor(q=Q, page=4, mode="stream", rank=12_345, id="abc"), id="stream"),
    pytest.param(SearchCursor(q=Q, page=2, mode="fallback", plan=1, lookup=1, id="abc", shown=7), id="fallback"),
    pytest.param(SearchCursor(q=Q, page=2, mode="fallback"), id="fallback not begun"),
])
def test_a_cursor_reads_back_as_it_was_made(cursor: SearchCursor) -> None:
    assert decode_search_cursor(encode_search_cursor(cursor), Q) == cursor


@pytest.mark.parametrize("token", [
    pytest.param("not-a-cursor", id="garbage"),
    pytest.param(forged(q=Q, page=1), id="no mode"),
    pytest.param(forged(q=Q, page=0, mode="stream", rank=1, id="a"), id="page 0"),
    pytest.param(forged(q=Q, page=1, mode="sideways"), id="unknown mode"),
    pytest.param(forged(q=Q, page=1, mode="stream", rank=1), id="stream without id"),
    pytest.param(forged(q=Q, page=1, mode="stream", id="a"), id="stream without rank"),
    pytest.param(forged(q=Q, page=1, mode="stream", rank=2**63, id="a"), id="rank past int64"),
    pytest.param(forged(q=Q, page=1, mode="stream", rank=True, id="a"), id="boolean rank"),
    pytest.param(forged(q=Q, page=1, mode="stream", rank="1", id="a"), id="rank as text"),
    pytest.param(forged(q=Q, page=1, mode="stream", rank=1, id="a/b"), id="id with a slash"),
    pytest.param(forged(q=Q, page=1, mode="stream", rank=1, id="__x__"), id="reserved id"),
    pytest.param(forged(q=Q, page=1, mode="ranked"), id="ranked without key"),
    pytest.param(forged(q=Q, page=1, mode="ranked", key=[0, 0, 1]), id="short key"),
    pytest.param(forged(q=Q, page=1, mode="ranked", key=[0, 0, 1, 2, 3]), id="key id not text"),
    pytest.param(forged(q=Q, page=1, mode="fallback", plan=-1), id="negative plan"),
    pytest.param(forged(q=Q, page=1, mode="fallback", shown=-5), id="negative shown"),
    pytest.param(forged(q=Q, page=1, mode="fallback", extra=1), id="unknown field"),
    pytest.param(forged(q="0" * 16, page=1, mode="fallback"), id="another search"),
    pytest.param(base64.urlsafe_b64encode(b"[" * 5000).decode(), id="deeply nested"),
    pytest.param(forged(q=Q, page=1e999, mode="fallback"), id="infinite page"),
])
def test_forged_cursors_are_refused(token: str) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        decode_search_cursor(token, Q)
    assert raised.value.details[0]["field"] == "cursor"
