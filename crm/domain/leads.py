"""Leads: converting one into a prospect with a first deal, or recording why it was lost."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import ConfigDict

from crm.domain.common import DocumentId
from crm.domain.customers import Customer, CustomerStatus
from crm.domain.deals import Deal, DealCreate, Reason, Title
from crm.domain.model import Model
from crm.domain.money import Amount, Currency
from crm.errors import FailedPreconditionError


class LeadConversion(Model):
    """The first deal of a converted lead; every field optional."""

    model_config = ConfigDict(extra="forbid")

    pipeline_id: DocumentId | None = None
    title: Title | None = None
    value: Amount | None = None
    currency: Currency | None = None
    expected_close_date: date | None = None

    def deal_for(self, customer: Customer) -> DealCreate:
        return DealCreate(
            customer_id=customer.id,
            title=self.title or f"{customer.organization or customer.name}: first deal",
            value=self.value,
            currency=self.currency,
            pipeline_id=self.pipeline_id,
            expected_close_date=self.expected_close_date,
        )


class LeadLost(Model):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class ConvertedLead(Model):
    customer: Customer
    deal: Deal


def convert(customer: Customer, *, now: datetime) -> Customer:
    """A lead becomes a prospect.

    Raises:
        FailedPreconditionError: the customer is not a lead.
    """
    if customer.status is not CustomerStatus.LEAD:
        raise FailedPreconditionError(f"only a lead can be converted; this customer is {customer.status.value}")
    return customer.model_copy(update={"status": CustomerStatus.PROSPECT, "updated_at": now})


def mark_lost(customer: Customer, reason: str, *, now: datetime) -> Customer:
    """A lead or prospect that will not buy: churned, with the reason and time recorded.

    Raises:
        FailedPreconditionError: the customer is neither a lead nor a prospect.
    """
    if customer.status not in (CustomerStatus.LEAD, CustomerStatus.PROSPECT):
        raise FailedPreconditionError(
            f"only a lead or prospect can be marked lost; this customer is {customer.status.value}"
        )
    return customer.model_copy(
        update={"status": CustomerStatus.CHURNED, "lost_reason": reason, "lost_at": now, "updated_at": now}
    )
