"""The deals board of a pipeline: each column's figures from the running totals, a page of its most valuable deals,
and their customers' names, read in one batch; whatever the number of deals, it reads the cards it shows, their
customers and a few totals documents."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from crm.domain import access
from crm.domain import deal_reports as reports
from crm.domain.common import utc_now
from crm.domain.deal_reports import Bucket, DealSlice, MoneyConverter
from crm.domain.kanban import ColumnCards, CustomerRef, Kanban, KanbanColumn, KanbanParams, marked
from crm.domain.pipelines import Pipeline, Stage
from crm.errors import InvalidArgumentError
from crm.identity import Caller
from crm.services.deal_reports import DealFigures, pipeline_and_rates
from crm.services.ports import Transactions


class BoardReader(DealFigures, Protocol):
    def kanban_cards(self, pipeline_id: str, columns: Mapping[str, int], limit: int, owner_id: str | None,
                     cursor: str | None) -> dict[str, ColumnCards]:
        """A page of each column's deals, highest value first; ``columns`` maps each stage wanted to the number of
        deals it holds (for the owner, if given), and ``cursor`` continues one column's page."""
        ...

    def customers_named(self, customer_ids: Collection[str]) -> dict[str, CustomerRef]:
        """The active customers among ``customer_ids`` (one batched read)."""
        ...


def kanban(transactions: Transactions, board: BoardReader, params: KanbanParams, caller: Caller) -> Kanban:
    """The columns of a pipeline (the default one unless named), or only ``params.stage``'s: figures and cards of
    every deal, or of one owner's (a rep's board holds only their own).

    Raises:
        NotFoundError: no such pipeline.
        InvalidArgumentError: no such stage, or a cursor of another column or board.
        PermissionDeniedError: a rep asked for another owner's deals.
    """
    owner_id = access.list_owner(caller, params.owner_id)
    pipeline, rates = pipeline_and_rates(transactions, params.pipeline_id)
    stages = _wanted_stages(pipeline, params.stage)
    buckets = board.tally({s.id: _slice(pipeline, s.id, owner_id) for s in stages}, board.dimensions()["currencies"])
    counts = {stage.id: reports.deal_count(buckets[stage.id]) for stage in stages}
    pages = board.kanban_cards(pipeline.id, counts, params.per_column, owner_id, params.cursor)
    customers = board.customers_named({c.customer_id for page in pages.values() for c in page.cards})
    money = MoneyConverter(rates)
    now = utc_now()
    columns = []
    for stage in stages:
        cards = [marked(card, stage, customers.get(card.customer_id), now=now,
                        visible=_sees(caller, customers.get(card.customer_id))) for card in pages[stage.id].cards]
        figures = reports.stage_figures(stage, _bucket(buckets, stage.id), money).model_dump()
        columns.append(KanbanColumn(**figures, probability=stage.probability, color=stage.color,
                                    rotting_days=stage.rotting_days, deals=cards,
                                    next_cursor=pages[stage.id].next_cursor))
    return Kanban(pipeline_id=pipeline.id, pipeline_name=pipeline.name, per_column=params.per_column,
                  owner_id=owner_id, columns=columns, unconverted_currencies=sorted(money.unconverted))


def _wanted_stages(pipeline: Pipeline, stage_id: str | None) -> list[Stage]:
    if stage_id is None:
        return list(pipeline.stages)
    if not pipeline.has_stage(stage_id):
        message = f"pipeline {pipeline.id} has no stage {stage_id!r}"
        raise InvalidArgumentError(message, [{"field": "stage", "message": message}])
    return [pipeline.stage(stage_id)]


def _slice(pipeline: Pipeline, stage_id: str, owner_id: str | None) -> DealSlice:
    return DealSlice(pipeline_id=pipeline.id, stage=stage_id, owner_id=owner_id)


def _bucket(buckets: Mapping[str, Bucket], stage_id: str) -> Bucket:
    return buckets.get(stage_id, {})


def _sees(caller: Caller, customer: CustomerRef | None) -> bool:
    return customer is not None and access.sees(caller, customer.owner_id)
