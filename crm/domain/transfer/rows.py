"""Import rows: a row's mapped values made into the API's request body for its kind, the keys that find the record
it updates, and the errors it is reported with (by line and field).

Where a record's key lives: an email finds a customer through the email claims (crm.domain.claims); every other
key, the record's id in the system the file came from (``external_id``, per ``source``), lives in the
``external_ids`` collection: one document per (kind, source, value) naming the record, created in the transaction
that imports the record. A row with neither is keyed by its content, so importing the same file again finds the
records it made and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from crm.domain.transfer.kinds import TransferKind
from crm.domain.transfer.mapping import ColumnMapping
from crm.domain.transfer.targets import LIST_TARGETS

MAX_MESSAGE = 300


@dataclass(frozen=True)
class RowError:
    """What is wrong with a row: ``line`` is the file's line number (a CSV's header is line 1), ``field`` the
    import field (or the API field) at fault, ``column`` the file's column that filled it, if one did."""

    line: int
    field: str | None
    message: str
    column: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "column": self.column, "message": self.message}


class RowInvalid(Exception):
    """A row that cannot become a record: every error it has."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class ExternalKey:
    """A record's id in another system: (kind, source, value)."""

    kind: str
    source: str
    value: str


@dataclass
class PreparedRow:
    """A row ready to import: the API body for its kind, the keys that may find its record already here, and the
    references it makes to other records."""

    line: int
    body: dict[str, Any]
    key: ExternalKey
    record_id: str | None = None
    emails: list[str] = field(default_factory=list)
    customer_ref: dict[str, str] = field(default_factory=dict)
    deal_ref: dict[str, str] = field(default_factory=dict)
    status: str | None = None
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def stored_key(self) -> bool:
        """Whether the row's key is kept (in ``external_ids``): an external id always; a content key only when
        nothing else (an email, an id) finds the record again."""
        return not self.key.source.endswith(":content") or not (self.emails or self.record_id)

    def touches(self) -> set[tuple[str, str]]:
        """What this row may write besides its own record's key: two rows that share any of these go in separate
        transactions (a transaction reads each record once, before any write)."""
        keys = {("key", f"{self.key.source}|{self.key.value}")}
        keys |= {("email", e.casefold()) for e in self.emails}
        keys |= {("customer", f"{k}|{v}") for k, v in self.customer_ref.items()}
        if self.record_id:
            keys.add(("id", self.record_id))
        return keys


def split_list(value: Any, separator: str) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(separator) if part.strip()]


