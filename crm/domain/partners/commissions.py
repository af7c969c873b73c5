"""Commissions: what a conversion earned a partner, pending until approved (after the hold period, or by a manager),
reversed when the purchase is refunded, paid when a payout that includes it is paid."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from crm.domain.common import DocumentId, Versioned, from_cents
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.money import Currency
from crm.domain.paging import ListPage
from crm.domain.partners.conversions import ConversionType, month_of
from crm.errors import FailedPreconditionError


class CommissionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REVERSED = "reversed"
    PAID = "paid"


class Commission(Versioned):
    id: str
    partner_id: str
    conversion_id: str
    conversion_type: ConversionType
    link_id: str | None = None
    customer_id: str | None = Field(None, description="Hidden from affiliates")
    currency: str
    amount: Decimal
    rule: str = Field(description="The plan's rule that gave the amount, in words")
    status: CommissionStatus = CommissionStatus.PENDING
    earned_at: datetime
    approvable_at: datetime = Field(description="When the hold period ends and it is approved on its own")
    approved_at: datetime | None = None
    approved_by: str | None = None
    reversed_at: datetime | None = None
    reversal_reason: str | None = None
    payout_id: str | None = None
    paid_at: datetime | None = None
    created_at: datetime
    updated_at: datetime

    @property
    def month(self) -> str:
        return month_of(self.earned_at)


class CommissionsPage(ListPage[Commission]):
    """One page of commissions, newest first."""


class CommissionListParams(Model):
    model_config = ConfigDict(extra="forbid")

    partner_id: DocumentId | None = None
    status: CommissionStatus | None = None
    currency: Currency | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None


def new_commission(*, commission_id: str, partner_id: str, conversion_id: str, conversion_type: ConversionType,
                   link_id: str | None, customer_id: str | None, cents: int, currency: str, rule: str,
                   earned_at: datetime, hold_days: int, now: datetime) -> Commission:
    return Commission(
        id=commission_id, partner_id=partner_id, conversion_id=conversion_id, conversion_type=conversion_type,
        link_id=link_id, customer_id=customer_id, currency=currency, amount=from_cents(cents), rule=rule,
        earned_at=earned_at, approvable_at=max(earned_at, now) + timedelta(days=hold_days), created_at=now,
        updated_at=now,
    )


def approve(commission: Commission, *, by: str, now: datetime) -> Commission:
    """A pending commission becomes approved: payable.

    Raises:
        FailedPreconditionError: it is not pending.
    """
    if commission.status is not CommissionStatus.PENDING:
        raise _refused(commission, "approved", "only a pending commission can be approved")
    return commission.model_copy(update={"status": CommissionStatus.APPROVED, "approved_at": now,
                                         "approved_by": by, "updated_at": now})


def reverse(commission: Commission, *, reason: str, now: datetime) -> tuple[Commission, str]:
    """A commission whose purchase was refunded is reversed; returns it and the wallet bucket its amount leaves:
    ``pending`` while pending, else ``approved`` (for one already in a payout or paid, that claws it back from the
    approved balance, which may go below zero until later commissions make up for it).

    Raises:
        FailedPreconditionError: it is already reversed.
    """
    if commission.status is CommissionStatus.REVERSED:
        raise _refused(commission, "reversed", "the commission is already reversed")
    taken_from = "pending" if commission.status is CommissionStatus.PENDING else "approved"
    reversed_ = commission.model_copy(update={"status": CommissionStatus.REVERSED, "reversed_at": now,
                                              "reversal_reason": reason, "updated_at": now})
    return reversed_, taken_from


def include_in_payout(commission: Commission, payout_id: str, *, now: datetime) -> Commission:
    if commission.status is not CommissionStatus.APPROVED or commission.payout_id is not None:
        raise _refused(commission, "paid", "only an approved commission outside any payout can be paid")
    return commission.model_copy(update={"payout_id": payout_id, "updated_at": now})


def mark_paid(commission: Commission, *, now: datetime) -> Commission:
    return commission.model_copy(update={"status": CommissionStatus.PAID, "paid_at": now, "updated_at": now})


def release_from_payout(commission: Commission, *, now: datetime) -> Commission:
    return commission.model_copy(update={"payout_id": None, "updated_at": now})


def _refused(commission: Commission, action: str, message: str) -> FailedPreconditionError:
    text = f"commission {commission.id} is {commission.status.value}: {message}"
    return FailedPreconditionError(text, [{"field": "status", "message": text, "current": commission.status.value,
                                           "action": action}])
