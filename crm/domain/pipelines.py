"""Pipelines: ordered stages, each with a probability, a colour and a kind (open, won or lost)."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from crm.domain.common import InputModel, Versioned, refuse_null
from crm.domain.model import Model
from crm.domain.substages import Substage, Substages
from crm.errors import FailedPreconditionError, NotFoundError

StageId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
PipelineName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Color = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^#[0-9a-fA-F]{6}$")]
MAX_STAGES = 30
MAX_ROTTING_DAYS = 365
DEFAULT_PIPELINE_ID = "sales"


class StageKind(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class Stage(Model):
    model_config = ConfigDict(extra="forbid")

    id: StageId
    name: PipelineName
    probability: Annotated[int, Field(ge=0, le=100)]
    color: Color = "#9e9e9e"
    kind: StageKind = StageKind.OPEN
    rotting_days: Annotated[int, Field(ge=1, le=MAX_ROTTING_DAYS)] | None = Field(
        None, description="An open deal idle in this stage for longer than this many days is marked as rotting; "
                          "null: never")
    substages: Substages = Field(default_factory=list, description="Steps within the stage, in order (optional)")

    def substage(self, substage_id: str) -> Substage | None:
        return next((s for s in self.substages if s.id == substage_id), None)


def check_stages(stages: list[Stage]) -> list[Stage]:
    ids = [s.id for s in stages]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"stage ids must be unique within a pipeline: {', '.join(duplicates)}")
    kinds = [s.kind for s in stages]
    if kinds.count(StageKind.OPEN) < 1:
        raise ValueError("a pipeline needs at least one open stage")
    if kinds.count(StageKind.WON) != 1:
        raise ValueError("a pipeline needs exactly one won stage")
    if kinds.count(StageKind.LOST) < 1:
        raise ValueError("a pipeline needs at least one lost stage")
    closed = [s.id for s in stages if s.kind is not StageKind.OPEN and s.rotting_days is not None]
    if closed:
        raise ValueError(f"only open stages have rotting_days (won and lost deals do not rot): {', '.join(closed)}")
    return stages


Stages = Annotated[list[Stage], Field(min_length=3, max_length=MAX_STAGES)]


class PipelineCreate(InputModel):
    server_owned_fields = frozenset({"id", "created_at", "updated_at"})

    name: PipelineName
    is_default: bool = False
    stages: Stages

    @field_validator("stages")
    @classmethod
    def _check(cls, stages: list[Stage]) -> list[Stage]:
        return check_stages(stages)


class PipelineUpdate(InputModel):
    """Changes to a pipeline; deals in stages that the new list drops go where ``stage_moves`` says."""

    server_owned_fields = frozenset({"id", "created_at", "updated_at"})

    name: PipelineName | None = None
    is_default: bool | None = None
    stages: Stages | None = None
    stage_moves: dict[StageId, StageId] = Field(
        default_factory=dict, max_length=MAX_STAGES,
        description="For each removed stage holding deals: the stage its deals move to",
    )

    _not_null = refuse_null("name", "stages")

    @field_validator("stages")
    @classmethod
    def _check(cls, stages: list[Stage] | None) -> list[Stage] | None:
        return None if stages is None else check_stages(stages)

    @model_validator(mode="after")
    def _moves_target_kept_stages(self) -> PipelineUpdate:
        if self.is_default is False:
            raise ValueError("is_default can only be set to true; make another pipeline the default instead")
        if self.stage_moves and self.stages is None:
            raise ValueError("stage_moves needs the new stages list")
        if self.stages is not None:
            kept = {s.id for s in self.stages}
            unknown = sorted(t for t in self.stage_moves.values() if t not in kept)
            if unknown:
                raise ValueError(f"stage_moves targets stages not in the new list: {', '.join(unknown)}")
        return self


class Pipeline(Versioned):
    id: str
    name: str
    is_default: bool = False
    stages: list[Stage]
    created_at: datetime
    updated_at: datetime

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise NotFoundError(f"pipeline {self.id} has no stage {stage_id!r}")

    def has_stage(self, stage_id: str) -> bool:
        return any(s.id == stage_id for s in self.stages)

    def position(self, stage_id: str) -> int:
        return [s.id for s in self.stages].index(stage_id)

    def open_stages(self) -> list[Stage]:
        return [s for s in self.stages if s.kind is StageKind.OPEN]

    def first_open(self) -> Stage:
        return self.open_stages()[0]

    def won_stage(self) -> Stage:
        return next(s for s in self.stages if s.kind is StageKind.WON)

    def first_lost(self) -> Stage:
        return next(s for s in self.stages if s.kind is StageKind.LOST)

    def next_after(self, stage_id: str) -> Stage:
        """The next open stage in pipeline order, or the won stage after the last open one.

        Raises:
            FailedPreconditionError: ``stage_id`` is not an open stage.
        """
        current = self.stage(stage_id)
        if current.kind is not StageKind.OPEN:
            raise FailedPreconditionError(f"stage {stage_id} is {current.kind.value}; only open deals advance")
        later = [s for s in self.stages[self.position(stage_id) + 1 :] if s.kind is StageKind.OPEN]
        return later[0] if later else self.won_stage()


class PipelinesPage(Model):
    results: list[Pipeline]
    total: int


def is_rotting(stage: Stage, entered_at: datetime, now: datetime) -> bool:
    """Whether a deal that entered open ``stage`` at ``entered_at`` has been idle there longer than its rotting days."""
    if stage.kind is not StageKind.OPEN or stage.rotting_days is None:
        return False
    return now - entered_at > timedelta(days=stage.rotting_days)


def default_sales_stages() -> list[Stage]:
    spec = [
        ("lead", "Lead", 10, "#90caf9", StageKind.OPEN),
        ("qualified", "Qualified", 25, "#64b5f6", StageKind.OPEN),
        ("proposal", "Proposal", 50, "#42a5f5", StageKind.OPEN),
        ("negotiation", "Negotiation", 75, "#1e88e5", StageKind.OPEN),
        ("closed_won", "Closed won", 100, "#43a047", StageKind.WON),
        ("closed_lost", "Closed lost", 0, "#e53935", StageKind.LOST),
    ]
    return [Stage(id=i, name=n, probability=p, color=c, kind=k) for i, n, p, c, k in spec]


def default_pipeline(now: datetime) -> Pipeline:
    return Pipeline(
        id=DEFAULT_PIPELINE_ID, name="Sales", is_default=True, stages=default_sales_stages(), created_at=now,
        updated_at=now,
    )
