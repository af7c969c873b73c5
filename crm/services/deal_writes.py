"""Writing a deal with everything that follows from it, in the same transaction: its customer's lifetime value and
status, its pipeline's running totals, its tags' counts, and the owners and currencies reports break down by."""

from __future__ import annotations

from datetime import datetime

from crm.domain import deal_transitions as transitions
from crm.domain.customers import credit_lifetime_value
from crm.domain.deals import Deal, DealStatus
from crm.domain.money import CurrencyRates
from crm.domain.pipelines import Pipeline
from crm.services.ports import Transaction
from crm.services.qualification.follow import followed_lead


def save_deal(tx: Transaction, before: Deal | None, after: Deal, pipeline: Pipeline, rates: CurrencyRates,
              now: datetime) -> Deal:
    """Stage ``after`` (``before``: the deal as read, None for a new one) with its consequences.

    Returns:
        The deal as written: with the value it credits its customer while won, in the base currency.
    """
    saved = _credited(before, after, rates)
    _credit_customer(tx, before, saved, now)
    tx.stats.record(before, saved)
    tx.tags.deal_changed(before, saved)
    tx.deals.put(saved, pipeline)
    tx.config.note_deal_dimensions(saved.owner_id, saved.currency)
    return saved


def remove_deal(tx: Transaction, deal: Deal, now: datetime) -> None:
    """Stage the deal's deletion; a won deal's value leaves its customer's lifetime value."""
    _credit_customer(tx, deal, None, now)
    tx.stats.record(deal, None)
    tx.tags.deal_changed(deal, None)
    tx.deals.delete(deal.id)


def _credited(before: Deal | None, after: Deal, rates: CurrencyRates) -> Deal:
    """``after`` with what it credits its customer: nothing unless won; a won deal keeps its credit unless its
    value or currency changed, so a later change of rates does not move lifetime values."""
    if after.status is not DealStatus.WON:
        return after.model_copy(update={"won_base_cents": 0})
    unchanged = before is not None and before.status is DealStatus.WON and (before.value, before.currency) == (
        after.value, after.currency)
    worth = before.won_base_cents if before is not None and unchanged else transitions.won_value_in_base(after, rates)
    return after.model_copy(update={"won_base_cents": worth})


def _credit_customer(tx: Transaction, before: Deal | None, after: Deal | None, now: datetime) -> None:
    """Move the customer's lifetime value by the change in credit; a newly won deal also makes a lead a customer."""
    held = before.won_base_cents if before else 0
    worth = after.won_base_cents if after else 0
    newly_won = after is not None and after.status is DealStatus.WON and (
        before is None or before.status is not DealStatus.WON)
    deal = after or before
    if deal is None or (worth == held and not newly_won):
        return
    customer = tx.customers.get(deal.customer_id)
    if customer is not None:
        credited = credit_lifetime_value(customer, worth - held, won_deal=newly_won, now=now)
        tx.customers.put(followed_lead(tx, customer, credited), customer)
