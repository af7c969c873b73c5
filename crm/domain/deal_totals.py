"""Running totals of deals: what one deal adds to its pipeline's totals, and how a report's DealSlice is read back
from them, so reports read a few small documents instead of the deals.

A projection is a nested map whose leaves are counters (deals, value and expected revenue in minor units), one per
currency:

- ``STAGE`` (stage, currency) and ``STATUS`` (status, currency): every deal. Pipeline summary, kanban, dashboard,
  and the forecast's headline figures and stages.
- ``OWNER_STATUS`` (owner, status, currency): every deal. The forecast by owner.
- ``OWNER_STAGE`` (owner, stage, currency): every deal. The kanban of one owner's deals (a rep's board).
- ``UNDATED`` (currency): open deals with no expected close date. The forecast's undated bucket.
- ``MONTH`` (status, month, currency): open deals by month of expected close, won deals by month of closing.
  ``OPEN_STAGE_MONTH`` (stage, month, currency): open deals by month of expected close. The forecast by month.

Lost deals count only in ``STAGE``, ``STATUS``, ``OWNER_STATUS`` and ``OWNER_STAGE``.

How they grow: the projections without months hold (stages + 3 + owners x (3 + stages) + 1) x currencies cells,
however many deals there are and however old the data; a cell is about 60 bytes, so 20 owners of a six-stage
pipeline in 3 currencies take about 33 KB.
The monthly projections grow with time, so the store keeps them in one document per pipeline and calendar year, of
at most 12 x currencies x (2 + open stages) cells: a few KB a year, whatever the owners. Cells that fall to zero
stay until a rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from crm.domain.common import to_cents
from crm.domain.deal_reports import Bucket, DealSlice, Tally
from crm.domain.deals import Deal, DealStatus


class Projection(StrEnum):
    STAGE = "stage"
    STATUS = "status"
    OWNER_STATUS = "owner_status"
    OWNER_STAGE = "owner_stage"
    UNDATED = "undated"
    MONTH = "month"
    OPEN_STAGE_MONTH = "stage_month"

    @property
    def keys(self) -> tuple[str, ...]:
        """The deal fields a cell of this projection is keyed by, before its month (if any) and currency."""
        return _KEYS[self]

    @property
    def monthly(self) -> bool:
        return self in MONTHLY


_KEYS = {
    Projection.STAGE: ("stage",),
    Projection.STATUS: ("status",),
    Projection.OWNER_STATUS: ("owner_id", "status"),
    Projection.OWNER_STAGE: ("owner_id", "stage"),
    Projection.UNDATED: (),
    Projection.MONTH: ("status",),
    Projection.OPEN_STAGE_MONTH: ("stage",),
}
MONTHLY = frozenset({Projection.MONTH, Projection.OPEN_STAGE_MONTH})


@dataclass(frozen=True)
class Cell:
    """One leaf of a pipeline's totals: a projection's keys (an owner may be None), month and currency."""

    pipeline_id: str
    projection: Projection
    keys: tuple[str | None, ...]
    currency: str
    month: str | None = None


Cells = dict[Cell, Tally]


class UnsupportedSliceError(ValueError):
    """No projection answers this slice exactly: a report asked for a combination the totals do not keep."""


def deal_month(deal: Deal) -> str | None:
    """The month a deal counts in: expected close for open deals, closing for won ones; None for lost deals."""
    if deal.status is DealStatus.OPEN and deal.expected_close_date:
        return deal.expected_close_date.strftime("%Y-%m")
    if deal.status is DealStatus.WON and deal.closed_at:
        return deal.closed_at.strftime("%Y-%m")
    return None


def contributions(deal: Deal) -> Cells:
    """What ``deal`` adds to its pipeline's totals: one deal, its value and expected revenue, in each cell."""
    one = Tally(1, to_cents(deal.value), to_cents(deal.expected_revenue))
    here, currency, status = deal.pipeline_id, deal.currency, deal.status.value
    cells = [Cell(here, Projection.STAGE, (deal.stage,), currency), Cell(here, Projection.STATUS, (status,), currency),
             Cell(here, Projection.OWNER_STATUS, (deal.owner_id, status), currency),
             Cell(here, Projection.OWNER_STAGE, (deal.owner_id, deal.stage), currency)]
    month = deal_month(deal)
    if month:
        cells.append(Cell(here, Projection.MONTH, (status,), currency, month))
        if deal.status is DealStatus.OPEN:
            cells.append(Cell(here, Projection.OPEN_STAGE_MONTH, (deal.stage,), currency, month))
    elif deal.status is DealStatus.OPEN:
        cells.append(Cell(here, Projection.UNDATED, (), currency))
    return dict.fromkeys(cells, one)


