"""The kinds of records that move in and out, and the file formats they move in."""

from __future__ import annotations

from enum import StrEnum


class TransferKind(StrEnum):
    CUSTOMERS = "customers"
    PEOPLE = "people"
    DEALS = "deals"
    ORDERS = "orders"
    ACTIVITIES = "activities"


class FileFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"

    @classmethod
    def of_name(cls, file_name: str) -> FileFormat:
        """The format a file's name says: ``.jsonl``/``.ndjson`` are JSON Lines, anything else CSV."""
        return cls.JSONL if file_name.lower().endswith((".jsonl", ".ndjson")) else cls.CSV
