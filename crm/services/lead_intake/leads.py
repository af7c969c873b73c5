"""Receiving a lead: a new customer with status lead and a task to follow it up, or, for a customer we already have
(same email, else same phone), only the task; spam is counted and dropped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crm.domain import activities as activity_rules
from crm.domain import customers as customer_rules
from crm.domain.customers import Customer
from crm.domain.lead_intake.intake import LeadOutcome, follow_up, lead_customer
from crm.domain.lead_intake.sources import LeadSource
from crm.domain.lead_intake.submissions import LeadSubmission, spam_reason
from crm.errors import AlreadyExistsError
from crm.identity import Caller
from crm.services.lead_intake.ports import (
    CustomerMatcher,
    LeadSourceReader,
    LeadTransaction,
    LeadTransactions,
)


@dataclass(frozen=True)
class ReceivedLead:
    outcome: LeadOutcome
    customer_id: str | None = None
    activity_id: str | None = None
    spam: str | None = None


def source_caller(source: LeadSource) -> Caller:
    """Who the audit trail says made the lead: the source."""
    return Caller(uid=f"leadsource:{source.id}", role=None, via="lead_source")


def receive_lead(transactions: LeadTransactions, matcher: CustomerMatcher, counters: LeadSourceReader,
                 source: LeadSource, submission: LeadSubmission, *, now: datetime,
                 default_language: str) -> ReceivedLead:
    """Turn a submission into a lead, or into a task on the customer it already is.

    Two leads with the same new email at once make one customer: the second finds the first's email claimed, and
    becomes a task on it.
    """
    reason = spam_reason(submission, source, now)
    if reason is not None:
        counters.count(source.id, LeadOutcome.SPAM, now)
        return ReceivedLead(LeadOutcome.SPAM, spam=reason)
    existing = _match(matcher, submission)
    if existing is None:
        try:
            created = _create(transactions, source, submission, now, default_language)
            counters.count(source.id, LeadOutcome.CREATED, now)
            return created
        except AlreadyExistsError:
            existing = _match(matcher, submission)
            if existing is None:
                raise
    received = _follow_up_existing(transactions, source, submission, existing, now)
    counters.count(source.id, LeadOutcome.MATCHED, now)
    return received


def _match(matcher: CustomerMatcher, submission: LeadSubmission) -> Customer | None:
    found = matcher.by_email(submission.email) if submission.email else None
    if found is None and submission.phone:
        found = matcher.by_phone(submission.phone)
    return found


def _create(transactions: LeadTransactions, source: LeadSource, submission: LeadSubmission, now: datetime,
            default_language: str) -> ReceivedLead:
    data = lead_customer(submission, source, now)

    def work(tx: LeadTransaction) -> ReceivedLead:
        customer = customer_rules.new_customer(data, customer_id=tx.customers.new_id(), by=source_caller(source).uid,
                                               now=now, default_language=default_language)
        customer = customer.model_copy(update={"owner_id": source.owner_id, "lead_source_id": source.id,
                                               "last_activity_at": now})
        task = activity_rules.new_activity(follow_up(submission, source, customer.id, existing=False, due=now),
                                           activity_id=tx.activities.new_id(), customer_id=customer.id,
                                           by=source.owner_id, now=now)
        tx.customers.put(customer, None)
        tx.activities.put(task)
        return ReceivedLead(LeadOutcome.CREATED, customer.id, task.id)

    return transactions.run(work, actor=source_caller(source))


def _follow_up_existing(transactions: LeadTransactions, source: LeadSource, submission: LeadSubmission,
                        customer: Customer, now: datetime) -> ReceivedLead:
    def work(tx: LeadTransaction) -> ReceivedLead:
        current = tx.customers.get_active(customer.id) or customer
        owner = current.owner_id or source.owner_id
        task = activity_rules.new_activity(follow_up(submission, source, current.id, existing=True, due=now),
                                           activity_id=tx.activities.new_id(), customer_id=current.id, by=owner,
                                           now=now)
        tx.activities.put(task)
        touched = activity_rules.touch_customer(current, task)
        if touched is not None:
            tx.customers.put(touched, current)
        return ReceivedLead(LeadOutcome.MATCHED, current.id, task.id)

    return transactions.run(work, actor=source_caller(source), lock=[f"customers/{customer.id}"])