def change(before: Deal | None, after: Deal | None) -> Cells:
    """What a write from ``before`` to ``after`` (None: created, deleted) adds to the totals; zero cells left out."""
    delta: Cells = defaultdict(Tally)
    for cell, tally in contributions(after).items() if after else ():
        delta[cell] += tally
    for cell, tally in contributions(before).items() if before else ():
        delta[cell] -= tally
    return {cell: tally for cell, tally in delta.items() if tally != Tally()}


def add_up(deals: Iterable[Deal]) -> Cells:
    """The totals of ``deals``, as a rebuild computes them."""
    totals: Cells = defaultdict(Tally)
    for deal in deals:
        for cell, tally in contributions(deal).items():
            totals[cell] += tally
    return dict(totals)


def nonzero(cells: Mapping[Cell, Tally]) -> Cells:
    return {cell: tally for cell, tally in cells.items() if tally != Tally()}


class Totals:
    """Cells read from the store, answering the slices that reports ask for."""

    def __init__(self, cells: Mapping[Cell, Tally]):
        self._by_projection: dict[Projection, list[tuple[Cell, Tally]]] = defaultdict(list)
        for cell, tally in cells.items():
            self._by_projection[cell.projection].append((cell, tally))

    def bucket(self, deal_slice: DealSlice, currencies: Collection[str] | None = None) -> Bucket:
        """The slice's deals per currency (only ``currencies``, if given), as the deals themselves would add up.

        Raises:
            UnsupportedSliceError: no projection answers the slice.
        """
        projection = projection_for(deal_slice)
        bucket: Bucket = {}
        for cell, tally in self._by_projection[projection]:
            if (currencies is None or cell.currency in currencies) and _matches(deal_slice, cell):
                bucket[cell.currency] = bucket.get(cell.currency, Tally()) + tally
        return {currency: tally for currency, tally in bucket.items() if tally.count}


def projection_for(deal_slice: DealSlice) -> Projection:
    """The projection whose keys cover every field the slice filters on.

    Raises:
        UnsupportedSliceError: none does (e.g. an owner by month, or a stage and a status without months).
    """
    by_owner = deal_slice.owner_id is not None or deal_slice.unassigned
    if deal_slice.undated:
        if deal_slice.status is not DealStatus.OPEN or by_owner or deal_slice.stage is not None or (
                deal_slice.expected_close_months or deal_slice.closed_months):
            raise UnsupportedSliceError("undated deals are kept for open deals only, per pipeline and currency")
        return Projection.UNDATED
    if deal_slice.expected_close_months or deal_slice.closed_months:
        if deal_slice.expected_close_months and deal_slice.closed_months:
            raise UnsupportedSliceError("a slice filters on expected close months or closed months, not both")
        counted = DealStatus.OPEN if deal_slice.expected_close_months else DealStatus.WON
        if deal_slice.status is not counted:
            raise UnsupportedSliceError(f"months of {'expected close' if counted is DealStatus.OPEN else 'closing'} "
                                        f"are kept for {counted.value} deals only; the slice must say so")
        if by_owner:
            raise UnsupportedSliceError("owners are kept over all time, not by month")
        if deal_slice.stage is None:
            return Projection.MONTH
        if counted is not DealStatus.OPEN:
            raise UnsupportedSliceError("stages are kept by month for open deals only")
        return Projection.OPEN_STAGE_MONTH
    if by_owner:
        if deal_slice.stage is not None:
            if deal_slice.status is not None:
                raise UnsupportedSliceError("a stage implies its status; give one or the other")
            return Projection.OWNER_STAGE
        return Projection.OWNER_STATUS
    if deal_slice.stage is not None:
        if deal_slice.status is not None:
            raise UnsupportedSliceError("a stage implies its status; give one or the other")
        return Projection.STAGE
    return Projection.STATUS


def _matches(deal_slice: DealSlice, cell: Cell) -> bool:
    if deal_slice.pipeline_id is not None and cell.pipeline_id != deal_slice.pipeline_id:
        return False
    fields = dict(zip(cell.projection.keys, cell.keys, strict=True))
    if deal_slice.stage is not None and fields["stage"] != deal_slice.stage:
        return False
    if deal_slice.status is not None and fields.get("status", DealStatus.OPEN.value) != deal_slice.status.value:
        return False
    if deal_slice.owner_id is not None and fields["owner_id"] != deal_slice.owner_id:
        return False
    if deal_slice.unassigned and fields["owner_id"] is not None:
        return False
    months = deal_slice.expected_close_months or deal_slice.closed_months
    return not months or cell.month in months
