"""Export files: every record of a kind as one JSON object per line (its API form), or as CSV with one column per
import field, so that an exported file imports back with no mapping (``id`` finds each record)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from crm.domain.transfer.kinds import FileFormat, TransferKind

LIST_SEPARATOR = ";"


def _customer(record: dict[str, Any]) -> dict[str, Any]:
    contacts = record.get("contacts", [])
    emails = [c["value"] for c in contacts if c["type"] == "email"]
    mobiles = [c["value"] for c in contacts if c["type"] == "phone" and c["value"] != record.get("phone")]
    whatsapp = [c["value"] for c in contacts if c["type"] == "whatsapp"]
    location = record.get("location") or {}
    return {
        "id": record["id"], "name": record["name"], "organization": record.get("organization"),
        "email": record.get("email"), "emails": LIST_SEPARATOR.join(e for e in emails if e != record.get("email")),
        "phone": record.get("phone"), "mobile": mobiles[0] if mobiles else None,
        "whatsapp": whatsapp[0] if whatsapp else None, "city": location.get("city"),
        "region": location.get("region"), "country": location.get("country"), "language": record.get("language"),
        "tags": LIST_SEPARATOR.join(record.get("tags", [])), "status": record.get("status"),
        "source": record.get("source"), "owner_id": record.get("owner_id"),
        "lifetime_value": record.get("lifetime_value"), "created_at": record.get("created_at"),
        "updated_at": record.get("updated_at"), "last_activity_at": record.get("last_activity_at"),
    }


def _deal(record: dict[str, Any]) -> dict[str, Any]:
    fields = ("id", "customer_id", "title", "value", "currency", "pipeline_id", "stage", "status", "probability",
              "expected_close_date", "owner_id", "lost_reason", "notes", "created_at", "updated_at", "closed_at")
    return {f: record.get(f) for f in fields}


def _order(record: dict[str, Any]) -> dict[str, Any]:
    fields = ("id", "customer_id", "order_number", "total", "currency", "status", "owner_id", "notes",
              "created_at", "updated_at")
    address = record.get("shipping_address") or {}
    return {**{f: record.get(f) for f in fields}, **{f"shipping_{k}": address.get(k) for k in (
        "line1", "line2", "city", "postal_code", "region", "country")}}


def _activity(record: dict[str, Any]) -> dict[str, Any]:
    fields = ("id", "customer_id", "deal_id", "type", "subject", "description", "due_at", "status", "priority",
              "owner_id", "completed_at", "created_at", "updated_at")
    return {f: record.get(f) for f in fields}


ROW_OF: dict[TransferKind, Callable[[dict[str, Any]], dict[str, Any]]] = {
    TransferKind.CUSTOMERS: _customer, TransferKind.DEALS: _deal, TransferKind.ORDERS: _order,
    TransferKind.ACTIVITIES: _activity,
}


def csv_header(kind: TransferKind) -> list[str]:
    return list(ROW_OF[kind]({"id": "", "name": "", "contacts": []}).keys())


class ExportEncoder:
    """Turns records into the text of an export file, a few at a time (the header first, for CSV)."""

    def __init__(self, kind: TransferKind, file_format: FileFormat):
        self.kind = kind
        self.format = file_format

    def header(self) -> str:
        if self.format is FileFormat.JSONL:
            return ""
        return self._csv_line(csv_header(self.kind))

    def encode(self, records: list[BaseModel]) -> str:
        parts = []
        for record in records:
            data = json.loads(record.model_dump_json())
            if self.format is FileFormat.JSONL:
                parts.append(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                row = ROW_OF[self.kind](data)
                parts.append(self._csv_line(["" if v is None else str(v) for v in row.values()]))
        return "".join(parts)

    @staticmethod
    def _csv_line(cells: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(cells)
        return out.getvalue()
