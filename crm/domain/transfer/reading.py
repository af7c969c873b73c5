"""Reading an import file, a row at a time: CSV (with a header row; a byte-order mark and ``;``-separated files are
recognised) or JSON Lines (one object per line). Memory stays flat however long the file."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from crm.domain.transfer.kinds import FileFormat

MAX_FIELD = 64 * 1024
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")


@dataclass(frozen=True)
class RawRow:
    """A row as read: its first line in the file, its values by column (or key), or why it could not be read."""

    line: int
    values: dict[str, Any]
    problem: str | None = None


class FileUnreadable(ValueError):
    """The file is not CSV with a header row, or not JSON Lines."""


def read_rows(text: Iterable[str], file_format: FileFormat) -> tuple[list[str], Iterator[RawRow]]:
    """The headers and rows of a file given as its lines (an open text file, or ``lines_of`` its parts): the
    file's headers (a CSV's header row; for JSON Lines, the keys of its first object) and its rows.

    Raises:
        FileUnreadable: no header row.
    """
    lines = iter(text)
    if file_format is FileFormat.JSONL:
        return _jsonl(lines)
    return _csv(lines)


def lines_of(parts: Iterable[str]) -> Iterator[str]:
    """The lines of a text given in parts, each with its line ending (a line may span parts)."""
    rest = ""
    for part in parts:
        chunk = rest + part
        lines = _LINE.findall(chunk)
        rest = lines.pop() if lines and not lines[-1].endswith(("\n", "\r")) else ""
        yield from (line for line in lines if line)
    if rest:
        yield rest


def _csv(text: Iterator[str]) -> tuple[list[str], Iterator[RawRow]]:
    csv.field_size_limit(MAX_FIELD)
    first = next(text, "").lstrip("\ufeff")
    if not first.strip():
        raise FileUnreadable("the file is empty: a CSV file starts with a header row")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    headers = [h.replace("\ufeff", "").strip() for h in next(csv.reader([first], delimiter=delimiter))]
    if not any(headers):
        raise FileUnreadable("the first line holds no column names")
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[RawRow]:
        line = 2
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield RawRow(line, {}, f"cannot be read as CSV: {exc}")
                line = reader.line_num + 2
                continue
            if any(cell.strip() for cell in cells):
                problem = None if len(cells) <= len(headers) else (
                    f"has {len(cells)} values but the header names {len(headers)} columns")
                yield RawRow(line, dict(zip(headers, cells, strict=False)), problem)
            line = reader.line_num + 2

    return headers, rows()


def _jsonl(text: Iterator[str]) -> tuple[list[str], Iterator[RawRow]]:
    lines = _numbered(text)
    first: RawRow | None = next(lines, None)
    headers = list(first.values) if first and not first.problem else []

    def rows() -> Iterator[RawRow]:
        if first is not None:
            yield first
        yield from lines

    return headers, rows()


def _numbered(text: Iterable[str]) -> Iterator[RawRow]:
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            yield RawRow(number, {}, f"is not valid JSON: {exc.args[0] if exc.args else exc}")
            continue
        if not isinstance(value, dict):
            yield RawRow(number, {}, "is not a JSON object")
            continue
        yield RawRow(number, value)
