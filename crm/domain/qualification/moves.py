"""Moving leads on a lead pipeline's board: placing a new lead, moving it between stages and substages (which sets
its score), and where converting or losing it takes it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from crm.domain.common import DocumentId
from crm.domain.customers import Customer, CustomerStatus
from crm.domain.model import Model
from crm.domain.pipelines import Stage, StageId, StageKind
from crm.domain.qualification.lead_pipelines import LeadPipeline, score_in
from crm.domain.substages import SubstageId
from crm.errors import FailedPreconditionError, ValidationFailedError


class LeadMove(Model):
    """Where a lead goes: a stage (and substage) of its lead pipeline, or of the one named."""

    model_config = ConfigDict(extra="forbid")

    stage: StageId
    substage: SubstageId | None = None
    pipeline_id: Annotated[DocumentId, Field(description="Another lead pipeline; default: the lead's own, else "
                                                         "the default one")] | None = None


def place(customer: Customer, pipeline: LeadPipeline, *, now: datetime) -> Customer:
    """A new lead in the first open stage of ``pipeline``, with that stage's score unless it was given one."""
    stage = pipeline.first_open()
    score = customer.score if customer.score is not None else score_in(stage, None)
    return customer.model_copy(update={"lead_pipeline_id": pipeline.id, "lead_stage": stage.id,
                                       "lead_substage": None, "score": score, "lead_stage_entered_at": now})


def move(customer: Customer, pipeline: LeadPipeline, stage_id: str, substage_id: str | None, *,
         now: datetime) -> Customer:
    """Into an open stage (and substage) of ``pipeline``: the lead's score becomes the substage's, else the stage's.

    Raises:
        ValidationFailedError: no such stage or substage.
        FailedPreconditionError: the customer is not a lead (status), the target is the converted or lost stage
            (convert it, or mark it lost), or it is there already.
    """
    _require_movable(customer)
    if not pipeline.has_stage(stage_id):
        raise _invalid("stage", f"lead pipeline {pipeline.id} has no stage {stage_id!r}")
    stage = pipeline.stage(stage_id)
    if stage.kind is StageKind.WON:
        raise FailedPreconditionError(f"stage {stage.id} is where converted leads go: convert the lead with POST "
                                      f"/api/crm/customers/{customer.id}/convert, which also opens its deal")
    if stage.kind is StageKind.LOST:
        raise FailedPreconditionError(f"stage {stage.id} is where lost leads go: mark the lead lost with POST "
                                      f"/api/crm/customers/{customer.id}/mark-lost and a reason")
    substage = stage.substage(substage_id) if substage_id is not None else None
    if substage_id is not None and substage is None:
        known = ", ".join(s.id for s in stage.substages) or "none"
        raise _invalid("substage", f"stage {stage.id} has no substage {substage_id!r} (its substages: {known})")
    same_stage = customer.lead_pipeline_id == pipeline.id and customer.lead_stage == stage.id
    if same_stage and customer.lead_substage == substage_id:
        raise FailedPreconditionError(f"customer {customer.id} is already in {_where(stage, substage_id)}")
    return customer.model_copy(update={
        "lead_pipeline_id": pipeline.id, "lead_stage": stage.id, "lead_substage": substage_id,
        "score": score_in(stage, substage),
        "lead_stage_entered_at": customer.lead_stage_entered_at if same_stage else now, "updated_at": now,
    })


def finish(customer: Customer, pipeline: LeadPipeline | None, kind: StageKind, *, now: datetime) -> Customer:
    """Where a lead goes when converted (the won stage) or lost (the first lost stage), if it is on a board and in
    an open stage there; anything else is left where it is."""
    if pipeline is None or not customer.on_lead_board or customer.lead_pipeline_id != pipeline.id:
        return customer
    if not pipeline.has_stage(customer.lead_stage or "") or pipeline.stage(customer.lead_stage or "").kind is not \
            StageKind.OPEN:
        return customer
    stage = pipeline.won_stage() if kind is StageKind.WON else pipeline.first_lost()
    return customer.model_copy(update={"lead_stage": stage.id, "lead_substage": None, "score": score_in(stage, None),
                                       "lead_stage_entered_at": now})


def _require_movable(customer: Customer) -> None:
    if customer.status is not CustomerStatus.LEAD:
        raise FailedPreconditionError(f"only open leads move on a lead board; customer {customer.id} is "
                                      f"{customer.status.value}")


def _where(stage: Stage, substage_id: str | None) -> str:
    return f"stage {stage.id}" + (f", substage {substage_id}" if substage_id else "")


def _invalid(field: str, message: str) -> ValidationFailedError:
    return ValidationFailedError(message, [{"field": field, "message": message}])
