"""A customer's qualification fields: what a caller may write (priority, rating, score) and what the lead board
keeps (the lead pipeline, stage and substage it stands in, written only by moves)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from crm.domain.model import Model

Score = Annotated[int, Field(ge=0, le=100, description="0-100; moving a lead on a lead board sets it")]
LEAD_SERVER_OWNED = frozenset({"lead_pipeline_id", "lead_stage", "lead_substage", "lead_stage_entered_at"})


class LeadPriority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


class LeadRating(StrEnum):
    HOT = "hot"
    WARM = "warm"
    COLD = "cold"


class LeadInput(Model):
    """The qualification fields a create or update may give; each null (not set) unless given."""

    priority: LeadPriority | None = None
    rating: LeadRating | None = None
    score: Score | None = None


class LeadRecord(Model):
    """The qualification fields of a stored customer."""

    priority: LeadPriority | None = None
    rating: LeadRating | None = None
    score: Score | None = None
    lead_pipeline_id: str | None = Field(None, description="The lead pipeline whose board shows the customer")
    lead_stage: str | None = Field(None, description="Its stage there (set by moves, convert and mark-lost)")
    lead_substage: str | None = None
    lead_stage_entered_at: datetime | None = None

    @property
    def on_lead_board(self) -> bool:
        return self.lead_pipeline_id is not None and self.lead_stage is not None
