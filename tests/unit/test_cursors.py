"""Page cursors: opaque, round-tripping their sort value, and bound to the query that made them."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from crm.errors import InvalidArgumentError
from crm.store.cursors import Cursor, decode_cursor, encode_cursor, query_fingerprint

FINGERPRINT = query_fingerprint(["ana"], None, "vip", "name")


def b64(payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "sort_value",
    [
        pytest.param("papadopoulou", id="str"),
        pytest.param("αθηνα ελληνικα", id="non-ascii str"),
        pytest.param(12345, id="int"),
        pytest.param(None, id="none"),
        pytest.param(datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC), id="utc datetime"),
        pytest.param(datetime(2024, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=3))), id="offset datetime"),
        pytest.param("2024-05-01T12:30:00+00:00", id="str that looks like a datetime"),
    ],
)
def test_round_trip(sort_value: Any) -> None:
    cursor = Cursor(page=3, sort_value=sort_value, document_id="doc-1")
    decoded = decode_cursor(encode_cursor(cursor, FINGERPRINT), FINGERPRINT)
    assert decoded == cursor
    assert type(decoded.sort_value) is type(sort_value)


def test_token_is_url_safe() -> None:
    token = encode_cursor(Cursor(1, "?&/+= " * 10, "d"), FINGERPRINT)
    assert all(ch.isalnum() or ch in "-_" for ch in token)


def test_fingerprint_depends_on_every_part() -> None:
    assert query_fingerprint(["ana"], None, "vip", "name") == FINGERPRINT
    assert query_fingerprint(["ana"], None, "vip", "-name") != FINGERPRINT
    assert query_fingerprint(["ana"], "lead", "vip", "name") != FINGERPRINT


def test_cursor_from_another_query_is_refused() -> None:
    token = encode_cursor(Cursor(1, "ana", "doc-1"), query_fingerprint([], None, None, "name"))
    with pytest.raises(InvalidArgumentError, match="different query") as caught:
        decode_cursor(token, FINGERPRINT)
    assert caught.value.details[0]["field"] == "cursor"


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("", id="empty"),
        pytest.param("not a cursor!", id="not base64"),
        pytest.param("@@@@", id="symbols"),
        pytest.param(b64("just a string"), id="json string"),
        pytest.param(b64([1, 2, 3]), id="json list"),
        pytest.param(base64.urlsafe_b64encode(b"\xff\xfe\x00").decode(), id="binary"),
        pytest.param(b64({"p": 1, "s": {"v": "a"}, "id": "d"}), id="no fingerprint"),
        pytest.param(b64({"p": "one", "s": {"v": "a"}, "id": "d", "q": FINGERPRINT}), id="page not a number"),
        pytest.param(b64({"p": 1, "s": {"t": "yesterday"}, "id": "d", "q": FINGERPRINT}), id="bad datetime"),
        pytest.param(b64({"p": 1, "s": {"t": 5}, "id": "d", "q": FINGERPRINT}), id="datetime not a string"),
        pytest.param(b64({"p": 1, "s": "a", "id": "d", "q": FINGERPRINT}), id="untagged sort value"),
        pytest.param(b64({"p": 1, "s": {"v": "a"}, "q": FINGERPRINT}), id="no document id"),
    ],
)
def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(InvalidArgumentError, match="cursor is not valid"):
        decode_cursor(token, FINGERPRINT)


def forged(page: Any = 2, value: Any = 100, document_id: Any = "doc-1") -> str:
    tagged = {"t": value} if isinstance(value, str) and value[:1].isdigit() else {"v": value}
    return b64({"p": page, "s": tagged, "id": document_id, "q": FINGERPRINT})


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(forged(value=2**70), id="sort value beyond 64 bits"),
        pytest.param(forged(value=-(2**63) - 1), id="sort value below 64 bits"),
        pytest.param(forged(page=2**70), id="page beyond any list"),
        pytest.param(forged(page=True), id="page true"),
        pytest.param(forged(page=2.5), id="page not whole"),
        pytest.param(forged(value="0001-01-01T00:00:00+05:00"), id="date before year 1 in UTC"),
        pytest.param(forged(value="9999-12-31T23:59:59-05:00"), id="date after 9999 in UTC"),
        pytest.param(forged(value="2024-01-01T00:00:00"), id="date without a timezone"),
        pytest.param(forged(value=float("nan")), id="not a number"),
        pytest.param(forged(value=float("inf")), id="infinite"),
        pytest.param(forged(value="x" * 1501), id="string longer than Firestore indexes"),
        pytest.param(forged(value=[1, 2]), id="list"),
        pytest.param(forged(document_id="a/b"), id="id with a slash"),
        pytest.param(forged(document_id="x" * 1600), id="id of 1600 characters"),
        pytest.param(forged(document_id="__name__"), id="reserved id"),
    ],
)
def test_forged_cursors_firestore_could_not_take_are_refused(token: str) -> None:
    with pytest.raises(InvalidArgumentError, match="cursor is not valid"):
        decode_cursor(token, FINGERPRINT)
