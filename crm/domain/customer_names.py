"""Customers' names by id, for screens that hold only ids (a page of activities or orders): one request a page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from crm.domain.common import DocumentId
from crm.domain.model import Model

MAX_NAMES = 100


def _split(value: object) -> object:
    return list(dict.fromkeys(p.strip() for p in value.split(",") if p.strip())) if isinstance(value, str) else value


class CustomerNamesParams(Model):
    """Query parameters of GET /customer-names."""

    model_config = ConfigDict(extra="forbid")

    ids: Annotated[list[DocumentId], BeforeValidator(_split),
                   WithJsonSchema({"type": "string", "description": f"Comma-separated customer ids (1-{MAX_NAMES})"}),
                   Field(min_length=1, max_length=MAX_NAMES,
                         description=f"The customers whose names are wanted, comma-separated, 1-{MAX_NAMES}")]


@dataclass(frozen=True)
class NamedCustomer:
    """What the store gives for a name: the name, and the owner who decides whether the caller may see it."""

    id: str
    name: str
    owner_id: str | None


class CustomerName(Model):
    id: str
    name: str


class CustomerNames(Model):
    """The names of the asked customers that exist, are not deleted and are the caller's to see, in the order asked;
    any other id is left out."""

    results: list[CustomerName]
