"""Deal report use cases: pipeline summary, forecast, time in stage and win rate, the dashboard, and the
rebuild of the running totals they read.

Every deal figure comes from running totals kept in the transaction of each deal write (crm.domain.deal_totals),
so a report reads a handful of documents, however many deals, stages, months, owners and currencies there are.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from crm.domain import deal_reports as reports
from crm.domain.common import utc_now
from crm.domain.customers import CustomerStatus
from crm.domain.deal_reports import (
    Bucket,
    Dashboard,
    DealSlice,
    DealTotals,
    Forecast,
    ForecastParams,
    MoneyConverter,
    MonthForecast,
    OwnerForecast,
    PipelineDistribution,
    PipelineReportParams,
    PipelineSummary,
    StageCount,
    StageForecast,
    StageStats,
    Tally,
)
from crm.domain.deal_totals import Cell, Cells, add_up, nonzero
from crm.domain.deals import Deal, DealStatus
from crm.domain.money import CurrencyRates
from crm.domain.pipelines import Pipeline, StageKind
from crm.errors import NotFoundError
from crm.services.ports import Transaction, Transactions

K = TypeVar("K", bound=Hashable)
CONVERTED_STATUSES = (CustomerStatus.CUSTOMER, CustomerStatus.CHURNED)


class DealFigures(Protocol):
    def dimensions(self) -> dict[str, list[str]]: ...
    def tally(self, slices: Mapping[K, DealSlice], currencies: Sequence[str]) -> dict[K, Bucket]: ...
    def count(self, slices: Mapping[K, DealSlice]) -> dict[K, int]: ...
    def active_customers_by_status(self, statuses: Sequence[str]) -> dict[str, int]: ...
    def stage_totals(self, pipeline_id: str) -> dict[str, Any]: ...


def pipeline_summary(transactions: Transactions, figures: DealFigures,
                     params: PipelineReportParams) -> PipelineSummary:
    """Deals, value and expected revenue in each stage of a pipeline (the default one unless named).

    Raises:
        NotFoundError: no such pipeline.
    """
    pipeline, rates = pipeline_and_rates(transactions, params.pipeline_id)
    money = MoneyConverter(rates)
    buckets = _stage_buckets(figures, pipeline)
    stages = [reports.stage_figures(stage, buckets[stage.id], money) for stage in pipeline.stages]
    return PipelineSummary(pipeline_id=pipeline.id, pipeline_name=pipeline.name, stages=stages,
                           unconverted_currencies=sorted(money.unconverted))


def forecast(transactions: Transactions, figures: DealFigures, params: ForecastParams,
             today: date | None = None) -> Forecast:
    """Every open deal and every won deal of a pipeline, by owner and stage; and by month over a range of months
    (open deals by month of expected close, won deals by month of closing), with the open deals that have no
    expected close date in a bucket of their own.

    Raises:
        InvalidArgumentError: the range runs backwards or is too long.
        NotFoundError: no such pipeline.
    """
    months = params.months(today or utc_now().date())
    pipeline, rates = pipeline_and_rates(transactions, params.pipeline_id)
    dimensions = figures.dimensions()
    owners: list[str | None] = [*dimensions["owners"], None]
    buckets = figures.tally(_forecast_slices(pipeline, months, owners), dimensions["currencies"])

    money = MoneyConverter(rates)
    all_open, all_won = buckets["open", None], buckets["won", None]
    by_month = [MonthForecast(month=m, **reports.forecast_figures(buckets["open_month", m], buckets["won_month", m],
                                                                  money)) for m in months]
    by_owner = [
        OwnerForecast(owner_id=owner, **reports.forecast_figures(buckets["open_owner", owner],
                                                                 buckets["won_owner", owner], money))
        for owner in owners if buckets["open_owner", owner] or buckets["won_owner", owner]
    ]
    by_stage = []
    for stage in pipeline.stages:
        if stage.kind is StageKind.LOST:
            continue
        opened_here = buckets["open_stage", stage.id] if stage.kind is StageKind.OPEN else {}
        won_here = all_won if stage.kind is StageKind.WON else {}
        by_stage.append(StageForecast(id=stage.id, name=stage.name, kind=stage.kind,
                                      **reports.forecast_figures(opened_here, won_here, money)))
    return Forecast(
        **reports.forecast_figures(all_open, all_won, money), pipeline_id=pipeline.id, pipeline_name=pipeline.name,
        from_month=months[0], to_month=months[-1], by_month=by_month,
        undated=reports.ForecastFigures(**reports.forecast_figures(buckets["undated", None], {}, money)),
        by_owner=by_owner, by_stage=by_stage, unconverted_currencies=sorted(money.unconverted),
    )


def stage_stats(transactions: Transactions, figures: DealFigures, params: PipelineReportParams) -> StageStats:
    """Average time deals spent in each stage before leaving it, and the win rate, from the running totals.

    Raises:
        NotFoundError: no such pipeline.
    """
    pipeline = transactions.read(lambda tx: _pipeline(tx, params.pipeline_id))
    totals = figures.stage_totals(pipeline.id)
    won, lost = int(totals.get("won", 0)), int(totals.get("lost", 0))
    return StageStats(pipeline_id=pipeline.id, pipeline_name=pipeline.name,
                      stages=reports.stage_durations(pipeline.stages, totals.get("stages", {})),
                      won=won, lost=lost, win_rate=reports.ratio(won, won + lost))


def dashboard(transactions: Transactions, figures: DealFigures) -> Dashboard:
    """Leads, open and won deals, lead-to-customer conversion, and deals per stage of the default pipeline."""
    pipeline, rates = pipeline_and_rates(transactions, None)
    money = MoneyConverter(rates)
    by_status = figures.active_customers_by_status([s.value for s in CustomerStatus])
    active = sum(by_status.values())
    converted = sum(by_status[s.value] for s in CONVERTED_STATUSES)
    deals = figures.tally({s: DealSlice(status=s) for s in (DealStatus.OPEN, DealStatus.WON)},
                          figures.dimensions()["currencies"])
    per_stage = figures.count({s.id: DealSlice(pipeline_id=pipeline.id, stage=s.id) for s in pipeline.stages})
    distribution = PipelineDistribution(
        pipeline_id=pipeline.id, pipeline_name=pipeline.name,
        stages=[StageCount(id=s.id, name=s.name, kind=s.kind, count=per_stage[s.id]) for s in pipeline.stages],
    )
    return Dashboard(
        leads=by_status[CustomerStatus.LEAD.value], active_customers=active, customers_by_status=by_status,
        conversion_rate=reports.ratio(converted, active),
        open_deals=_deal_totals(deals[DealStatus.OPEN], money), won_deals=_deal_totals(deals[DealStatus.WON], money),
        pipeline_distribution=distribution, unconverted_currencies=sorted(money.unconverted),
    )


class DealTotalsStore(Protocol):
    def deals(self) -> Iterable[Deal]: ...
    def stored(self) -> Cells: ...
    def replace(self, cells: Mapping[Cell, Tally]) -> int: ...


@dataclass(frozen=True)
class TotalsRebuild:
    """What a rebuild of the deal totals found, and how many documents it wrote (none when only checking)."""

    deals: int
    pipelines: int
    differing_cells: int
    documents: int


def rebuild_deal_totals(store: DealTotalsStore, *, check_only: bool = False) -> TotalsRebuild:
    """Recompute every pipeline's deal totals from the deals, streamed once, and replace the stored ones with them.

    Not atomic: a deal written meanwhile may be counted twice or missed, so run it while deals are not being
    written. With ``check_only`` nothing is written; ``differing_cells`` says how far the stored totals had drifted.
    """
    seen = [0]

    def counted() -> Iterable[Deal]:
        for deal in store.deals():
            seen[0] += 1
            yield deal

    cells = add_up(counted())
    stored = nonzero(store.stored())
    differing = sum(stored.get(cell) != cells.get(cell) for cell in stored.keys() | cells.keys())
    written = 0 if check_only else store.replace(cells)
    return TotalsRebuild(deals=seen[0], pipelines=len({c.pipeline_id for c in cells}), differing_cells=differing,
                         documents=written)


def _forecast_slices(pipeline: Pipeline, months: list[str],
                     owners: list[str | None]) -> dict[tuple[str, str | None], DealSlice]:
    """Every open and every won deal of the pipeline, by owner and by stage; open deals by month of expected close
    and won deals by month of closing, over the range; open deals without an expected close date."""
    here = pipeline.id
    slices: dict[tuple[str, str | None], DealSlice] = {
        ("open", None): DealSlice(pipeline_id=here, status=DealStatus.OPEN),
        ("won", None): DealSlice(pipeline_id=here, status=DealStatus.WON),
        ("undated", None): DealSlice(pipeline_id=here, status=DealStatus.OPEN, undated=True),
    }
    for month in months:
        slices["open_month", month] = DealSlice(pipeline_id=here, status=DealStatus.OPEN,
                                                expected_close_months=(month,))
        slices["won_month", month] = DealSlice(pipeline_id=here, status=DealStatus.WON, closed_months=(month,))
    for owner in owners:
        who: dict[str, Any] = {"owner_id": owner} if owner else {"unassigned": True}
        slices["open_owner", owner] = DealSlice(pipeline_id=here, status=DealStatus.OPEN, **who)
        slices["won_owner", owner] = DealSlice(pipeline_id=here, status=DealStatus.WON, **who)
    for stage in pipeline.open_stages():
        slices["open_stage", stage.id] = DealSlice(pipeline_id=here, stage=stage.id)
    return slices


def _deal_totals(bucket: Bucket, money: MoneyConverter) -> DealTotals:
    return DealTotals(count=reports.deal_count(bucket), value=money.value(bucket))


def _stage_buckets(figures: DealFigures, pipeline: Pipeline) -> dict[str, Bucket]:
    slices = {stage.id: DealSlice(pipeline_id=pipeline.id, stage=stage.id) for stage in pipeline.stages}
    return figures.tally(slices, figures.dimensions()["currencies"])


def pipeline_and_rates(transactions: Transactions, pipeline_id: str | None) -> tuple[Pipeline, CurrencyRates]:
    return transactions.read(lambda tx: (_pipeline(tx, pipeline_id), tx.config.currency_rates()))


def _pipeline(tx: Transaction, pipeline_id: str | None) -> Pipeline:
    if pipeline_id is None:
        return tx.pipelines.default()
    pipeline = tx.pipelines.get(pipeline_id)
    if pipeline is None:
        message = f"pipeline {pipeline_id} not found"
        raise NotFoundError(message, [{"field": "pipeline_id", "message": message}])
    return pipeline