def content_key(kind: TransferKind, values: dict[str, Any]) -> str:
    """A row's key when it names no id: the hash of its values."""
    encoded = json.dumps({k: v for k, v in sorted(values.items())}, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(f"{kind.value}|{encoded}".encode()).hexdigest()[:40]


def prepare_row(kind: TransferKind, line: int, values: dict[str, Any], mapping: ColumnMapping,
                columns: dict[str, list[str]]) -> PreparedRow:
    """The body and keys of one row of ``kind`` from its mapped ``values``.

    Raises:
        RowInvalid: a value that cannot be read (a number, a date), a missing name.
    """
    values = {k: split_list(v, mapping.list_separator) if k in LIST_TARGETS else v for k, v in values.items()}
    builder = _BUILDERS[kind]
    row = PreparedRow(line=line, body={}, key=ExternalKey(kind.value, mapping.source, ""))
    errors: list[RowError] = []
    builder(values, row, errors)
    if errors:
        raise RowInvalid([_with_column(e, columns) for e in errors])
    external = values.get("external_id")
    value = str(external).strip() if external not in (None, "") else None
    source = mapping.source if value else f"{mapping.source}:content"
    row.key = ExternalKey(kind.value, source, value or content_key(kind, values))
    row.record_id = str(values["id"]).strip() if values.get("id") else None
    return row


def validation_errors(line: int, exc: ValidationError | Exception, row: PreparedRow,
                      columns: dict[str, list[str]]) -> list[RowError]:
    """A body's validation failure as row errors, each on the import field whose value caused it."""
    if not isinstance(exc, ValidationError):
        details = getattr(exc, "details", None) or [{"field": None, "message": str(exc)}]
        return [_with_column(RowError(line, _origin(row, d.get("field")), _short(d.get("message", str(exc)))),
                             columns) for d in details]
    errors = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        errors.append(_with_column(RowError(line, _origin(row, path), _short(message)), columns))
    return errors


def _origin(row: PreparedRow, path: str | None) -> str | None:
    if not path:
        return None
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        found = row.origins.get(".".join(parts[:n]))
        if found:
            return found
    return parts[0]


def _with_column(error: RowError, columns: dict[str, list[str]]) -> RowError:
    found = columns.get(error.field or "")
    return RowError(error.line, error.field, error.message, found[0] if found else None)


def _short(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


# ---------------------------------------------------------------- per kind


def _set(row: PreparedRow, values: dict[str, Any], target: str, body_field: str | None = None) -> None:
    if target in values:
        path = body_field or target
        row.body[path] = values[target]
        row.origins[path] = target


def _customer(values: dict[str, Any], row: PreparedRow, errors: list[RowError]) -> None:
    name = values.get("name") or " ".join(str(values[k]) for k in ("first_name", "last_name") if values.get(k))
    if not name:
        name = values.get("organization")
    if not name:
        errors.append(RowError(row.line, "name", "a name is needed (name, or first_name and last_name)"))
        return
    row.body["name"] = name
    row.origins["name"] = "name" if values.get("name") else "first_name" if values.get("first_name") else \
        "organization"
    for target in ("organization", "language", "tags", "status", "source", "owner_id", "nextcloud_folder"):
        _set(row, values, target)
    contacts: list[dict[str, Any]] = []
    emails = ([values["email"]] if values.get("email") else []) + list(values.get("emails", []))
    for kind, items, target in (("email", emails, "email"), ("phone", [values.get("phone")], "phone"),
                                ("phone", [values.get("mobile")], "mobile"),
                                ("whatsapp", [values.get("whatsapp")], "whatsapp")):
        for item in items:
            if item:
                primary = not any(c["type"] == kind and c["primary"] for c in contacts)
                row.origins[f"contacts.{len(contacts)}"] = target if target != "email" or item == values.get(
                    "email") else "emails"
                contacts.append({"type": kind, "value": str(item), "primary": primary,
                                 **({"label": "mobile"} if target == "mobile" else {})})
    if contacts:
        row.body["contacts"] = contacts
    row.emails = [str(e).strip().lower() for e in emails]
    location = {k: values[k] for k in ("city", "region", "country") if values.get(k)}
    if location:
        row.body["location"] = location
        row.origins.update({f"location.{k}": k for k in location})
    if values.get("note"):
        row.body["notes"] = [{"text": values["note"]}]
        row.origins["notes"] = "note"


def _references(values: dict[str, Any], row: PreparedRow, errors: list[RowError], required: bool) -> None:
    row.customer_ref = {k: str(values[k]) for k in ("customer_id", "customer_external_id", "customer_email",
                                                    "customer_name") if values.get(k)}
    if required and not row.customer_ref and not values.get("deal_id") and not values.get("deal_external_id"):
        errors.append(RowError(row.line, "customer_id", "name the customer: customer_id, customer_external_id, "
                                                        "customer_email or customer_name"))


def _deal(values: dict[str, Any], row: PreparedRow, errors: list[RowError]) -> None:
    _references(values, row, errors, required=True)
    for target in ("title", "currency", "pipeline_id", "stage", "owner_id", "notes", "lost_reason"):
        _set(row, values, target)
    _number(values, row, errors, "value")
    if "probability" in values:
        try:
            row.body["probability"] = int(Decimal(str(values["probability"]).rstrip("%")))
            row.origins["probability"] = "probability"
        except (InvalidOperation, ValueError):
            errors.append(RowError(row.line, "probability", f"not a number: {values['probability']!r}"))
    if values.get("expected_close_date"):
        row.body["expected_close_date"] = str(values["expected_close_date"])[:10]
        row.origins["expected_close_date"] = "expected_close_date"
    row.status = str(values["status"]).strip().lower() if values.get("status") else None
    if row.status not in (None, "open", "won", "lost"):
        errors.append(RowError(row.line, "status", f"a deal's status is open, won or lost, not {row.status!r}"))


def _order(values: dict[str, Any], row: PreparedRow, errors: list[RowError]) -> None:
    _references(values, row, errors, required=True)
    for target in ("order_number", "currency", "notes", "owner_id"):
        _set(row, values, target)
    _number(values, row, errors, "total")
    address = {k.removeprefix("shipping_"): values[k] for k in values if k.startswith("shipping_")}
    if address:
        row.body["shipping_address"] = address
        row.origins.update({f"shipping_address.{k}": f"shipping_{k}" for k in address})
    row.status = str(values["status"]).strip().lower() if values.get("status") else None


def _activity(values: dict[str, Any], row: PreparedRow, errors: list[RowError]) -> None:
    _references(values, row, errors, required=True)
    row.deal_ref = {k: str(values[k]) for k in ("deal_id", "deal_external_id") if values.get(k)}
    for target in ("type", "subject", "description", "due_at", "status", "priority", "owner_id"):
        _set(row, values, target)
    if isinstance(row.body.get("type"), str):
        row.body["type"] = row.body["type"].strip().lower()


def _person(values: dict[str, Any], row: PreparedRow, errors: list[RowError]) -> None:
    errors.append(RowError(row.line, None, "people cannot be imported yet"))


def _number(values: dict[str, Any], row: PreparedRow, errors: list[RowError], target: str) -> None:
    if target not in values:
        return
    raw = str(values[target]).replace(" ", "").replace("\u00a0", "")
    if "," in raw and raw.rfind(",") > raw.rfind("."):  # 12,5 and 1.234,56: the comma is the decimal mark
        raw = raw.replace(".", "").replace(",", ".")
    raw = raw.replace(",", "")
    try:
        row.body[target] = str(Decimal(raw))
        row.origins[target] = target
    except InvalidOperation:
        errors.append(RowError(row.line, target, f"not a number: {values[target]!r}"))


_BUILDERS = {TransferKind.CUSTOMERS: _customer, TransferKind.DEALS: _deal, TransferKind.ORDERS: _order,
             TransferKind.ACTIVITIES: _activity, TransferKind.PEOPLE: _person}
