"""Stage transitions of a deal: advance, move, win, lose, reopen; and what a won deal is worth to its customer."""

from __future__ import annotations

from datetime import datetime

from crm.domain.common import to_cents
from crm.domain.deals import Deal, DealStatus, enter_stage, enter_substage, require_reason, require_substage
from crm.domain.money import CurrencyRates
from crm.domain.pipelines import Pipeline, Stage, StageKind
from crm.errors import FailedPreconditionError, ValidationFailedError


def _stage_of(pipeline: Pipeline, stage_id: str, field: str = "stage") -> Stage:
    if not pipeline.has_stage(stage_id):
        message = f"pipeline {pipeline.id} has no stage {stage_id!r}"
        raise ValidationFailedError(message, [{"field": field, "message": message}])
    return pipeline.stage(stage_id)


def _require_open(deal: Deal, action: str) -> None:
    if deal.status is not DealStatus.OPEN:
        raise FailedPreconditionError(f"deal {deal.id} is {deal.status.value}; reopen it before you {action} it")


def advance(deal: Deal, pipeline: Pipeline, *, by: str, now: datetime) -> Deal:
    """Into the next open stage, or the won stage after the last open one.

    Raises:
        FailedPreconditionError: the deal is won or lost.
    """
    _require_open(deal, "advance")
    return enter_stage(deal, pipeline, pipeline.next_after(deal.stage), by=by, now=now)


def move(deal: Deal, pipeline: Pipeline, stage_id: str, *, reason: str | None, by: str, now: datetime,
         substage: str | None = None) -> Deal:
    """Into any stage of ``pipeline`` (which may be another pipeline than the deal's), and one of its substages if
    named; within the deal's own stage, only into another substage.

    Raises:
        ValidationFailedError: no such stage or substage, or a lost stage without a reason.
        FailedPreconditionError: the deal is already in that stage (and substage).
    """
    stage = _stage_of(pipeline, stage_id)
    require_substage(stage, substage, "substage")
    if pipeline.id == deal.pipeline_id and stage.id == deal.stage:
        if substage is None or substage == deal.substage:
            where = f" and substage {substage}" if substage else ""
            raise FailedPreconditionError(f"deal {deal.id} is already in stage {stage.id}{where}")
        return enter_substage(deal, substage, by=by, now=now)
    require_reason(stage, reason, "reason")
    return enter_stage(deal, pipeline, stage, by=by, now=now, lost_reason=reason, substage=substage)


def mark_won(deal: Deal, pipeline: Pipeline, *, by: str, now: datetime) -> Deal:
    if deal.status is DealStatus.WON:
        raise FailedPreconditionError(f"deal {deal.id} is already won")
    return enter_stage(deal, pipeline, pipeline.won_stage(), by=by, now=now)


def mark_lost(deal: Deal, pipeline: Pipeline, reason: str, *, by: str, now: datetime) -> Deal:
    if deal.status is DealStatus.LOST:
        raise FailedPreconditionError(f"deal {deal.id} is already lost")
    return enter_stage(deal, pipeline, pipeline.first_lost(), by=by, now=now, lost_reason=reason)


def reopen(deal: Deal, pipeline: Pipeline, stage_id: str | None, *, by: str, now: datetime) -> Deal:
    """Back into an open stage: the one given, else the one it was closed from, else the first.

    Raises:
        FailedPreconditionError: the deal is open.
        ValidationFailedError: the stage given is not an open stage of the pipeline.
    """
    if deal.status is DealStatus.OPEN:
        raise FailedPreconditionError(f"deal {deal.id} is open; only won or lost deals can be reopened")
    if stage_id:
        stage = _stage_of(pipeline, stage_id)
        if stage.kind is not StageKind.OPEN:
            message = f"stage {stage_id} is not an open stage"
            raise ValidationFailedError(message, [{"field": "stage", "message": message}])
    else:
        stage = _stage_closed_from(deal, pipeline) or pipeline.first_open()
    return enter_stage(deal, pipeline, stage, by=by, now=now)


def _stage_closed_from(deal: Deal, pipeline: Pipeline) -> Stage | None:
    last = deal.stage_history[-1] if deal.stage_history else None
    if last and last.from_stage and pipeline.has_stage(last.from_stage):
        stage = pipeline.stage(last.from_stage)
        return stage if stage.kind is StageKind.OPEN else None
    return None


def won_value_in_base(deal: Deal, rates: CurrencyRates) -> int:
    """What the deal adds to its customer's lifetime value, in minor units of the base currency."""
    if deal.status is not DealStatus.WON:
        return 0
    return rates.to_base_cents(to_cents(deal.value), deal.currency)
