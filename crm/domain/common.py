"""Shared model pieces: strict input models, server-owned field refusal, money, UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, ClassVar

from pydantic import ConfigDict, Field, StringConstraints, ValidationInfo, computed_field, field_validator

from crm.domain.model import Model
from crm.errors import PreconditionFailedError

CENTS = Decimal("0.01")

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
DOCUMENT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$"
DocumentId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=128, pattern=DOCUMENT_ID_PATTERN),
    Field(description="The id of a record: letters, digits, _ and -, starting with a letter or digit"),
]


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_cents(amount: Decimal) -> int:
    return int(amount.quantize(CENTS, rounding=ROUND_HALF_UP) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENTS)


class InputModel(Model):
    """A request body: unknown fields are refused; ``server_owned_fields`` names those only the server writes."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    server_owned_fields: ClassVar[frozenset[str]] = frozenset()


def refuse_null(*fields: str) -> Any:
    """A validator refusing an explicit null for ``fields``, reported on the field itself.

    Use in a class body: ``_not_null = refuse_null("name", "status")``.
    """

    def check(cls: type, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            raise ValueError(f"{info.field_name} cannot be null; leave the field out instead")
        return value

    return field_validator(*fields)(classmethod(check))


class Versioned(Model):
    """A stored record whose version changes with every write (each write sets updated_at)."""

    updated_at: datetime

    @computed_field(description="Changes with every write; send it back in If-Match to update only this version")
    @property
    def version(self) -> str:
        return str(int(self.updated_at.timestamp() * 1_000_000))


def require_version(record: Versioned, expected: str | None, what: str) -> None:
    """Refuse to change ``record`` unless it is still at the version the caller read.

    Raises:
        PreconditionFailedError: the record's version is not ``expected``.
    """
    if expected is not None and expected != record.version:
        raise PreconditionFailedError(
            f"the {what} changed since version {expected} (it is at {record.version}): read it again and retry",
            [{"field": "If-Match", "expected": expected, "current": record.version}],
        )
