"""The tag registry: one entry per tag name, with a colour and description, and how many active customers and deals
carry it (running counts kept in the transaction of each record change). A tag used on a record is in the registry
from its first use, with the default colour."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from crm.domain.common import InputModel, refuse_null
from crm.domain.customers import TAG_LENGTH
from crm.domain.model import Model
from crm.domain.paging import ListPage
from crm.domain.pipelines import Color

DEFAULT_COLOR = "#9e9e9e"
TagName = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=TAG_LENGTH),
                    Field(description="As records carry it: trimmed and lower-cased")]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
SERVER_OWNED = frozenset({"id", "customer_count", "deal_count", "created_at", "updated_at"})


def tag_id(name: str) -> str:
    """A tag's registry id: derived from its name, so any record's tag finds its entry without a query."""
    return "t" + hashlib.sha256(name.encode()).hexdigest()[:24]


class TagCreate(InputModel):
    server_owned_fields = SERVER_OWNED

    name: TagName
    color: Color = DEFAULT_COLOR
    description: Description | None = None


class TagUpdate(InputModel):
    """Colour and description; a new name goes through POST /tags/{id}/rename, which retags every record."""

    server_owned_fields = SERVER_OWNED | {"name"}

    color: Color | None = None
    description: Description | None = None

    _not_null = refuse_null("color")


class Tag(Model):
    """A tag as the registry serves it. Counts are null for a rep (company-wide figures are not theirs)."""

    id: str
    name: str
    color: str = DEFAULT_COLOR
    description: str | None = None
    customer_count: int | None = Field(None, description="Active customers carrying the tag")
    deal_count: int | None = Field(None, description="Deals carrying the tag")
    renaming: str | None = Field(None, description="The running rename or merge job that is moving the tag away")
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def in_use(self) -> bool:
        return bool(self.customer_count or self.deal_count)


class TagsPage(ListPage[Tag]):
    """One page of the registry, by name."""


class TagListParams(Model):
    model_config = ConfigDict(extra="forbid")

    prefix: Annotated[str, Field(max_length=TAG_LENGTH, description="Tags whose name starts with this")] | None = None
    page_size: Annotated[int, Field(ge=1, le=100)] = 100
    cursor: Annotated[str, Field(max_length=2000)] | None = None

    @model_validator(mode="after")
    def _check(self) -> TagListParams:
        if self.prefix is not None:
            self.prefix = self.prefix.strip().lower() or None
        return self


def new_tag(data: TagCreate, *, now: datetime) -> Tag:
    return Tag(id=tag_id(data.name), name=data.name, color=data.color, description=data.description,
               customer_count=0, deal_count=0, created_at=now, updated_at=now)


def apply_update(tag: Tag, data: TagUpdate, *, now: datetime) -> Tag:
    changes: dict[str, Any] = {name: getattr(data, name) for name in data.model_fields_set}
    return tag.model_copy(update={**changes, "updated_at": now})


def retag(tags: list[str], old: str, new: str) -> list[str]:
    """``tags`` with ``old`` replaced by ``new`` in its place (once, if the record already had ``new``)."""
    return list(dict.fromkeys(new if tag == old else tag for tag in tags))
