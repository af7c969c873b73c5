"""Deal use cases on in-memory repositories: refusals, transitions, and the lifetime value won deals credit their
customer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm.domain.customers import CustomerStatus
from crm.errors import NotFoundError, ValidationFailedError
from crm.services import customers as customer_service
from crm.services import deals as service
from tests.utils.deal_steps import lifetime_value, move, update, won
from tests.utils.factories import admin_caller

REP = admin_caller("rep-1")


def test_a_given_owner_is_kept(reader, open_deal):
    created = open_deal(REP, owner_id="rep-2")
    assert (created.owner_id, reader.get(created.id).owner_id) == ("rep-2", "rep-2")


def test_a_currency_without_a_rate_is_refused_until_one_is_set(open_deal, set_rates, create):
    customer = create()
    with pytest.raises(ValidationFailedError, match="no exchange rate from USD to EUR") as caught:
        open_deal(customer_id=customer.id, currency="USD")
    assert caught.value.details[0]["field"] == "currency"
    set_rates(USD="0.9")
    assert open_deal(customer_id=customer.id, currency="usd").currency == "USD"


@pytest.mark.parametrize("deleted", [False, True], ids=["missing customer", "deleted customer"])
def test_a_deal_needs_an_active_customer(transactions, customers, create, open_deal, deleted):
    customer_id = "no-such-customer"
    if deleted:
        customer_id = create().id
        customer_service.delete_customer(transactions, customer_id, REP)
    with pytest.raises(ValidationFailedError) as caught:
        open_deal(customer_id=customer_id)
    assert caught.value.details[0]["field"] == "customer_id"


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"pipeline_id": "nope"}, "pipeline_id", id="unknown pipeline"),
    pytest.param({"stage": "nope"}, "stage", id="unknown stage"),
    pytest.param({"stage": "contact"}, "stage", id="stage of another pipeline"),
])
def test_a_deal_needs_an_existing_pipeline_and_stage(open_deal, make_pipeline, body, field):
    make_pipeline()
    with pytest.raises(ValidationFailedError) as caught:
        open_deal(**body)
    assert caught.value.details[0]["field"] == field


def test_move_to_another_pipeline(transactions, reader, open_deal, make_pipeline):
    renewals = make_pipeline()
    deal = open_deal()
    moved = move(transactions, deal.id, "quote", pipeline_id=renewals.id)
    assert (moved.pipeline_id, moved.stage, moved.probability) == (renewals.id, "quote", 60)
    assert reader.get(deal.id).stage_history[-1].pipeline_id == renewals.id
    with pytest.raises(ValidationFailedError):
        move(transactions, deal.id, "lead", pipeline_id="nope")


def test_transitions_of_a_missing_deal_are_not_found(transactions, reader):
    for act in (lambda: service.advance_deal(transactions, "nope", REP), lambda: won(transactions, "nope"),
                lambda: service.delete_deal(transactions, "nope", REP), lambda: service.get_deal(reader, "nope", REP),
                lambda: update(transactions, "nope", title="x")):
        with pytest.raises(NotFoundError):
            act()


def test_winning_deals_builds_lifetime_value_and_makes_a_customer(transactions, customers, create, open_deal):
    customer = create(status="lead")
    first = open_deal(customer_id=customer.id, value="1200.10")
    second = open_deal(customer_id=customer.id, value="0.15")
    open_deal(customer_id=customer.id, value="999")
    won(transactions, first.id)
    after = customers.get(customer.id)
    assert (after.lifetime_value, after.status) == (Decimal("1200.10"), CustomerStatus.CUSTOMER)
    won(transactions, second.id)
    assert lifetime_value(customers, customer.id) == Decimal("1200.25")


def test_lifetime_value_in_another_currency_uses_the_rate_when_won(transactions, customers, create, open_deal,
                                                                  set_rates):
    set_rates(USD="0.9", GBP="1.17")
    customer = create()
    usd = open_deal(customer_id=customer.id, value="1000.00", currency="USD")
    gbp = open_deal(customer_id=customer.id, value="10.01", currency="GBP")
    won(transactions, usd.id)
    won(transactions, gbp.id)
    assert lifetime_value(customers, customer.id) == Decimal("911.71")  # 900.00 + 11.7117 -> 11.71
    set_rates(USD="2", GBP="1.17")
    service.reopen_deal(transactions, usd.id, None, REP)
    assert lifetime_value(customers, customer.id) == Decimal("11.71"), "reopening takes back what winning added"


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param({"value": "650.50"}, "650.50", id="value raised"),
    pytest.param({"value": "100"}, "100.00", id="value lowered"),
    pytest.param({"line_items": [{"name": "x", "quantity": "3", "unit_price": "10"}]}, "30.00", id="line items"),
    pytest.param({"title": "renamed"}, "500.00", id="other field"),
])
def test_changing_a_won_deal_adjusts_lifetime_value_by_the_difference(transactions, customers, create, open_deal,
                                                                     change, expected):
    customer = create()
    other = open_deal(customer_id=customer.id, value="20")
    deal = open_deal(customer_id=customer.id, value="500")
    won(transactions, other.id)
    won(transactions, deal.id)
    update(transactions, deal.id, **change)
    assert lifetime_value(customers, customer.id) == Decimal(expected) + 20


def test_changing_the_currency_of_a_won_deal_converts_it(transactions, customers, create, open_deal, set_rates):
    set_rates(USD="0.5")
    customer = create()
    deal = open_deal(customer_id=customer.id, value="300")
    won(transactions, deal.id)
    update(transactions, deal.id, currency="USD")
    assert lifetime_value(customers, customer.id) == Decimal("150.00")
    with pytest.raises(ValidationFailedError):
        update(transactions, deal.id, currency="JPY")


@pytest.mark.parametrize("undo", ["reopen", "lose", "delete"])
def test_undoing_a_win_takes_its_value_back(transactions, customers, reader, create, open_deal, undo):
    customer = create()
    kept = open_deal(customer_id=customer.id, value="40")
    deal = open_deal(customer_id=customer.id, value="360")
    won(transactions, kept.id)
    won(transactions, deal.id)
    if undo == "reopen":
        service.reopen_deal(transactions, deal.id, "proposal", REP)
    elif undo == "lose":
        service.mark_deal_lost(transactions, deal.id, "refund", REP)
    else:
        service.delete_deal(transactions, deal.id, REP)
        assert reader.get(deal.id) is None
    assert lifetime_value(customers, customer.id) == Decimal("40.00")


def test_deleting_an_open_deal_leaves_lifetime_value_alone(transactions, customers, create, open_deal):
    customer = create()
    won(transactions, open_deal(customer_id=customer.id, value="10").id)
    service.delete_deal(transactions, open_deal(customer_id=customer.id, value="99").id, REP)
    assert lifetime_value(customers, customer.id) == Decimal("10.00")


def test_a_deal_update_keeps_value_equal_to_its_line_items(transactions, reader, open_deal):
    deal = open_deal()
    update(transactions, deal.id, line_items=[{"name": "x", "quantity": "2", "unit_price": "50"}])
    assert reader.get(deal.id).value == Decimal("100.00")
    try:
        update(transactions, deal.id, value="30")
    except ValidationFailedError:
        return
    stored = reader.get(deal.id)
    assert not stored.line_items or stored.value == sum(i.total for i in stored.line_items), (
        f"value {stored.value} disagrees with line items {[i.total for i in stored.line_items]}")
