"""Lead pipelines: the stages a lead moves through before it becomes a deal, each with optional substages that
carry a score. The same shape as a deal pipeline (crm.domain.pipelines): open stages, one won stage (converted: the
lead became a prospect with a deal) and at least one lost stage (disqualified); in a lead pipeline a stage's
``probability`` is the score of a lead in that stage when the substage (if any) gives none."""

from __future__ import annotations

from datetime import datetime

from pydantic import field_validator

from crm.domain.common import InputModel, refuse_null
from crm.domain.model import Model
from crm.domain.pipelines import Pipeline, PipelineName, Stage, StageKind, Stages, check_stages
from crm.domain.substages import Substage

SERVER_OWNED = frozenset({"id", "created_at", "updated_at"})


class LeadPipelineCreate(InputModel):
    server_owned_fields = SERVER_OWNED

    name: PipelineName
    is_default: bool = False
    stages: Stages

    @field_validator("stages")
    @classmethod
    def _check(cls, stages: list[Stage]) -> list[Stage]:
        return check_stages(stages)


class LeadPipelineUpdate(InputModel):
    """Changes to a lead pipeline; a stage that holds leads cannot be removed or change kind (move them first)."""

    server_owned_fields = SERVER_OWNED

    name: PipelineName | None = None
    is_default: bool | None = None
    stages: Stages | None = None

    _not_null = refuse_null("name", "stages", "is_default")

    @field_validator("stages")
    @classmethod
    def _check(cls, stages: list[Stage] | None) -> list[Stage] | None:
        return None if stages is None else check_stages(stages)

    @field_validator("is_default")
    @classmethod
    def _only_true(cls, value: bool | None) -> bool | None:
        if value is False:
            raise ValueError("is_default can only be set to true; make another lead pipeline the default instead")
        return value


class LeadPipeline(Pipeline):
    """A lead pipeline: new leads are placed in the first open stage of the default one."""


class LeadPipelinesPage(Model):
    results: list[LeadPipeline]
    total: int


def score_in(stage: Stage, substage: Substage | None) -> int:
    """A lead's score in ``stage`` (and ``substage``): the substage's score, else the stage's probability."""
    if substage is not None and substage.score is not None:
        return substage.score
    return stage.probability


def new_lead_pipeline(data: LeadPipelineCreate, *, pipeline_id: str, is_default: bool, now: datetime) -> LeadPipeline:
    return LeadPipeline(id=pipeline_id, name=data.name, is_default=is_default, stages=data.stages, created_at=now,
                        updated_at=now)


def default_lead_stages() -> list[Stage]:
    """The stages a new lead pipeline is suggested with: each open stage with substages and their scores."""

    def sub(sub_id: str, status: str, score: int, description: str | None = None) -> Substage:
        return Substage(id=sub_id, status=status, score=score, description=description)

    return [
        Stage(id="new", name="New", probability=10, color="#90caf9", substages=[
            sub("unreviewed", "Not reviewed", 5), sub("reviewed", "Reviewed", 10, "Fits the ideal customer profile")]),
        Stage(id="contacted", name="Contacted", probability=25, color="#64b5f6", substages=[
            sub("no-answer", "No answer", 15, "Tried, no reply yet"), sub("replied", "Replied", 25),
            sub("meeting-booked", "Meeting booked", 35)]),
        Stage(id="qualified", name="Qualified", probability=60, color="#1e88e5", substages=[
            sub("need", "Need confirmed", 50), sub("budget", "Budget confirmed", 65),
            sub("decision-maker", "Decision maker engaged", 80)]),
        Stage(id="converted", name="Converted", probability=100, color="#43a047", kind=StageKind.WON),
        Stage(id="disqualified", name="Disqualified", probability=0, color="#e53935", kind=StageKind.LOST),
    ]
