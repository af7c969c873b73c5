"""Substages: the steps inside a pipeline stage ("No answer", "Demo booked"), each with an optional score. Lead
pipelines use the score (moving a lead into a substage sets the lead's score); deal pipelines show where a deal
stands within its stage."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from crm.domain.model import Model

MAX_SUBSTAGES = 20
SubstageId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]


class Substage(Model):
    model_config = ConfigDict(extra="forbid")

    id: SubstageId
    status: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
                      Field(description="The substage's name as the team says it (\"No answer\", \"Demo booked\")")]
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    score: Annotated[int, Field(ge=0, le=100, description="A lead's score in this substage; without it, the "
                                                          "stage's probability")] | None = None


def _unique(substages: list[Substage]) -> list[Substage]:
    ids = [s.id for s in substages]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"substage ids must be unique within a stage: {', '.join(duplicates)}")
    return substages


Substages = Annotated[list[Substage], Field(max_length=MAX_SUBSTAGES), AfterValidator(_unique)]
