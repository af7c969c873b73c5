"""Conversion events (installs, sign-ups, purchases and refunds posted by a source), the conversion kept for each,
and the attribution rule: the last click within the attribution window, found by the event's click id or by the
email or phone it carries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from crm.domain.common import DocumentId, utc_now
from crm.domain.contacts import checked_email, checked_phone
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.money import Amount, Currency
from crm.domain.paging import ListPage

EventId = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$"),
                    Field(description="The source's id of the event: the same id again is the same event")]
CLOCK_SKEW = timedelta(minutes=5)


class ConversionType(StrEnum):
    INSTALL = "install"
    SIGNUP = "signup"
    PURCHASE = "purchase"
    REFUND = "refund"


class UnattributedReason(StrEnum):
    NO_REFERENCE = "no_reference"
    UNKNOWN_CLICK = "unknown_click"
    UNKNOWN_CONTACT = "unknown_contact"
    BOT_CLICK = "bot_click"
    OUTSIDE_WINDOW = "outside_window"
    CLICK_AFTER_EVENT = "click_after_event"
    PARTNER_ARCHIVED = "partner_archived"
    PURCHASE_NOT_FOUND = "purchase_not_found"


class ConversionEvent(Model):
    """The body a source posts to /hooks/conversions/{source}."""

    model_config = ConfigDict(extra="forbid")

    event_id: EventId
    type: ConversionType
    occurred_at: Annotated[datetime, Field(description="When it happened, with a time zone; default: on receipt")] | \
        None = None
    click_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=64)] | None = None
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None
    amount: Annotated[Amount, Field(description="A purchase's amount")] | None = None
    currency: Currency | None = None
    refunds_event_id: Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$"),
                                Field(description="A refund: the event id of the purchase it refunds")] | None = None

    _email = field_validator("email")(checked_email)
    _phone = field_validator("phone")(checked_phone)

    @field_validator("occurred_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("give the time with its time zone (e.g. 2026-01-31T10:00:00Z)")
        if value > utc_now() + CLOCK_SKEW:
            raise ValueError("the event cannot have happened in the future")
        return value

    @model_validator(mode="after")
    def _by_type(self) -> ConversionEvent:
        if self.type is ConversionType.PURCHASE and (self.amount is None or self.currency is None):
            raise ValueError("a purchase needs its amount and currency")
        if self.type is ConversionType.REFUND and self.refunds_event_id is None:
            raise ValueError("a refund names the purchase it refunds in refunds_event_id")
        if self.type is not ConversionType.REFUND and self.refunds_event_id is not None:
            raise ValueError("refunds_event_id belongs to refunds only")
        if self.type in (ConversionType.INSTALL, ConversionType.SIGNUP) and self.amount is not None:
            raise ValueError(f"an {self.type.value} event has no amount")
        return self

    def identifiers(self) -> list[str]:
        """The contact values that identify the person, as ``kind:value`` (already normalized)."""
        found = [f"email:{self.email}"] if self.email else []
        return found + ([f"phone:{self.phone}"] if self.phone else [])


class Conversion(Model):
    """A received event as kept: attributed to a partner's click, or not (and why)."""

    id: str
    source_id: str
    event_id: str
    type: ConversionType
    occurred_at: datetime
    received_at: datetime
    attributed: bool
    unattributed_reason: UnattributedReason | None = None
    click_id: str | None = None
    link_id: str | None = None
    partner_id: str | None = None
    customer_id: str | None = Field(None, description="The lead or customer it created or updated; hidden from "
                                                      "affiliates")
    owner_id: str | None = Field(None, description="Who owns that customer; hidden from affiliates")
    contact_hint: str | None = Field(None, description="The email or phone, partly masked")
    amount: Decimal | None = None
    currency: str | None = None
    commission_id: str | None = None
    refunds_conversion_id: str | None = None
    refunded_at: datetime | None = None

    @property
    def month(self) -> str:
        return month_of(self.occurred_at)


class ConversionsPage(ListPage[Conversion]):
    """One page of conversions, newest first."""


class ConversionListParams(Model):
    model_config = ConfigDict(extra="forbid")

    partner_id: DocumentId | None = None
    attributed: bool | None = None
    type: ConversionType | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None


@dataclass(frozen=True)
class ClickRef:
    """What attribution needs of a click."""

    click_id: str
    link_id: str
    partner_id: str
    at: datetime
    bot: bool = False


@dataclass(frozen=True)
class Attribution:
    click: ClickRef | None
    reason: UnattributedReason | None = None


def last_click(candidates: list[ClickRef], occurred_at: datetime, window_days: int) -> Attribution:
    """The last click within the window before the event: clicks made by bots do not count, a click up to a few
    minutes after the event does (clocks differ), one older than ``window_days`` does not."""
    if not candidates:
        return Attribution(None, UnattributedReason.UNKNOWN_CONTACT)
    humans = [click for click in candidates if not click.bot]
    if not humans:
        return Attribution(None, UnattributedReason.BOT_CLICK)
    before = [click for click in humans if click.at <= occurred_at + CLOCK_SKEW]
    if not before:
        return Attribution(None, UnattributedReason.CLICK_AFTER_EVENT)
    latest = max(before, key=lambda click: click.at)
    if occurred_at - latest.at > timedelta(days=window_days):
        return Attribution(None, UnattributedReason.OUTSIDE_WINDOW)
    return Attribution(latest)


def conversion_id(source_id: str, event_id: str) -> str:
    """The one id an event of a source gets, however often it is posted."""
    return hashlib.sha256(f"{source_id}\n{event_id}".encode()).hexdigest()[:32]


def identifier_key(identifier: str) -> str:
    return hashlib.sha256(identifier.encode()).hexdigest()


def month_of(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def contact_hint(email: str | None, phone: str | None) -> str | None:
    """An email or phone partly masked: enough to recognise it, not to contact anyone."""
    if email:
        local, _, domain = email.partition("@")
        return f"{local[:2]}***@{domain}"
    if phone:
        return f"{phone[:3]}*****{phone[-3:]}"
    return None
