"""The deal aggregate: money moving through a pipeline's stages, with its stage history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, computed_field, field_validator, model_validator

from crm.domain.common import CENTS, DocumentId, InputModel, Versioned, refuse_null
from crm.domain.customers import MAX_TAGS, Tag, unique_tags
from crm.domain.model import Model
from crm.domain.money import MAX_AMOUNT, Amount, Currency, weighted
from crm.domain.paging import ListPage
from crm.domain.pipelines import Pipeline, Stage, StageKind
from crm.errors import FailedPreconditionError, ValidationFailedError

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
Probability = Annotated[int, Field(ge=0, le=100)]
MAX_LINE_ITEMS = 100
MAX_HISTORY = 100
DEAL_NOTES_LENGTH = 5000

SERVER_OWNED = frozenset(
    {"id", "created_at", "updated_at", "closed_at", "stage_history", "expected_revenue", "status",
     "stage_entered_at", "next_activity_at"}
)


class DealStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class LineItem(Model):
    model_config = ConfigDict(extra="forbid")

    product_id: Id | None = None
    name: Title
    quantity: Annotated[Decimal, Field(gt=0, le=1_000_000, decimal_places=3)]
    unit_price: Amount

    @computed_field
    @property
    def total(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENTS, rounding=ROUND_HALF_UP)

    def priced(self) -> LineItem:
        return self


class LineItemInput(Model):
    """A line item as a request gives it: with a ``product_id``, the name and unit price may be left out and come
    from the catalog (the price in the deal's currency)."""

    model_config = ConfigDict(extra="forbid")

    product_id: Id | None = None
    name: Title | None = None
    quantity: Annotated[Decimal, Field(gt=0, le=1_000_000, decimal_places=3)]
    unit_price: Amount | None = None

    @model_validator(mode="after")
    def _named_and_priced(self) -> LineItemInput:
        if self.product_id is None and (self.name is None or self.unit_price is None):
            raise ValueError("a line item without product_id needs a name and a unit_price")
        return self

    def priced(self) -> LineItem | None:
        """The stored line item, when the request gave everything it needs."""
        if self.name is None or self.unit_price is None:
            return None
        return LineItem(product_id=self.product_id, name=self.name, quantity=self.quantity, unit_price=self.unit_price)


class StageChange(Model):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_stage: str | None = Field(None, alias="from")
    to: str
    at: datetime
    by: str
    pipeline_id: str | None = None
    from_substage: str | None = None
    substage: str | None = None


class DealFields(InputModel):
    server_owned_fields = SERVER_OWNED

    title: Title | None = None
    value: Amount | None = None
    currency: Currency | None = None
    probability: Probability | None = None
    expected_close_date: date | None = None
    owner_id: Id | None = None
    notes: Annotated[str, StringConstraints(strip_whitespace=True, max_length=DEAL_NOTES_LENGTH)] | None = None
    line_items: Annotated[list[LineItemInput], Field(max_length=MAX_LINE_ITEMS)] | None = None
    person_id: Annotated[DocumentId, Field(description="A contact person of the deal's customer")] | None = None
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] | None = None

    @field_validator("tags")
    @classmethod
    def _normalize_tags(cls, tags: list[str] | None) -> list[str] | None:
        return None if tags is None else unique_tags(tags)

    @model_validator(mode="after")
    def _value_from_line_items(self) -> DealFields:
        priced = [item.priced() for item in self.line_items or []]
        if self.line_items and all(item is not None for item in priced):
            self.value = line_items_value([item for item in priced if item is not None], self.value)
        return self

    def priced_line_items(self) -> list[LineItem] | None:
        """The line items as stored, once every one has its name and price (see crm.services.catalog)."""
        if self.line_items is None:
            return None
        priced = [item.priced() for item in self.line_items]
        if any(item is None for item in priced):
            raise ValueError("line items are not priced yet")
        return [item for item in priced if item is not None]


def line_items_value(items: list[LineItem], value: Decimal | None) -> Decimal:
    """What the line items add up to, which ``value`` (if given) must equal.

    Raises:
        ValueError: the sum is over the largest amount, or differs from ``value``.
    """
    total = sum((item.total for item in items), Decimal("0.00"))
    if total > MAX_AMOUNT:
        raise ValueError(f"line_items add up to {total}, more than the largest amount {MAX_AMOUNT}")
    if value is not None and value != total:
        raise ValueError(f"value must equal the sum of line_items ({total}); or leave value out")
    return total


