"""Commission plans, for one partner or a tier of them: a fixed amount per sign-up in each currency, and a
percentage of the first purchase, or of every purchase for N months from the first. What a conversion earns is
computed here in minor units, in the conversion's own currency (never converted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from crm.domain.common import InputModel, Versioned, refuse_null, to_cents
from crm.domain.model import Model
from crm.domain.money import Amount, Currency
from crm.errors import ValidationFailedError

PlanName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Percent = Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)]
MAX_CURRENCIES = 20


class PurchaseScope(StrEnum):
    FIRST = "first"
    RECURRING = "recurring"


class PlanFields(InputModel):
    server_owned_fields = frozenset({"id", "created_at", "updated_at"})

    name: PlanName | None = None
    signup_amounts: Annotated[dict[Currency, Amount], Field(max_length=MAX_CURRENCIES, description=(
        "A fixed amount per sign-up, per currency; a sign-up earns in its own currency, else the partner's"))] | None \
        = None
    purchase_percent: Annotated[Percent, Field(description="Percentage of a purchase, in its currency")] | None = None
    purchase_scope: Annotated[PurchaseScope, Field(description="first: the first purchase only; recurring: every "
                                                               "purchase for recurring_months")] | None = None
    recurring_months: Annotated[int, Field(ge=1, le=120)] | None = None


class PlanCreate(PlanFields):
    name: PlanName

    @model_validator(mode="after")
    def _recurring(self) -> PlanCreate:
        if self.purchase_scope is PurchaseScope.RECURRING and not self.recurring_months:
            raise ValueError("a recurring plan needs recurring_months")
        return self


class PlanUpdate(PlanFields):
    _not_null = refuse_null("name", "signup_amounts", "purchase_scope")


class CommissionPlan(Versioned):
    id: str
    name: str
    signup_amounts: dict[str, Decimal] = {}
    purchase_percent: Decimal | None = None
    purchase_scope: PurchaseScope = PurchaseScope.FIRST
    recurring_months: int | None = None
    created_at: datetime
    updated_at: datetime


class PlansPage(Model):
    model_config = ConfigDict(extra="forbid")

    results: list[CommissionPlan]
    total: int


def new_plan(data: PlanCreate, *, plan_id: str, now: datetime) -> CommissionPlan:
    fields = data.model_dump(exclude_none=True)
    return CommissionPlan(**fields, id=plan_id, created_at=now, updated_at=now)


def apply_update(plan: CommissionPlan, data: PlanUpdate, *, now: datetime) -> CommissionPlan:
    changes: dict[str, Any] = {name: getattr(data, name) for name in data.model_fields_set}
    updated = plan.model_copy(update={**changes, "updated_at": now})
    if updated.purchase_scope is PurchaseScope.RECURRING and not updated.recurring_months:
        message = "a recurring plan needs recurring_months"
        raise ValidationFailedError(message, [{"field": "recurring_months", "message": message}])
    return updated


@dataclass(frozen=True)
class Earning:
    """What one conversion earns: ``cents`` of ``currency``, and the rule that gave it, in words."""

    cents: int
    currency: str
    rule: str


def signup_earning(plan: CommissionPlan, currency: str) -> Earning | None:
    """The fixed sign-up amount in ``currency``; None if the plan pays nothing for sign-ups in it."""
    amount = plan.signup_amounts.get(currency)
    if not amount:
        return None
    return Earning(to_cents(amount), currency, f"{amount} {currency} per sign-up")


def purchase_earning(plan: CommissionPlan, amount_cents: int, currency: str, *, first_purchase_at: datetime | None,
                     occurred_at: datetime) -> Earning | None:
    """The plan's percentage of a purchase of ``amount_cents``, rounded half up to the cent; None if the plan pays
    nothing for it (no percentage, not the first purchase of a first-purchase plan, or past the recurring months).

    ``first_purchase_at`` is when the referred customer's first attributed purchase happened (None: this is it).
    """
    if plan.purchase_percent is None or amount_cents <= 0:
        return None
    percent = plan.purchase_percent
    if plan.purchase_scope is PurchaseScope.FIRST:
        if first_purchase_at is not None:
            return None
        rule = f"{percent}% of the first purchase"
    else:
        months = plan.recurring_months or 0
        if first_purchase_at is not None and occurred_at >= add_months(first_purchase_at, months):
            return None
        rule = f"{percent}% of every purchase for {months} months"
    cents = int((Decimal(amount_cents) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Earning(cents, currency, rule) if cents > 0 else None


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    days = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31,
            30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days))
