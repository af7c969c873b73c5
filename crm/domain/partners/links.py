"""Tracked links: a partner's short code (``/r/{code}``, unique case-insensitively, chosen or generated), where it
sends visitors, and the campaign and UTM fields added to the destination."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, computed_field

from crm.domain.common import DocumentId, InputModel, Versioned, refuse_null
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.paging import ListPage
from crm.domain.partners.codes import CODE_PATTERN

REDIRECT_PREFIX = "/r/"

LinkCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=CODE_PATTERN),
                     Field(description="3-32 letters, digits, _ and -; unique (case-insensitive); generated if left "
                                       "out")]
Destination = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
                        Field(description="An http(s) URL on one of the allowed hosts of the programme settings")]
UtmValue = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
SERVER_OWNED = frozenset({"id", "created_at", "updated_at", "created_by", "path"})


class LinkFields(InputModel):
    server_owned_fields = SERVER_OWNED

    code: LinkCode | None = None
    destination: Destination | None = None
    campaign: UtmValue | None = None
    utm_source: UtmValue | None = None
    utm_medium: UtmValue | None = None
    utm_campaign: UtmValue | None = None
    utm_term: UtmValue | None = None
    utm_content: UtmValue | None = None
    active: Annotated[bool, Field(description="An inactive link answers 404 and records nothing")] | None = None


class PartnerLinkCreate(LinkFields):
    partner_id: DocumentId
    destination: Destination


class PartnerLinkUpdate(LinkFields):
    """A partial update; a new code takes effect at once for new visitors (within a minute on instances that have
    the old one cached)."""

    server_owned_fields = SERVER_OWNED | {"partner_id"}

    _not_null = refuse_null("code", "destination", "active")


class PartnerLink(Versioned):
    id: str
    partner_id: str
    code: str
    destination: str
    campaign: str | None = None
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    utm_term: str | None = None
    utm_content: str | None = None
    active: bool = True
    created_at: datetime
    created_by: str
    updated_at: datetime

    @computed_field(description="The link's path on the console's origin, e.g. https://crm.example.com/r/abc")
    @property
    def path(self) -> str:
        return f"{REDIRECT_PREFIX}{self.code}"

    @property
    def owner_id(self) -> None:
        """A link has no owner of its own: a conflict over its code names it to managers and admins only."""
        return None

    def utm_parameters(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in UTM_FIELDS}


class PartnerLinksPage(ListPage[PartnerLink]):
    """One page of tracked links."""


class LinkListParams(Model):
    model_config = ConfigDict(extra="forbid")

    partner_id: DocumentId | None = None
    active: bool | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None


def new_link(data: PartnerLinkCreate, *, link_id: str, destination: str, code: str, by: str,
             now: datetime) -> PartnerLink:
    fields = data.model_dump(exclude={"code", "destination", "active"}, exclude_none=True)
    return PartnerLink(**fields, id=link_id, code=code, destination=destination,
                       active=True if data.active is None else data.active, created_at=now, created_by=by,
                       updated_at=now)


def apply_update(link: PartnerLink, data: PartnerLinkUpdate, *, destination: str | None,
                 now: datetime) -> PartnerLink:
    changes: dict[str, Any] = {name: getattr(data, name) for name in data.model_fields_set}
    if destination is not None:
        changes["destination"] = destination
    return link.model_copy(update={**changes, "updated_at": now})
