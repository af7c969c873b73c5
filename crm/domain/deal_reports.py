"""Deal reports: what the pipeline, kanban, forecast, stage-time and dashboard endpoints answer, and the pure rules
that turn per-currency tallies into money that is never added across currencies without a rate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints

from crm.domain.common import DocumentId, from_cents
from crm.domain.deals import DealStatus
from crm.domain.model import Model
from crm.domain.money import CurrencyRates
from crm.domain.pipelines import Stage, StageKind
from crm.errors import InvalidArgumentError

Month = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
Id = Annotated[str, Field(min_length=1, max_length=128)]
DEFAULT_FORECAST_MONTHS = 6
MAX_FORECAST_MONTHS = 24
SECONDS_PER_DAY = 86400


# ---------------------------------------------------------------- what to count


@dataclass(frozen=True)
class DealSlice:
    """Deals equal to every field given; several months match any of them; ``undated``: no expected close date."""

    pipeline_id: str | None = None
    stage: str | None = None
    status: DealStatus | None = None
    owner_id: str | None = None
    unassigned: bool = False
    undated: bool = False
    expected_close_months: tuple[str, ...] = ()
    closed_months: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tally:
    """Deals of one slice in one currency: how many, their value and their expected revenue, in minor units."""

    count: int = 0
    value_cents: int = 0
    weighted_cents: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.count + other.count, self.value_cents + other.value_cents,
                     self.weighted_cents + other.weighted_cents)

    def __neg__(self) -> Tally:
        return Tally(-self.count, -self.value_cents, -self.weighted_cents)

    def __sub__(self, other: Tally) -> Tally:
        return self + -other


Bucket = dict[str, Tally]  # currency -> tally


def combine(buckets: Iterable[Bucket]) -> Bucket:
    total: Bucket = {}
    for bucket in buckets:
        for currency, tally in bucket.items():
            total[currency] = total.get(currency, Tally()) + tally
    return total


def deal_count(bucket: Bucket) -> int:
    return sum(t.count for t in bucket.values())


# ---------------------------------------------------------------- money


class MoneyTotals(Model):
    """Money held in several currencies: each currency's own total, never added to another's, and all of them
    converted into the base currency at the configured rates and added."""

    base: str = Field(description="The base currency that `total` is in")
    total: Decimal = Field(description="Every currency's total converted into the base currency (each currency's "
                                       "sum converted once, rounded to the cent) and added; currencies without a "
                                       "rate are left out and listed in the report's unconverted_currencies")
    by_currency: dict[str, Decimal] = Field(description="Each currency that has deals here, with its own total")


class MoneyConverter:
    """Builds MoneyTotals with one set of rates, remembering the currencies it could not convert."""

    def __init__(self, rates: CurrencyRates):
        self.rates = rates
        self.unconverted: set[str] = set()

    def totals(self, bucket: Bucket, field: str) -> MoneyTotals:
        by_currency = {c: getattr(t, field) for c, t in sorted(bucket.items()) if t.count}
        total = 0
        for currency, cents in by_currency.items():
            if self.rates.covers(currency):
                total += self.rates.to_base_cents(cents, currency)
            elif cents:
                self.unconverted.add(currency)
        return MoneyTotals(base=self.rates.base, total=from_cents(total),
                           by_currency={c: from_cents(cents) for c, cents in by_currency.items()})

    def value(self, bucket: Bucket) -> MoneyTotals:
        return self.totals(bucket, "value_cents")

    def weighted(self, bucket: Bucket) -> MoneyTotals:
        return self.totals(bucket, "weighted_cents")


UNCONVERTED = Field(description="Currencies with no exchange rate into the base currency: their amounts appear in "
                                "by_currency but are left out of every base total")


# ---------------------------------------------------------------- query parameters


class PipelineReportParams(Model):
    model_config = ConfigDict(extra="forbid")

    pipeline_id: DocumentId | None = Field(None, description="The pipeline; the default pipeline when left out")


class ForecastParams(PipelineReportParams):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_month: Month | None = Field(None, alias="from", description="First month of expected close, YYYY-MM; "
                                                                      "default this month")
    to_month: Month | None = Field(None, alias="to", description="Last month, YYYY-MM, inclusive; default five "
                                                                  f"months after `from`; at most {MAX_FORECAST_MONTHS}"
                                                                  " months in all")

    def months(self, today: date) -> list[str]:
        """The months of the range, resolving the defaults against ``today``.

        Raises:
            InvalidArgumentError: the range runs backwards or spans more than MAX_FORECAST_MONTHS months.
        """
        first = self.from_month or today.strftime("%Y-%m")
        last = self.to_month or add_months(first, DEFAULT_FORECAST_MONTHS - 1)
        span = month_index(last) - month_index(first) + 1
        if span < 1:
            raise _bad_range("to", f"to ({last}) is before from ({first})")
        if span > MAX_FORECAST_MONTHS:
            raise _bad_range("to", f"the range spans {span} months; at most {MAX_FORECAST_MONTHS} are allowed")
        return [add_months(first, n) for n in range(span)]


def month_index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def add_months(month: str, n: int) -> str:
    index = month_index(month) + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _bad_range(field: str, message: str) -> InvalidArgumentError:
    return InvalidArgumentError(message, [{"field": field, "message": message, "type": "range"}])


# ---------------------------------------------------------------- pipeline summary (and the kanban's columns)


class StageFigures(Model):
    id: str
    name: str
    kind: StageKind
    count: int = Field(description="Deals in the stage")
    value: MoneyTotals = Field(description="Their value")
    weighted_value: MoneyTotals = Field(description="Their expected revenue: each value times its probability")


class PipelineSummary(Model):
    pipeline_id: str
    pipeline_name: str
    stages: list[StageFigures] = Field(description="Every stage, in pipeline order")
    unconverted_currencies: list[str] = UNCONVERTED


def stage_figures(stage: Stage, bucket: Bucket, money: MoneyConverter) -> StageFigures:
    return StageFigures(id=stage.id, name=stage.name, kind=stage.kind, count=deal_count(bucket),
                        value=money.value(bucket), weighted_value=money.weighted(bucket))


# ---------------------------------------------------------------- forecast


class ForecastFigures(Model):
    deal_count: int = Field(description="Open deals")
    total_pipeline: MoneyTotals = Field(description="Value of those open deals")
    weighted_forecast: MoneyTotals = Field(description="Expected revenue of those open deals")
    won_count: int = Field(description="Deals won")
    closed_revenue: MoneyTotals = Field(description="Value of those won deals")


class MonthForecast(ForecastFigures):
    month: str = Field(description="Open deals expected to close in this month; deals won (closed) in this month")


class OwnerForecast(ForecastFigures):
    owner_id: str | None = Field(description="null for deals with no owner")


class StageForecast(ForecastFigures):
    id: str
    name: str
    kind: StageKind


class Forecast(ForecastFigures):
    """Every open deal of the pipeline (``deal_count``, ``total_pipeline``, ``weighted_forecast``) and every deal it
    has won (``won_count``, ``closed_revenue``), whatever their dates, also by owner and by stage; ``by_month``
    spreads them over the range's months (open deals by month of expected close, won deals by month of closing)
    and ``undated`` holds the open deals with no expected close date; open deals expected before or after the range
    are in the headline only."""

    pipeline_id: str
    pipeline_name: str
    from_month: str = Field(description="First month of the range, YYYY-MM")
    to_month: str = Field(description="Last month of the range, YYYY-MM, inclusive")
    by_month: list[MonthForecast] = Field(description="Every month of the range, in order")
    undated: ForecastFigures = Field(description="Open deals with no expected close date (won_count is always 0: a "
                                                 "won deal counts in the month it closed)")
    by_owner: list[OwnerForecast] = Field(description="Owners with open or won deals")
    by_stage: list[StageForecast] = Field(description="Open stages (their open deals) and the won stage (won deals)")
    unconverted_currencies: list[str] = UNCONVERTED


def forecast_figures(open_deals: Bucket, won_deals: Bucket, money: MoneyConverter) -> dict[str, Any]:
    return {
        "deal_count": deal_count(open_deals),
        "total_pipeline": money.value(open_deals),
        "weighted_forecast": money.weighted(open_deals),
        "won_count": deal_count(won_deals),
        "closed_revenue": money.value(won_deals),
    }


# ---------------------------------------------------------------- time in stage and win rate


class StageDuration(Model):
    id: str
    name: str
    kind: StageKind
    exits: int = Field(description="Times a deal has left the stage")
    total_seconds: float = Field(description="Time those deals spent in the stage before leaving it")
    average_seconds: float | None = Field(description="total_seconds / exits; null before any deal has left")
    average_days: float | None


class StageStats(Model):
    pipeline_id: str
    pipeline_name: str
    stages: list[StageDuration] = Field(description="Every stage, in pipeline order")
    won: int
    lost: int
    win_rate: float | None = Field(description="won / (won + lost); null while no deal has closed")


def stage_durations(stages: list[Stage], totals: Mapping[str, Mapping[str, float]]) -> list[StageDuration]:
    durations = []
    for stage in stages:
        exits = int(totals.get(stage.id, {}).get("exits", 0))
        seconds = float(totals.get(stage.id, {}).get("seconds", 0.0))
        average = seconds / exits if exits else None
        durations.append(StageDuration(
            id=stage.id, name=stage.name, kind=stage.kind, exits=exits, total_seconds=round(seconds, 3),
            average_seconds=None if average is None else round(average, 3),
            average_days=None if average is None else round(average / SECONDS_PER_DAY, 4),
        ))
    return durations


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# ---------------------------------------------------------------- dashboard


class DealTotals(Model):
    count: int
    value: MoneyTotals


class StageCount(Model):
    id: str
    name: str
    kind: StageKind
    count: int


class PipelineDistribution(Model):
    pipeline_id: str
    pipeline_name: str
    stages: list[StageCount] = Field(description="Deals in each stage of the default pipeline, in pipeline order")


class Dashboard(Model):
    leads: int = Field(description="Active (not deleted) customers whose status is lead")
    active_customers: int = Field(description="Customers not deleted")
    customers_by_status: dict[str, int] = Field(description="Active customers by status")
    conversion_rate: float | None = Field(
        description="Lead-to-customer conversion: active customers whose status is customer or churned (they "
                    "became customers), divided by all active customers; null when there are none")
    open_deals: DealTotals = Field(description="Open deals of every pipeline")
    won_deals: DealTotals = Field(description="Won deals of every pipeline, all time")
    pipeline_distribution: PipelineDistribution
    unconverted_currencies: list[str] = UNCONVERTED
