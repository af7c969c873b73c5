"""Shared model pieces: strict input models, server-owned field refusal, money, UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

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


class InputModel(BaseModel):
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