class DealCreate(DealFields):
    customer_id: DocumentId
    title: Title
    pipeline_id: DocumentId | None = None
    stage: Id | None = None
    substage: Annotated[Id, Field(description="A substage of `stage` (or of the first open stage)")] | None = None
    lost_reason: Annotated[Reason, Field(description="Why the deal was lost: required when `stage` is a lost "
                                                     "stage, refused otherwise")] | None = None


class DealUpdate(DealFields):
    """Partial update of a deal's own fields; stages change only through the transition endpoints."""

    server_owned_fields = SERVER_OWNED | {"stage", "pipeline_id", "customer_id", "lost_reason", "substage"}

    _not_null = refuse_null("title", "value", "currency", "line_items", "probability", "owner_id", "tags")


class StageMove(Model):
    model_config = ConfigDict(extra="forbid")

    stage: Id
    pipeline_id: DocumentId | None = None
    reason: Reason | None = None
    substage: Annotated[Id, Field(description="A substage of the stage; moving within a stage names only a new "
                                              "substage")] | None = None


class LostReason(Model):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class Reopen(Model):
    model_config = ConfigDict(extra="forbid")

    stage: Id | None = None


class Deal(Versioned):
    id: str
    customer_id: str
    title: str
    value: Decimal = Decimal("0.00")
    currency: str
    pipeline_id: str
    stage: str
    substage: str | None = None
    probability: int
    status: DealStatus = DealStatus.OPEN
    expected_close_date: date | None = None
    owner_id: str | None = None
    notes: str | None = None
    line_items: list[LineItem] = []
    person_id: str | None = None
    tags: list[str] = []
    lost_reason: str | None = None
    closed_at: datetime | None = None
    stage_entered_at: datetime
    stage_history: list[StageChange] = []
    next_activity_at: datetime | None = Field(
        None, description="When the deal's next open activity is due (the earliest due date of its scheduled and "
                          "in-progress activities); null when it has none")
    created_at: datetime
    updated_at: datetime
    won_base_cents: int = Field(0, exclude=True, description="What the deal added to its customer's lifetime value")

    @computed_field
    @property
    def expected_revenue(self) -> Decimal:
        return weighted(self.value, self.probability)


class DealsPage(ListPage[Deal]):
    """One page of deals."""


STATUS_BY_KIND = {StageKind.OPEN: DealStatus.OPEN, StageKind.WON: DealStatus.WON, StageKind.LOST: DealStatus.LOST}


def new_deal(data: DealCreate, *, deal_id: str, pipeline: Pipeline, currency: str, by: str, now: datetime) -> Deal:
    """A deal entering its first stage, by the same rules as a deal moved there: a lost stage needs a reason, and
    a won or lost deal has its stage's probability.

    Raises:
        ValidationFailedError: on ``lost_reason``, ``probability`` or ``substage``.
    """
    stage = pipeline.stage(data.stage) if data.stage else pipeline.first_open()
    require_substage(stage, data.substage, "substage")
    if data.lost_reason and stage.kind is not StageKind.LOST:
        raise _invalid("lost_reason", f"only a deal created in a lost stage has a lost_reason; {stage.id} is "
                                      f"{stage.kind.value}")
    require_reason(stage, data.lost_reason, "lost_reason")
    if stage.kind is not StageKind.OPEN and data.probability not in (None, stage.probability):
        raise _invalid("probability", f"a {STATUS_BY_KIND[stage.kind].value} deal has its stage's probability "
                                      f"({stage.probability}); leave probability out")
    fields = data.model_dump(exclude={"pipeline_id", "stage", "currency", "probability", "owner_id", "line_items",
                                      "lost_reason", "substage"}, exclude_none=True)
    deal = Deal(
        **fields,
        line_items=data.priced_line_items() or [],
        substage=data.substage,
        id=deal_id,
        currency=data.currency or currency,
        pipeline_id=pipeline.id,
        stage=stage.id,
        probability=data.probability if data.probability is not None else stage.probability,
        status=STATUS_BY_KIND[stage.kind],
        owner_id=data.owner_id or by,
        stage_entered_at=now,
        stage_history=[StageChange(from_stage=None, to=stage.id, at=now, by=by, pipeline_id=pipeline.id,
                                   substage=data.substage)],
        created_at=now,
        updated_at=now,
    )
    closed = stage.kind is not StageKind.OPEN
    return deal.model_copy(update={"closed_at": now if closed else None, "lost_reason": data.lost_reason})


