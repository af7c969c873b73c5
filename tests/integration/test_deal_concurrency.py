"""Concurrent changes to deals: no lost updates on one deal, exact lifetime value over many won deals."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest

from crm.domain.customers import CustomerStatus
from crm.services import deals as service
from crm.store import unit_of_work
from tests.utils.deal_steps import lifetime_value, move, run_together, stage, update, won
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator
THREADS = 20
UNLOCKED_THREADS = 4  # without the in-process lock every conflict waits out the emulator's lock timeout
WON_DEALS = 10
PATCHES = {
    "title": "Final title",
    "value": "4321.09",
    "notes": "patched notes",
    "expected_close_date": "2025-02-28",
    "currency": "USD",
}


def many_stages(count: int) -> list[dict]:
    return [stage("start", probability=1)] + [stage(f"s{n}", probability=n) for n in range(count)] + [
        stage("won", "won", 100), stage("lost", "lost", 0)]


def assert_history_chains(history, movers: list[str]) -> None:
    """Each mover's entry is there exactly once, and each entry starts where the one before it ended."""
    assert sorted(e.by for e in history[1:]) == sorted(movers)
    for before, after in zip(history, history[1:], strict=False):
        assert after.from_stage == before.to, [(e.from_stage, e.to) for e in history]


def test_twenty_concurrent_moves_and_patches_on_one_deal_lose_nothing(transactions, reader, make_pipeline,
                                                                     open_deal, set_rates, stats):
    set_rates(USD="0.9")
    movers = THREADS - len(PATCHES)
    pipeline = make_pipeline(stages=many_stages(movers))
    deal = open_deal(pipeline_id=pipeline.id, stage="start")
    fields = list(PATCHES)

    def change(n: int) -> str:
        if n < len(fields):
            update(transactions, deal.id, **{fields[n]: PATCHES[fields[n]]})
        else:
            move(transactions, deal.id, f"s{n - len(fields)}", admin_caller(f"mover-{n}"))
        return "ok"

    assert run_together(change, THREADS) == ["ok"] * THREADS

    stored = reader.get(deal.id)
    assert (stored.title, stored.value, stored.notes, str(stored.expected_close_date), stored.currency) == (
        "Final title", Decimal("4321.09"), "patched notes", "2025-02-28", "USD")
    assert_history_chains(stored.stage_history, [f"mover-{n}" for n in range(len(fields), THREADS)])
    assert stored.stage == stored.stage_history[-1].to
    assert stored.probability == pipeline.stage(stored.stage).probability
    exits = stats(pipeline.id)["stages"]
    assert sum(v["exits"] for v in exits.values()) == movers


def test_concurrent_moves_without_the_in_process_lock_still_lose_nothing(transactions, reader, make_pipeline,
                                                                        open_deal, monkeypatch):
    """Separate instances do not share the per-record lock; Firestore's transaction alone must keep them apart."""
    monkeypatch.setattr(unit_of_work, "_record_locks", lambda keys: contextlib.nullcontext())
    pipeline = make_pipeline(stages=many_stages(UNLOCKED_THREADS))
    deal = open_deal(pipeline_id=pipeline.id, stage="start")

    def change(n: int) -> str:
        move(transactions, deal.id, f"s{n}", admin_caller(f"mover-{n}"))
        return "ok"

    assert run_together(change, UNLOCKED_THREADS) == ["ok"] * UNLOCKED_THREADS
    assert_history_chains(reader.get(deal.id).stage_history, [f"mover-{n}" for n in range(UNLOCKED_THREADS)])


def test_winning_ten_deals_of_one_customer_at_once_sums_exactly(transactions, customers, create, open_deal,
                                                              stats):
    customer = create(status="prospect")
    values = [Decimal(f"{n * 111}.{n:02d}") + Decimal("0.01") for n in range(1, WON_DEALS + 1)]
    deals = [open_deal(customer_id=customer.id, value=str(v)) for v in values]

    assert [d.status for d in run_together(lambda n: won(transactions, deals[n].id), WON_DEALS)] == ["won"] * WON_DEALS

    after = customers.get(customer.id)
    assert (after.lifetime_value, after.status) == (sum(values), CustomerStatus.CUSTOMER)
    assert stats("sales")["won"] == WON_DEALS


def test_winning_and_reopening_at_once_leaves_only_what_stays_won(transactions, customers, create, open_deal):
    customer = create()
    deals = [open_deal(customer_id=customer.id, value=str(10 ** n)) for n in range(6)]
    for deal in deals[:3]:
        won(transactions, deal.id)

    def flip(n: int):
        if n < 3:
            return service.reopen_deal(transactions, deals[n].id, None, admin_caller())
        return won(transactions, deals[n].id)

    run_together(flip, 6)
    assert lifetime_value(customers, customer.id) == Decimal("111000.00")
