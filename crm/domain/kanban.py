"""The deals board: a pipeline's stages as columns, each with its figures (from the running totals) and a page of
its most valuable deals as cards; what a card shows, and the rules that mark it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, model_validator

from crm.domain.common import Versioned
from crm.domain.deal_reports import UNCONVERTED, PipelineReportParams, StageFigures
from crm.domain.deals import DealStatus
from crm.domain.model import Model
from crm.domain.pipelines import Stage, is_rotting
from crm.errors import InvalidArgumentError

Id = Annotated[str, Field(min_length=1, max_length=128)]
DEFAULT_PER_COLUMN = 10
MAX_PER_COLUMN = 50


class KanbanParams(PipelineReportParams):
    per_column: Annotated[int, Field(ge=1, le=MAX_PER_COLUMN)] = Field(
        DEFAULT_PER_COLUMN, description=f"Deals listed per column, highest value first (1-{MAX_PER_COLUMN})")
    owner_id: Id | None = Field(None, description="Only this owner's deals, cards and figures alike (a rep's board "
                                                  "always holds only their own)")
    stage: Id | None = Field(None, description="Only this stage's column (with `cursor`: its next cards)")
    cursor: str | None = Field(None, max_length=2000,
                               description="A column's next_cursor, with that column's `stage`: its next cards")

    @model_validator(mode="after")
    def _cursor_names_its_column(self) -> KanbanParams:
        if self.cursor and not self.stage:
            message = "a cursor pages one column: give its stage too"
            raise InvalidArgumentError(message, [{"field": "stage", "message": message}])
        return self


@dataclass(frozen=True)
class CustomerRef:
    """What a card needs of its customer: the name, and the owner (who decides whether the caller may see it)."""

    name: str
    owner_id: str | None


class DealCard(Versioned):
    """A deal as a board card shows it."""

    id: str
    title: str
    customer_id: str
    customer_name: str | None = Field(None, description="null when the customer is deleted or not the caller's to "
                                                        "see")
    owner_id: str | None = None
    value: Decimal
    currency: str
    probability: int
    expected_revenue: Decimal
    expected_close_date: date | None = None
    status: DealStatus
    stage_entered_at: datetime
    next_activity_at: datetime | None = Field(None, description="When the deal's next open activity is due")
    rotting: bool = Field(False, description="Open, and idle in its stage longer than the stage's rotting_days")


@dataclass(frozen=True)
class ColumnCards:
    """A page of a column's cards, and the cursor of its next page (None on the last)."""

    cards: list[DealCard]
    next_cursor: str | None


class KanbanColumn(StageFigures):
    probability: int
    color: str
    rotting_days: int | None = Field(None, description="Open deals idle here longer than this are marked rotting")
    deals: list[DealCard] = Field(description="A page of the column's deals, highest value first")
    next_cursor: str | None = Field(description="Pass as cursor (with this stage) for the column's next cards")


class Kanban(Model):
    """The board of one pipeline."""

    pipeline_id: str
    pipeline_name: str
    per_column: int
    owner_id: str | None = Field(None, description="The owner the board is limited to, if any")
    columns: list[KanbanColumn] = Field(description="One per stage, in pipeline order (only `stage`'s when given)")
    unconverted_currencies: list[str] = UNCONVERTED


def marked(card: DealCard, stage: Stage, customer: CustomerRef | None, *, visible: bool, now: datetime) -> DealCard:
    """The card with its customer's name (if the caller may see that customer) and its rotting mark."""
    rotting = card.status is DealStatus.OPEN and is_rotting(stage, card.stage_entered_at, now)
    name = customer.name if customer is not None and visible else None
    return card.model_copy(update={"customer_name": name, "rotting": rotting})
