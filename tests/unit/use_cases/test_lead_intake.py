"""Receiving a lead, on in-memory repositories: a new lead with its task, a task for a customer we have, spam
counted and dropped, and a lead that lost the race for its email to another becoming a task on that one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm.domain.customers import Customer
from crm.domain.lead_intake.intake import LeadOutcome
from crm.domain.lead_intake.sources import LeadSource
from crm.domain.lead_intake.submissions import LeadSubmission
from crm.services.lead_intake.leads import receive_lead

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class Matcher:
    """Finds customers by email or phone in memory; ``blind`` first answers find nothing (a race's window)."""

    def __init__(self, memory, blind: int = 0):
        self._memory = memory
        self.blind = blind

    def by_email(self, email: str) -> Customer | None:
        if self.blind:
            self.blind -= 1
            return None
        return next((c for c in self._memory.customers.values() if email in c.emails() and not c.deleted_at), None)

    def by_phone(self, e164: str) -> Customer | None:
        return next((c for c in self._memory.customers.values() if any(x.value == e164 for x in c.contacts)), None)


class Counters:
    def __init__(self) -> None:
        self.counted: list[LeadOutcome] = []

    def get(self, source_id): ...
    def all(self): return []

    def count(self, source_id: str, outcome: LeadOutcome, now: datetime) -> None:
        self.counted.append(outcome)


@pytest.fixture
def source() -> LeadSource:
    return LeadSource(id="web", name="Website", owner_id="maria", token="lst_x", tags=["web"], created_at=NOW,
                      created_by="admin", updated_at=NOW)


def receive(transactions, memory, source, submission, blind: int = 0):
    counters = Counters()
    received = receive_lead(transactions, Matcher(memory, blind), counters, source, submission, now=NOW,
                            default_language="el")
    return received, counters.counted


def test_a_new_lead_is_a_customer_with_status_lead_and_a_task(transactions, memory, source):
    received, counted = receive(transactions, memory, source, LeadSubmission(name="Eleni", email="eleni@example.gr",
                                                                            message="Quote please"))

    customer = memory.customers[received.customer_id]
    task = memory.activities[received.activity_id]
    assert received.outcome is LeadOutcome.CREATED and counted == [LeadOutcome.CREATED]
    assert (customer.status.value, customer.source.value, customer.owner_id) == ("lead", "website", "maria")
    assert customer.lead_source_id == "web" and customer.tags == ["web"] and customer.last_activity_at == NOW
    assert task.customer_id == customer.id and task.owner_id == "maria" and "Quote please" in task.description
    assert transactions.runs[-1][0] == "leadsource:web", "the audit names the source"


def test_a_known_email_gets_a_task_for_its_owner(transactions, memory, source, create):
    known = create(name="Known", email="known@example.com", owner_id="nikos")

    received, counted = receive(transactions, memory, source, LeadSubmission(email="known@example.com"))

    assert received.outcome is LeadOutcome.MATCHED and received.customer_id == known.id
    assert len(memory.customers) == 1 and memory.activities[received.activity_id].owner_id == "nikos"
    assert counted == [LeadOutcome.MATCHED]


def test_spam_is_counted_and_nothing_is_written(transactions, memory, source):
    received, counted = receive(transactions, memory, source, LeadSubmission(email="bot@example.com", honeypot="x"))
    assert received.outcome is LeadOutcome.SPAM and counted == [LeadOutcome.SPAM]
    assert memory.customers == {} and memory.activities == {}


def test_a_lead_that_loses_the_race_for_its_email_becomes_a_task_on_the_winner(transactions, memory, source, create):
    winner = create(name="First post", email="race@example.com")

    received, _ = receive(transactions, memory, source, LeadSubmission(email="race@example.com"), blind=1)

    assert received.outcome is LeadOutcome.MATCHED and received.customer_id == winner.id
    assert list(memory.customers) == [winner.id]
