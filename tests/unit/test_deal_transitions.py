"""Stage transitions of a deal (advance, move, win, lose, reopen) and what a won deal adds to lifetime value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from crm.domain import deal_transitions as t
from crm.domain.deals import Deal, DealCreate, DealStatus, new_deal
from crm.domain.money import CurrencyRates, CurrencyRatesUpdate
from crm.domain.pipelines import Pipeline, Stage, default_pipeline
from crm.errors import FailedPreconditionError, ValidationFailedError

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
SALES = default_pipeline(NOW)
OTHER = Pipeline(
    id="other", name="Other", created_at=NOW, updated_at=NOW,
    stages=[Stage(id="intro", name="Intro", probability=5), Stage(id="lead", name="Lead", probability=40),
            Stage(id="done", name="Done", probability=100, kind="won"),
            Stage(id="dropped", name="Dropped", probability=0, kind="lost")],
)


def deal(**body: Any) -> Deal:
    data = DealCreate.model_validate({"customer_id": "c-1", "title": "Arcade", "value": "250.00", **body})
    return new_deal(data, deal_id="d-1", pipeline=SALES, currency="EUR", by="creator", now=NOW)


def won() -> Deal:
    return t.mark_won(deal(stage="proposal"), SALES, by="closer", now=NOW)


def lost() -> Deal:
    return t.mark_lost(deal(stage="proposal"), SALES, "too dear", by="closer", now=NOW)


def last_entry(moved: Deal) -> tuple:
    e = moved.stage_history[-1]
    return e.from_stage, e.to, e.at, e.by, e.pipeline_id


def test_advance_enters_the_next_open_stage_with_its_probability_and_a_history_entry():
    moved = t.advance(deal(), SALES, by="rep", now=LATER)
    assert (moved.stage, moved.probability, moved.status, moved.closed_at) == ("qualified", 25, DealStatus.OPEN, None)
    assert (moved.stage_entered_at, moved.updated_at) == (LATER, LATER)
    assert last_entry(moved) == ("lead", "qualified", LATER, "rep", "sales")
    assert len(moved.stage_history) == 2


def test_advance_from_the_last_open_stage_wins_the_deal():
    moved = t.advance(deal(stage="negotiation"), SALES, by="rep", now=LATER)
    assert (moved.stage, moved.status, moved.probability, moved.closed_at) == ("closed_won", DealStatus.WON, 100, LATER)


@pytest.mark.parametrize(("closed", "state"), [(won, "won"), (lost, "lost")])
def test_advancing_a_closed_deal_is_refused_with_a_clear_message(closed, state):
    with pytest.raises(FailedPreconditionError, match=f"is {state}; reopen it before you advance it"):
        t.advance(closed(), SALES, by="rep", now=LATER)


def test_move_into_any_open_stage_of_the_pipeline():
    moved = t.move(deal(), SALES, "negotiation", reason=None, by="rep", now=LATER)
    assert (moved.stage, moved.probability, moved.lost_reason) == ("negotiation", 75, None)
    assert last_entry(moved) == ("lead", "negotiation", LATER, "rep", "sales")


def test_move_backwards_is_allowed():
    moved = t.move(deal(stage="negotiation"), SALES, "lead", reason=None, by="rep", now=LATER)
    assert (moved.stage, moved.probability) == ("lead", 10)


def test_move_into_the_won_stage_closes_the_deal():
    moved = t.move(deal(), SALES, "closed_won", reason=None, by="rep", now=LATER)
    assert (moved.status, moved.closed_at) == (DealStatus.WON, LATER)


def test_move_into_a_lost_stage_needs_a_reason_and_keeps_it():
    with pytest.raises(ValidationFailedError) as caught:
        t.move(deal(), SALES, "closed_lost", reason=None, by="rep", now=LATER)
    assert caught.value.details[0]["field"] == "reason"
    moved = t.move(deal(), SALES, "closed_lost", reason="budget cut", by="rep", now=LATER)
    assert (moved.status, moved.lost_reason, moved.probability, moved.closed_at) == (
        DealStatus.LOST, "budget cut", 0, LATER)


def test_a_reason_given_for_an_open_stage_is_not_kept():
    assert t.move(deal(), SALES, "proposal", reason="why not", by="rep", now=LATER).lost_reason is None


def test_move_to_an_unknown_stage_is_a_validation_error_on_stage():
    with pytest.raises(ValidationFailedError, match="no stage 'nowhere'") as caught:
        t.move(deal(), SALES, "nowhere", reason=None, by="rep", now=LATER)
    assert caught.value.details[0]["field"] == "stage"


def test_move_to_the_current_stage_is_refused():
    with pytest.raises(FailedPreconditionError, match="already in stage lead"):
        t.move(deal(), SALES, "lead", reason=None, by="rep", now=LATER)


def test_move_to_the_same_stage_id_in_another_pipeline_is_a_real_move():
    moved = t.move(deal(), OTHER, "lead", reason=None, by="rep", now=LATER)
    assert (moved.pipeline_id, moved.stage, moved.probability) == ("other", "lead", 40)
    assert last_entry(moved) == ("lead", "lead", LATER, "rep", "other")


def test_mark_won_from_open_or_lost():
    from_lost = t.mark_won(lost(), SALES, by="rep", now=LATER)
    assert (from_lost.status, from_lost.stage, from_lost.lost_reason, from_lost.closed_at) == (
        DealStatus.WON, "closed_won", None, LATER)
    with pytest.raises(FailedPreconditionError, match="already won"):
        t.mark_won(won(), SALES, by="rep", now=LATER)


def test_mark_lost_records_the_reason_and_refuses_twice():
    closed = lost()
    assert (closed.status, closed.stage, closed.lost_reason, closed.probability) == (
        DealStatus.LOST, "closed_lost", "too dear", 0)
    with pytest.raises(FailedPreconditionError, match="already lost"):
        t.mark_lost(closed, SALES, "again", by="rep", now=LATER)
    from_won = t.mark_lost(won(), SALES, "changed mind", by="rep", now=LATER)
    assert (from_won.status, from_won.lost_reason) == (DealStatus.LOST, "changed mind")


@pytest.mark.parametrize("closed", [won, lost])
def test_reopen_returns_to_the_stage_the_deal_was_closed_from(closed):
    reopened = t.reopen(closed(), SALES, None, by="rep", now=LATER)
    assert (reopened.stage, reopened.status, reopened.probability) == ("proposal", DealStatus.OPEN, 50)
    assert (reopened.closed_at, reopened.lost_reason) == (None, None)
    assert last_entry(reopened)[:2] == (closed().stage, "proposal")


def test_reopen_into_a_named_open_stage():
    assert t.reopen(won(), SALES, "qualified", by="rep", now=LATER).stage == "qualified"


def test_reopen_of_a_deal_created_closed_goes_to_the_first_open_stage():
    assert t.reopen(deal(stage="closed_won"), SALES, None, by="rep", now=LATER).stage == "lead"


def test_reopen_falls_back_to_the_first_open_stage_when_the_old_stage_is_gone():
    closed = t.move(deal(), OTHER, "intro", reason=None, by="rep", now=NOW)
    closed = t.mark_won(closed, OTHER, by="rep", now=NOW)
    assert t.reopen(closed, SALES, None, by="rep", now=LATER).stage == "lead"


@pytest.mark.parametrize(("stage", "field_message"), [
    pytest.param("closed_lost", "not an open stage", id="a lost stage"),
    pytest.param("closed_won", "not an open stage", id="the won stage"),
    pytest.param("nowhere", "no stage 'nowhere'", id="an unknown stage"),
])
def test_reopen_into_a_stage_that_is_not_open_is_refused(stage, field_message):
    with pytest.raises(ValidationFailedError, match=field_message) as caught:
        t.reopen(won(), SALES, stage, by="rep", now=LATER)
    assert caught.value.details[0]["field"] == "stage"


def test_reopening_an_open_deal_is_refused():
    with pytest.raises(FailedPreconditionError, match="only won or lost deals can be reopened"):
        t.reopen(deal(), SALES, None, by="rep", now=LATER)


def test_history_is_kept_in_order_through_a_whole_life():
    d = deal()
    d = t.advance(d, SALES, by="a", now=NOW)
    d = t.mark_lost(d, SALES, "no", by="b", now=NOW)
    d = t.reopen(d, SALES, None, by="c", now=NOW)
    d = t.mark_won(d, SALES, by="d", now=NOW)
    assert [(e.from_stage, e.to, e.by) for e in d.stage_history] == [
        (None, "lead", "creator"), ("lead", "qualified", "a"), ("qualified", "closed_lost", "b"),
        ("closed_lost", "qualified", "c"), ("qualified", "closed_won", "d")]


RATES = CurrencyRates(base="EUR", rates={"USD": Decimal("0.9"), "JPY": Decimal("0.0062")})


@pytest.mark.parametrize(("value", "currency", "cents"), [
    pytest.param("250.00", "EUR", 25000, id="base currency"),
    pytest.param("1000.00", "USD", 90000, id="USD at 0.9"),
    pytest.param("0.01", "USD", 1, id="0.009 rounds half up to a cent"),
    pytest.param("12345", "JPY", 7654, id="JPY at 0.0062 (76.539)"),
    pytest.param("0", "EUR", 0, id="nothing"),
])
def test_won_value_in_base_converts_with_the_rate(value, currency, cents):
    closed = t.mark_won(deal(value=value, currency=currency), SALES, by="rep", now=NOW)
    assert t.won_value_in_base(closed, RATES) == cents


@pytest.mark.parametrize("make", [lambda: deal(currency="USD"), lost])
def test_a_deal_that_is_not_won_is_worth_nothing(make):
    assert t.won_value_in_base(make(), RATES) == 0


def test_a_won_deal_in_a_currency_without_a_rate_is_refused():
    closed = t.mark_won(deal(currency="GBP"), SALES, by="rep", now=NOW)
    with pytest.raises(FailedPreconditionError, match="no exchange rate from GBP to EUR"):
        t.won_value_in_base(closed, RATES)


def test_rates_cover_the_base_and_configured_currencies_only():
    assert RATES.covers("EUR") and RATES.covers("USD") and not RATES.covers("GBP")
    assert CurrencyRatesUpdate.model_validate({"rates": {"usd": "1.1"}}).rates == {"USD": Decimal("1.1")}


@pytest.mark.parametrize("rates", [
    pytest.param({"USD": 0}, id="zero rate"),
    pytest.param({"USD": -1}, id="negative rate"),
    pytest.param({"USD": "1000001"}, id="rate too large"),
    pytest.param({"XX": 1}, id="bad code"),
    pytest.param({"USD": "abc"}, id="rate not a number"),
])
def test_bad_rates_are_refused(rates):
    with pytest.raises(ValidationError):
        CurrencyRatesUpdate.model_validate({"rates": rates})