def apply_update(deal: Deal, data: DealUpdate, *, now: datetime) -> Deal:
    """Apply the fields present in ``data``; while a deal has line items, its value is their sum, and while it is
    won or lost, its probability is its stage's.

    Raises:
        ValidationFailedError: a value that differs from the sum of the deal's line items.
        FailedPreconditionError: a new probability for a won or lost deal.
    """
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if "value" in changes and "line_items" not in changes and deal.line_items:
        total = sum((item.total for item in deal.line_items), Decimal("0.00"))
        if changes["value"] != total:
            message = f"value is the sum of the line items ({total}); change line_items, or clear them with []"
            raise ValidationFailedError(message, [{"field": "value", "message": message}])
    if deal.status is not DealStatus.OPEN and changes.get("probability", deal.probability) != deal.probability:
        raise FailedPreconditionError(
            f"deal {deal.id} is {deal.status.value}: its probability is its stage's ({deal.probability}); reopen it "
            "to change the probability", [{"field": "probability", "message": "fixed while the deal is closed"}])
    if data.line_items is not None:
        changes["line_items"] = data.priced_line_items()
    if data.line_items:
        changes["value"] = data.value
    return deal.model_copy(update={**changes, "updated_at": now})


def with_next_activity(deal: Deal, due: datetime | None, *, now: datetime) -> Deal | None:
    """The deal with ``due`` as its next activity, or None when that is what it holds already."""
    if deal.next_activity_at == due:
        return None
    return deal.model_copy(update={"next_activity_at": due, "updated_at": now})


def require_reason(stage: Stage, reason: str | None, field: str) -> None:
    """A deal enters a lost stage only with a reason.

    Raises:
        ValidationFailedError: on ``field``.
    """
    if stage.kind is StageKind.LOST and not reason:
        raise _invalid(field, "a reason is required to put a deal into a lost stage")


def require_substage(stage: Stage, substage_id: str | None, field: str) -> None:
    """A substage named for a stage must be one of its own.

    Raises:
        ValidationFailedError: on ``field``.
    """
    if substage_id is not None and stage.substage(substage_id) is None:
        known = ", ".join(s.id for s in stage.substages) or "none"
        raise _invalid(field, f"stage {stage.id} has no substage {substage_id!r} (its substages: {known})")


def _invalid(field: str, message: str) -> ValidationFailedError:
    return ValidationFailedError(message, [{"field": field, "message": message}])


def enter_stage(deal: Deal, pipeline: Pipeline, stage: Stage, *, by: str, now: datetime,
                lost_reason: str | None = None, substage: str | None = None) -> Deal:
    """Move ``deal`` into ``stage`` of ``pipeline`` (and its ``substage``, if named): probability, status,
    closed_at and history follow."""
    closed = stage.kind is not StageKind.OPEN
    entry = StageChange(from_stage=deal.stage, to=stage.id, at=now, by=by, pipeline_id=pipeline.id,
                        from_substage=deal.substage, substage=substage)
    return deal.model_copy(
        update={
            "pipeline_id": pipeline.id,
            "stage": stage.id,
            "substage": substage,
            "probability": stage.probability,
            "status": STATUS_BY_KIND[stage.kind],
            "closed_at": now if closed else None,
            "lost_reason": lost_reason if stage.kind is StageKind.LOST else None,
            "stage_entered_at": now,
            "stage_history": [*deal.stage_history, entry][-MAX_HISTORY:],
            "updated_at": now,
        }
    )


def enter_substage(deal: Deal, substage: str | None, *, by: str, now: datetime) -> Deal:
    """Move ``deal`` to another substage of its stage: a history entry; the time it entered its stage stays."""
    entry = StageChange(from_stage=deal.stage, to=deal.stage, at=now, by=by, pipeline_id=deal.pipeline_id,
                        from_substage=deal.substage, substage=substage)
    return deal.model_copy(update={"substage": substage, "stage_history": [*deal.stage_history, entry][-MAX_HISTORY:],
                                   "updated_at": now})
