"""The programme's figures: running totals per month for each partner, link and the whole programme (counters, and
money in minor units per currency, never added across currencies), turned into reports and a leaderboard."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from crm.domain.common import from_cents
from crm.domain.model import Model
from crm.domain.money import Currency
from crm.domain.partners.commissions import CommissionStatus
from crm.domain.partners.conversions import ConversionType, UnattributedReason

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
MAX_MONTHS = 24
MAX_LINKS_IN_REPORT = 50
COUNTERS = ("clicks", "unique_clicks", "bot_clicks", "installs", "signups", "purchases", "refunds", "conversions")
Month = Annotated[str, Field(pattern=MONTH_PATTERN, description="YYYY-MM")]
Totals = Mapping[str, Any]


class Figures(Model):
    clicks: int = Field(0, description="Clicks by people (bots not counted), repeats included")
    unique_clicks: int = Field(0, description="Clicks not repeating the same visitor's on the same link within 30 "
                                              "minutes")
    bot_clicks: int = Field(0, description="Clicks by known bots, crawlers and link previews: recorded, not counted")
    installs: int = 0
    signups: int = 0
    purchases: int = 0
    refunds: int = 0
    conversions: int = Field(0, description="Attributed installs, sign-ups and purchases")
    conversion_rate: Decimal | None = Field(None, description="conversions / unique clicks; null without clicks")
    revenue: dict[str, Decimal] = Field({}, description="Attributed purchases, per currency")
    refunded: dict[str, Decimal] = {}
    commissions: dict[CommissionStatus, dict[str, Decimal]] = Field({}, description="By status, per currency")


class MonthFigures(Figures):
    month: str


class LinkFigures(Figures):
    link_id: str
    code: str


class PartnerReport(Model):
    partner_id: str
    name: str
    from_month: str
    to_month: str
    clicks_counted_through: datetime | None = Field(description="Clicks up to this time are in the figures (they are "
                                                                "added up every minute)")
    total: Figures
    months: list[MonthFigures]
    links: list[LinkFigures]


class LinkReport(Model):
    link_id: str
    code: str
    partner_id: str
    from_month: str
    to_month: str
    clicks_counted_through: datetime | None
    total: Figures
    months: list[MonthFigures]


class ProgrammeMonth(MonthFigures):
    unattributed: dict[ConversionType, int] = Field({}, description="Events no click could be found for, by type")
    unattributed_reasons: dict[UnattributedReason, int] = {}


class ProgrammeReport(Model):
    from_month: str
    to_month: str
    clicks_counted_through: datetime | None
    total: Figures
    unattributed: dict[ConversionType, int]
    months: list[ProgrammeMonth]


class LeaderboardMetric(StrEnum):
    CONVERSIONS = "conversions"
    SIGNUPS = "signups"
    PURCHASES = "purchases"
    UNIQUE_CLICKS = "unique_clicks"
    CLICKS = "clicks"
    REVENUE = "revenue"


class LeaderboardRow(Model):
    rank: int
    partner_id: str
    name: str
    figures: Figures


class Leaderboard(Model):
    month: str
    metric: LeaderboardMetric
    currency: str | None
    rows: list[LeaderboardRow]


class ReportParams(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_month: Month | None = Field(None, alias="from", description="First month (default: five months before "
                                                                      "the last)")
    to_month: Month | None = Field(None, alias="to", description="Last month (default: this month)")

    @model_validator(mode="after")
    def _range(self) -> ReportParams:
        if self.from_month and self.to_month and self.from_month > self.to_month:
            raise ValueError("from is after to")
        if self.from_month and self.to_month and len(month_range(self.from_month, self.to_month)) > MAX_MONTHS:
            raise ValueError(f"a report covers at most {MAX_MONTHS} months")
        return self

    def months(self, today: date) -> list[str]:
        last = self.to_month or f"{today.year:04d}-{today.month:02d}"
        first = self.from_month or shift_month(last, -5)
        if first > last:
            raise ValueError("from is after to")
        return month_range(first, last)[-MAX_MONTHS:]


class LeaderboardParams(Model):
    model_config = ConfigDict(extra="forbid")

    month: Month | None = Field(None, description="Default: this month")
    metric: LeaderboardMetric = LeaderboardMetric.CONVERSIONS
    currency: Annotated[Currency, Field(description="With metric revenue: the currency ranked")] | None = None
    limit: Annotated[int, Field(ge=1, le=50)] = 10

    @model_validator(mode="after")
    def _currency(self) -> LeaderboardParams:
        if self.metric is LeaderboardMetric.REVENUE and self.currency is None:
            raise ValueError("ranking by revenue needs a currency: revenue is never added across currencies")
        return self


def shift_month(month: str, by: int) -> str:
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + number - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    months, current = [], first
    while current <= last:
        months.append(current)
        current = shift_month(current, 1)
    return months


def figures(totals: Totals | None) -> Figures:
    """The figures a running-totals document holds (None: nothing happened)."""
    data = dict(totals or {})
    counts = {name: int(data.get(name, 0)) for name in COUNTERS}
    conversions = counts["conversions"]
    commissions = {CommissionStatus(status): _money(by_currency)
                   for status, by_currency in sorted((data.get("commission_cents") or {}).items())
                   if status in CommissionStatus._value2member_map_ and by_currency}
    return Figures(**counts, conversion_rate=rate(conversions, counts["unique_clicks"]),
                   revenue=_money(data.get("revenue_cents")), refunded=_money(data.get("refunded_cents")),
                   commissions=commissions)


def add_totals(documents: Iterable[Totals | None]) -> dict[str, Any]:
    """Several totals documents added up: counters, and money per currency (and per status) separately."""
    counts: Counter[str] = Counter()
    money: dict[str, Counter[str]] = {"revenue_cents": Counter(), "refunded_cents": Counter()}
    commissions: dict[str, Counter[str]] = {}
    for document in documents:
        if not document:
            continue
        for name in COUNTERS:
            counts[name] += int(document.get(name, 0))
        for field in money:
            money[field].update({k: int(v) for k, v in (document.get(field) or {}).items()})
        for status, by_currency in (document.get("commission_cents") or {}).items():
            commissions.setdefault(status, Counter()).update({k: int(v) for k, v in by_currency.items()})
    return {**counts, **{k: dict(v) for k, v in money.items()},
            "commission_cents": {k: dict(v) for k, v in commissions.items()}}


def rate(conversions: int, unique_clicks: int) -> Decimal | None:
    if unique_clicks <= 0:
        return None
    return (Decimal(conversions) / Decimal(unique_clicks)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _money(by_currency: Mapping[str, Any] | None) -> dict[str, Decimal]:
    return {currency: from_cents(int(cents)) for currency, cents in sorted((by_currency or {}).items())
            if int(cents) != 0}


def metric_field(metric: LeaderboardMetric, currency: str | None) -> str:
    """The totals field a leaderboard orders by."""
    if metric is LeaderboardMetric.REVENUE:
        return f"revenue_cents.{currency}"
    return metric.value
