"""Deals on the emulator: creation defaults and transitions as stored, and the running stage statistics (the rest of
the deal use cases run on in-memory repositories: tests/unit/use_cases/test_deals.py)."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from crm.domain.customers import CustomerStatus
from crm.domain.deals import DealStatus
from crm.errors import FailedPreconditionError
from crm.services import deals as service
from tests.utils.deal_steps import lifetime_value, move, update, won
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator
REP = admin_caller("rep-1")


def test_a_new_deal_gets_the_defaults_and_is_stored_as_returned(reader, open_deal):
    created = open_deal(REP, value="1000")
    assert (created.pipeline_id, created.stage, created.probability, created.status) == (
        "sales", "lead", 10, DealStatus.OPEN)
    assert (created.currency, created.owner_id, created.expected_revenue) == ("EUR", "rep-1", Decimal("100.00"))
    assert [(e.from_stage, e.to, e.by) for e in created.stage_history] == [(None, "lead", "rep-1")]
    assert reader.get(created.id) == created


def test_a_given_stage_and_probability_are_kept(reader, open_deal):
    created = open_deal(stage="proposal", probability=42)
    assert (reader.get(created.id).stage, reader.get(created.id).probability) == ("proposal", 42)
    assert open_deal(stage="negotiation").probability == 75


def test_line_items_are_stored_with_their_sum_as_the_value(reader, open_deal):
    created = open_deal(line_items=[{"name": "Cabinet", "quantity": "2", "unit_price": "450.50"}])
    stored = reader.get(created.id)
    assert (stored.value, stored.line_items[0].total) == (Decimal("901.00"), Decimal("901.00"))


def test_stored_transitions_set_probability_closed_at_reason_and_history(transactions, reader, open_deal):
    deal = open_deal(value="500")
    advanced = service.advance_deal(transactions, deal.id, admin_caller("a"))
    lost = service.mark_deal_lost(transactions, deal.id, "went elsewhere", admin_caller("b"))
    stored = reader.get(deal.id)
    assert (stored.stage, stored.status, stored.probability, stored.lost_reason) == (
        "closed_lost", DealStatus.LOST, 0, "went elsewhere")
    assert stored.closed_at == lost.closed_at and stored.closed_at >= advanced.stage_entered_at
    reopened = service.reopen_deal(transactions, deal.id, None, admin_caller("c"))
    assert (reopened.stage, reopened.probability, reopened.closed_at, reopened.lost_reason) == (
        "qualified", 25, None, None)
    history = [(e.from_stage, e.to, e.by, e.pipeline_id) for e in reader.get(deal.id).stage_history]
    assert history == [(None, "lead", "admin-1", "sales"), ("lead", "qualified", "a", "sales"),
                       ("qualified", "closed_lost", "b", "sales"), ("closed_lost", "qualified", "c", "sales")]
    times = [e.at for e in reader.get(deal.id).stage_history]
    assert times == sorted(times)


def test_refused_transitions_change_nothing(transactions, reader, open_deal, stats):
    deal = open_deal()
    closed = won(transactions, deal.id)
    for refused in (lambda: service.advance_deal(transactions, deal.id, REP), lambda: won(transactions, deal.id),
                    lambda: move(transactions, deal.id, "closed_won")):
        with pytest.raises(FailedPreconditionError):
            refused()
    assert reader.get(deal.id) == closed
    assert stats("sales")["won"] == 1


def test_a_deal_created_won_counts_at_once(customers, create, open_deal):
    customer = create()
    open_deal(customer_id=customer.id, value="75", stage="closed_won")
    assert (lifetime_value(customers, customer.id), customers.get(customer.id).status) == (
        Decimal("75.00"), CustomerStatus.CUSTOMER)


def test_stage_stats_count_exits_time_and_outcomes(transactions, open_deal, stats):
    first, second = open_deal(), open_deal()
    time.sleep(0.3)
    service.advance_deal(transactions, first.id, REP)
    service.advance_deal(transactions, second.id, REP)
    won(transactions, first.id)
    service.mark_deal_lost(transactions, second.id, "no budget", REP)
    recorded = stats("sales")
    assert (recorded["won"], recorded["lost"]) == (1, 1)
    assert {s: v["exits"] for s, v in recorded["stages"].items()} == {"lead": 2, "qualified": 2}
    assert recorded["stages"]["lead"]["seconds"] >= 0.6
    service.reopen_deal(transactions, first.id, None, REP)
    service.delete_deal(transactions, second.id, REP)
    recorded = stats("sales")
    assert (recorded["won"], recorded["lost"]) == (0, 0)
    assert recorded["stages"]["closed_won"]["exits"] == 1


def test_stats_ignore_changes_that_keep_the_stage(transactions, open_deal, stats):
    deal = open_deal()
    update(transactions, deal.id, title="renamed", value="5")
    assert stats("sales") == {}
