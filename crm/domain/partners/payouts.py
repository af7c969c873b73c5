"""Payouts: a manager pays a partner's approved balance in one currency; the payout names the commissions it pays,
each of which can be in one payout only, and is marked paid (with the transfer's reference) or cancelled."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from crm.domain.common import DocumentId, InputModel, Versioned
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.money import Currency
from crm.domain.paging import ListPage
from crm.errors import FailedPreconditionError

MAX_COMMISSIONS = 400
"""A payout pays at most this many commissions (one transaction writes them all); more wait for the next one."""


class PayoutStatus(StrEnum):
    CREATED = "created"
    PAID = "paid"
    CANCELLED = "cancelled"


class PayoutCreate(InputModel):
    partner_id: DocumentId
    currency: Currency


class PayoutPaid(Model):
    model_config = ConfigDict(extra="forbid")

    reference: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                         Field(description="The bank transfer's or payment's reference")]


class Payout(Versioned):
    id: str
    partner_id: str
    currency: str
    amount: Decimal
    commission_ids: list[str]
    status: PayoutStatus = PayoutStatus.CREATED
    reference: str | None = None
    created_at: datetime
    created_by: str
    paid_at: datetime | None = None
    paid_by: str | None = None
    cancelled_at: datetime | None = None
    cancelled_by: str | None = None
    updated_at: datetime


class PayoutsPage(ListPage[Payout]):
    """One page of payouts, newest first."""


class PayoutListParams(Model):
    model_config = ConfigDict(extra="forbid")

    partner_id: DocumentId | None = None
    status: PayoutStatus | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None


def payout_cents(approved_balance: int, commissions: list[int]) -> int:
    """What a payout pays: the approved commissions it includes, less what reversals have clawed back from the
    balance (never more than the balance).

    Raises:
        FailedPreconditionError: there is nothing to pay.
    """
    cents = min(approved_balance, sum(commissions))
    if cents <= 0 or not commissions:
        raise FailedPreconditionError("there is no approved balance to pay in this currency",
                                      [{"field": "currency", "message": "no approved balance"}])
    return cents


def mark_paid(payout: Payout, reference: str, *, by: str, now: datetime) -> Payout:
    """Raises: FailedPreconditionError: the payout is already paid or cancelled."""
    _still_open(payout, "marked paid")
    return payout.model_copy(update={"status": PayoutStatus.PAID, "reference": reference, "paid_at": now,
                                     "paid_by": by, "updated_at": now})


def cancel(payout: Payout, *, by: str, now: datetime) -> Payout:
    """Raises: FailedPreconditionError: the payout is already paid or cancelled."""
    _still_open(payout, "cancelled")
    return payout.model_copy(update={"status": PayoutStatus.CANCELLED, "cancelled_at": now, "cancelled_by": by,
                                     "updated_at": now})


def _still_open(payout: Payout, action: str) -> None:
    if payout.status is not PayoutStatus.CREATED:
        message = f"payout {payout.id} is {payout.status.value}; only a created payout can be {action}"
        raise FailedPreconditionError(message, [{"field": "status", "message": message,
                                                 "current": payout.status.value}])
