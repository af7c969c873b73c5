"""What each event adds to the running totals: counters and money in minor units, as dotted field paths that the
store increments on the month's documents of the partner, the link and the whole programme."""

from __future__ import annotations

from dataclasses import dataclass, field

from crm.domain.partners.clicks import ClickKind
from crm.domain.partners.commissions import CommissionStatus
from crm.domain.partners.conversions import ConversionType, UnattributedReason

Counters = dict[str, int]


@dataclass(frozen=True)
class TotalsChange:
    """Increments to one month's totals: of ``partner_id`` and ``link_id`` when given, and always of the programme
    (which alone counts ``programme_only``, e.g. the events no partner is known for)."""

    month: str
    partner_id: str | None
    link_id: str | None
    counters: Counters
    programme_only: Counters = field(default_factory=dict)


def click_counters(kind: ClickKind) -> Counters:
    if kind is ClickKind.BOT:
        return {"bot_clicks": 1}
    return {"clicks": 1, "unique_clicks": 1} if kind is ClickKind.UNIQUE else {"clicks": 1}


def conversion_counters(kind: ConversionType, currency: str | None, cents: int) -> Counters:
    name = {ConversionType.INSTALL: "installs", ConversionType.SIGNUP: "signups",
            ConversionType.PURCHASE: "purchases", ConversionType.REFUND: "refunds"}[kind]
    counters = {name: 1}
    if kind is not ConversionType.REFUND:
        counters["conversions"] = 1
    if currency and cents:
        money = "refunded_cents" if kind is ConversionType.REFUND else "revenue_cents"
        counters[f"{money}.{currency}"] = cents
    return counters


def unattributed_counters(kind: ConversionType, reason: UnattributedReason) -> Counters:
    return {f"unattributed.{kind.value}": 1, f"unattributed_reasons.{reason.value}": 1}


def commission_counters(currency: str, cents: int, to: CommissionStatus,
                        moved_from: CommissionStatus | None = None) -> Counters:
    """A commission of ``cents`` entering status ``to`` (and leaving ``moved_from``)."""
    counters = {f"commission_cents.{to.value}.{currency}": cents}
    if moved_from is not None:
        counters[f"commission_cents.{moved_from.value}.{currency}"] = -cents
    return counters
