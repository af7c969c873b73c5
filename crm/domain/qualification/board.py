"""The lead board: a lead pipeline's stages as columns, each with its running count (and its substages') and the
best-scored leads first, paged per column."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from crm.domain.customers import CustomerStatus
from crm.domain.model import Model
from crm.domain.pipelines import Stage, StageId
from crm.domain.qualification.fields import LeadPriority, LeadRating
from crm.domain.qualification.lead_pipelines import LeadPipeline

MAX_CARDS = 50


class LeadBoardParams(Model):
    """Query parameters of GET /lead-pipelines/{id}/board."""

    model_config = ConfigDict(extra="forbid")

    owner_id: Annotated[str, Field(min_length=1, max_length=128, description="Only this owner's leads (a rep's "
                                                                         "board is always their own)")] | None = None
    stage: Annotated[StageId, Field(description="Only this column, from `cursor` on")] | None = None
    cursor: Annotated[str, Field(max_length=2000, description="A column's next_cursor; needs `stage`")] | None = None
    per_column: Annotated[int, Field(ge=1, le=MAX_CARDS, description="Cards per column")] = 10

    @model_validator(mode="after")
    def _cursor_of_a_column(self) -> LeadBoardParams:
        if self.cursor is not None and self.stage is None:
            raise ValueError("a cursor pages one column: give its stage too")
        return self


class LeadCard(Model):
    """A lead as its card shows it."""

    id: str
    name: str
    organization: str | None = None
    status: CustomerStatus
    owner_id: str | None = None
    priority: LeadPriority | None = None
    rating: LeadRating | None = None
    score: int | None = None
    lead_stage: str
    lead_substage: str | None = None
    lead_stage_entered_at: datetime | None = None
    tags: list[str] = []


class LeadColumn(Model):
    stage: Stage
    count: int = Field(description="Customers in the stage (the owner's, for an owner's board), from running totals")
    substage_counts: dict[str, int] = Field(description="Per substage id; `_none` counts those in no substage")
    cards: list[LeadCard]
    next_cursor: str | None = Field(description="Pass with `stage` for the column's next cards")


class LeadBoard(Model):
    pipeline: LeadPipeline
    owner_id: str | None = None
    total: int
    columns: list[LeadColumn]
