"""Lead use cases: convert a lead into a prospect with a first deal, or mark it lost."""

from __future__ import annotations

from crm.domain import access
from crm.domain import deals as deal_rules
from crm.domain import leads as rules
from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.domain.leads import ConvertedLead, LeadConversion
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.deal_writes import save_deal
from crm.services.lookups import pipeline_for, rates_covering
from crm.services.ports import Transaction, Transactions
from crm.services.qualification.follow import followed_lead


def convert_lead(transactions: Transactions, customer_id: str, conversion: LeadConversion,
                 caller: Caller) -> ConvertedLead:
    """Make a lead a prospect and open its first deal in the first open stage, in one transaction.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        FailedPreconditionError: the customer is not a lead.
        ValidationFailedError: the pipeline does not exist, or the currency has no rate.
    """

    def work(tx: Transaction) -> ConvertedLead:
        customer = _active(tx, customer_id, caller)
        now = utc_now()
        prospect = followed_lead(tx, customer, rules.convert(customer, now=now))
        pipeline = pipeline_for(tx, conversion.pipeline_id)
        rates = rates_covering(tx, conversion.currency)
        deal = deal_rules.new_deal(
            conversion.deal_for(customer), deal_id=tx.deals.new_id(), pipeline=pipeline, currency=rates.base,
            by=caller.uid, now=now,
        )
        deal = save_deal(tx, None, deal, pipeline, rates, now)
        tx.customers.put(prospect, customer)
        return ConvertedLead(customer=prospect, deal=deal)

    return transactions.run(work, actor=caller, lock=[f"customers/{customer_id}"])


def mark_lead_lost(transactions: Transactions, customer_id: str, reason: str, caller: Caller) -> Customer:
    """Record that a lead or prospect was lost, and why.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        FailedPreconditionError: the customer is neither a lead nor a prospect.
    """

    def work(tx: Transaction) -> Customer:
        customer = _active(tx, customer_id, caller)
        lost = followed_lead(tx, customer, rules.mark_lost(customer, reason, now=utc_now()))
        tx.customers.put(lost, customer)
        return lost

    return transactions.run(work, actor=caller, lock=[f"customers/{customer_id}"])


def _active(tx: Transaction, customer_id: str, caller: Caller) -> Customer:
    customer = tx.customers.get_active(customer_id)
    if customer is None or not access.sees(caller, customer.owner_id):
        raise NotFoundError(f"customer {customer_id} not found")
    return customer
