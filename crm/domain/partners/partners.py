"""Partners: the resellers, referrers and influencers of the programme, each with an optional affiliate user (their
uid), a commission plan and the currency they are paid in."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from crm.domain.common import DocumentId, InputModel, ShortText, Versioned, refuse_null
from crm.domain.contacts import ContactValueError, normalize_email
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.money import Currency
from crm.domain.paging import ListPage

PartnerName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Uid = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128),
                Field(description="The Firebase uid of the partner's affiliate user: they sign in and see only this "
                                  "partner's links, clicks, conversions and wallet")]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
SERVER_OWNED = frozenset({"id", "created_at", "updated_at", "created_by"})


class PartnerStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


class PartnerFields(InputModel):
    server_owned_fields = SERVER_OWNED

    name: PartnerName | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    company: ShortText | None = None
    uid: Uid | None = None
    plan_id: DocumentId | None = None
    currency: Currency | None = None
    status: PartnerStatus | None = None
    owner_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128),
                        Field(description="Who manages the partner; the leads they bring are theirs")] | None = None
    notes: Notes | None = None

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str | None) -> str | None:
        try:
            return None if value is None else normalize_email(value)
        except ContactValueError as exc:
            raise ValueError(str(exc)) from None


class PartnerCreate(PartnerFields):
    name: PartnerName


class PartnerUpdate(PartnerFields):
    """A partial update (PUT and PATCH alike); ``status: archived`` retires a partner (its links stop redirecting and
    its conversions earn nothing), ``active`` brings it back."""

    _not_null = refuse_null("name", "currency", "status", "owner_id")


class Partner(Versioned):
    id: str
    name: str
    email: str | None = None
    company: str | None = None
    uid: str | None = None
    plan_id: str | None = None
    currency: str
    status: PartnerStatus = PartnerStatus.ACTIVE
    owner_id: str
    notes: str | None = None
    created_at: datetime
    created_by: str
    updated_at: datetime

    @property
    def active(self) -> bool:
        return self.status is PartnerStatus.ACTIVE


class PartnersPage(ListPage[Partner]):
    """One page of partners."""


class PartnerListParams(Model):
    model_config = ConfigDict(extra="forbid")

    status: PartnerStatus | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None


def new_partner(data: PartnerCreate, *, partner_id: str, currency: str, by: str, now: datetime) -> Partner:
    fields = data.model_dump(exclude={"currency", "owner_id", "status"}, exclude_none=True)
    return Partner(**fields, id=partner_id, currency=data.currency or currency, owner_id=data.owner_id or by,
                   status=data.status or PartnerStatus.ACTIVE, created_at=now, created_by=by, updated_at=now)


def apply_update(partner: Partner, data: PartnerUpdate, *, now: datetime) -> Partner:
    changes: dict[str, Any] = {name: getattr(data, name) for name in data.model_fields_set}
    return partner.model_copy(update={**changes, "updated_at": now})
