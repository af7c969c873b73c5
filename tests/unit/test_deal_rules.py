"""Deal rules: creation defaults, line items and value, partial updates, expected revenue, list parameters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from crm.domain.deal_queries import DealListParams, DealOrder
from crm.domain.deals import Deal, DealCreate, DealStatus, DealUpdate, LineItem, apply_update, new_deal
from crm.domain.money import MAX_AMOUNT, weighted
from crm.domain.pipelines import default_pipeline
from crm.errors import FailedPreconditionError, ValidationFailedError

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)
SALES = default_pipeline(NOW)


def create(**body: Any) -> Deal:
    data = DealCreate.model_validate({"customer_id": "c-1", "title": "Arcade", **body})
    return new_deal(data, deal_id="d-1", pipeline=SALES, currency="EUR", by="user-1", now=NOW)


def item(quantity: str, unit_price: str, name: str = "Widget") -> dict[str, str]:
    return {"name": name, "quantity": quantity, "unit_price": unit_price}


def test_a_new_deal_starts_in_the_first_open_stage_with_its_probability():
    deal = create()
    assert (deal.pipeline_id, deal.stage, deal.probability, deal.status) == ("sales", "lead", 10, DealStatus.OPEN)
    assert (deal.currency, deal.owner_id, deal.value, deal.closed_at) == ("EUR", "user-1", Decimal("0.00"), None)
    assert (deal.created_at, deal.updated_at, deal.stage_entered_at) == (NOW, NOW, NOW)
    (entry,) = deal.stage_history
    assert (entry.from_stage, entry.to, entry.at, entry.by, entry.pipeline_id) == (None, "lead", NOW, "user-1", "sales")


def test_given_stage_probability_and_currency_are_kept():
    deal = create(stage="proposal", probability=33, currency="usd")
    assert (deal.stage, deal.probability, deal.currency) == ("proposal", 33, "USD")


def test_a_given_owner_is_kept():
    assert create(owner_id="rep-7").owner_id == "rep-7"


def test_a_given_stage_brings_its_own_probability():
    assert create(stage="negotiation").probability == 75


@pytest.mark.parametrize(("stage", "status", "reason"), [("closed_won", DealStatus.WON, None),
                                                       ("closed_lost", DealStatus.LOST, "budget")])
def test_a_deal_created_closed_is_closed_from_the_start(stage, status, reason):
    deal = create(stage=stage, lost_reason=reason)
    assert (deal.status, deal.closed_at, deal.probability) == (status, NOW, SALES.stage(stage).probability)
    assert deal.lost_reason == reason


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"stage": "closed_lost"}, "lost_reason", id="lost without a reason"),
    pytest.param({"stage": "closed_lost", "lost_reason": "  "}, "lost_reason", id="lost with a blank reason"),
    pytest.param({"stage": "proposal", "lost_reason": "budget"}, "lost_reason", id="a reason for an open stage"),
    pytest.param({"stage": "closed_won", "lost_reason": "budget"}, "lost_reason", id="a reason for the won stage"),
    pytest.param({"stage": "closed_won", "probability": 30}, "probability", id="won at 30%"),
    pytest.param({"stage": "closed_lost", "lost_reason": "budget", "probability": 40}, "probability",
                 id="lost at 40%"),
])
def test_a_deal_is_created_by_the_rules_of_the_stage_it_enters(body, field):
    with pytest.raises((ValidationFailedError, ValidationError)) as refused:
        create(**body)
    fields = ([d["field"] for d in refused.value.details] if isinstance(refused.value, ValidationFailedError)
              else [e["loc"][0] for e in refused.value.errors()])
    assert fields == [field]


def test_a_closed_deal_may_name_its_stages_probability():
    assert create(stage="closed_won", probability=100).probability == 100


@pytest.mark.parametrize("stage", ["closed_won", "closed_lost"])
def test_a_closed_deals_probability_does_not_change(stage):
    deal = create(stage=stage, lost_reason="budget" if stage == "closed_lost" else None)
    with pytest.raises(FailedPreconditionError, match="reopen"):
        apply_update(deal, DealUpdate(probability=50), now=LATER)
    same = apply_update(deal, DealUpdate(probability=deal.probability, title="Renamed"), now=LATER)
    assert (same.probability, same.title) == (deal.probability, "Renamed")


def test_an_open_deals_probability_changes():
    assert apply_update(create(), DealUpdate(probability=55), now=LATER).probability == 55


def test_a_probability_is_never_null():
    with pytest.raises(ValidationError, match="probability"):
        DealUpdate.model_validate({"probability": None})


@pytest.mark.parametrize(("items", "value"), [
    pytest.param([item("2", "3.50")], Decimal("7.00"), id="one item"),
    pytest.param([item("2", "3.50"), item("0.5", "10.00"), item("1.25", "0.80")], Decimal("13.00"), id="three items"),
    pytest.param([item("3", "0.10"), item("7", "0.10")], Decimal("1.00"), id="no float drift"),
])
def test_line_items_sum_into_the_value(items, value):
    assert DealCreate(customer_id="c", title="t", line_items=items).value == value


def test_a_new_deal_keeps_its_line_items_and_their_sum():
    deal = create(line_items=[item("2", "3.50"), item("1", "1.25", name="Cable")])
    assert deal.value == Decimal("8.25")
    assert [(i.name, i.total) for i in deal.line_items] == [("Widget", Decimal("7.00")), ("Cable", Decimal("1.25"))]


def test_a_value_equal_to_the_line_items_is_accepted():
    assert DealCreate(customer_id="c", title="t", value="7.00", line_items=[item("2", "3.50")]).value == Decimal("7")


def test_a_value_that_disagrees_with_the_line_items_is_refused():
    with pytest.raises(ValidationError, match=r"sum of line_items \(7.00\)"):
        DealCreate(customer_id="c", title="t", value="8", line_items=[item("2", "3.50")])


def test_a_line_item_total_rounds_half_up_like_all_other_money():
    # 0.5 x 0.05 = 0.025: to_cents and weighted round half up, so the line total should too (not to 0.02).
    assert LineItem(name="x", quantity=Decimal("0.5"), unit_price=Decimal("0.05")).total == Decimal("0.03")


def test_line_items_may_not_add_up_past_the_largest_amount():
    # Each item is in range, but the sum must still obey the value limit (it becomes the stored value).
    with pytest.raises(ValidationError):
        DealCreate(customer_id="c", title="t", line_items=[item("1000000", str(MAX_AMOUNT))])


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"title": ""}, "title", id="empty title"),
    pytest.param({"title": "t" * 201}, "title", id="201-char title"),
    pytest.param({"customer_id": ""}, "customer_id", id="empty customer"),
    pytest.param({"value": "-1"}, "value", id="negative value"),
    pytest.param({"value": "1.001"}, "value", id="three decimals"),
    pytest.param({"value": str(MAX_AMOUNT + 1)}, "value", id="value past the limit"),
    pytest.param({"currency": "EURO"}, "currency", id="four-letter currency"),
    pytest.param({"currency": "ABC"}, "currency", id="unknown currency"),
    pytest.param({"probability": 101}, "probability", id="probability 101"),
    pytest.param({"probability": -1}, "probability", id="probability -1"),
    pytest.param({"expected_close_date": "2024-13-01"}, "expected_close_date", id="bad date"),
    pytest.param({"line_items": [item("0", "1")]}, "line_items", id="zero quantity"),
    pytest.param({"line_items": [item("1.0001", "1")]}, "line_items", id="quantity with 4 decimals"),
    pytest.param({"line_items": [item("1", "-1")]}, "line_items", id="negative unit price"),
    pytest.param({"line_items": [{**item("1", "1"), "total": "1"}]}, "line_items", id="line total is derived"),
    pytest.param({"line_items": [item("1", "1")] * 101}, "line_items", id="101 line items"),
    pytest.param({"status": "won"}, "status", id="status"),
])
def test_bad_deal_fields_are_refused(body, field):
    with pytest.raises(ValidationError) as caught:
        DealCreate.model_validate({"customer_id": "c-1", "title": "Arcade", **body})
    assert field in str(caught.value)


@pytest.mark.parametrize("field", ["title", "value", "currency", "line_items"])
def test_an_update_cannot_null_a_required_field(field):
    with pytest.raises(ValidationError, match=f"{field} cannot be null"):
        DealUpdate.model_validate({field: None})


@pytest.mark.parametrize("field", ["stage", "pipeline_id", "customer_id", "lost_reason", "status", "closed_at"])
def test_server_owned_and_transition_fields_are_not_updatable(field):
    assert field in DealUpdate.server_owned_fields
    with pytest.raises(ValidationError):
        DealUpdate.model_validate({field: "x"})


def test_an_update_changes_only_the_fields_given():
    deal = create(value="100", notes="first", expected_close_date="2024-06-30")
    changed = apply_update(deal, DealUpdate.model_validate({"title": "Bigger", "notes": None}), now=LATER)
    assert (changed.title, changed.notes, changed.value, changed.expected_close_date) == (
        "Bigger", None, Decimal("100"), date(2024, 6, 30))
    assert (changed.updated_at, changed.created_at, changed.stage_history) == (LATER, NOW, deal.stage_history)


def test_updating_line_items_recomputes_the_value():
    deal = create(value="100")
    changed = apply_update(deal, DealUpdate.model_validate({"line_items": [item("4", "2.25")]}), now=LATER)
    assert changed.value == Decimal("9.00") and changed.line_items[0].total == Decimal("9.00")


@pytest.mark.parametrize(("value", "probability", "expected"), [
    pytest.param("1000", 10, "100.00", id="plain"),
    pytest.param("0.05", 50, "0.03", id="half a cent rounds up"),
    pytest.param("333.33", 33, "110.00", id="109.9989 rounds to 110.00"),
    pytest.param("10.01", 15, "1.50", id="1.5015 rounds down"),
    pytest.param("999999999999.99", 100, "999999999999.99", id="largest amount"),
    pytest.param("123.45", 0, "0.00", id="zero probability"),
])
def test_expected_revenue_is_value_times_probability_in_cents_half_up(value, probability, expected):
    assert weighted(Decimal(value), probability) == Decimal(expected)
    assert create(value=value, probability=probability).expected_revenue == Decimal(expected)


def test_default_list_order_is_newest_first_and_a_close_range_orders_by_close_date():
    assert DealListParams().order is DealOrder.CREATED_AT_DESC
    ranged = DealListParams(expected_close_from="2024-01-01")
    assert ranged.order is DealOrder.EXPECTED_CLOSE_DATE
    assert DealListParams(expected_close_to="2024-01-01", order_by="-expected_close_date").order.descending


@pytest.mark.parametrize(("params", "message"), [
    pytest.param({"expected_close_from": "2024-02-01", "order_by": "value"}, "orders by expected_close_date",
                 id="range with another order"),
    pytest.param({"expected_close_from": "2024-02-02", "expected_close_to": "2024-02-01"}, "is after",
                 id="range backwards"),
    pytest.param({"page": 202, "page_size": 25}, "follow next_cursor", id="page past the offset limit"),
    pytest.param({"order_by": "title"}, "order_by", id="unknown order"),
    pytest.param({"status": "closed"}, "status", id="unknown status"),
    pytest.param({"page_size": 0}, "page_size", id="page_size 0"),
    pytest.param({"owner": "x"}, "Extra inputs", id="unknown parameter"),
])
def test_bad_list_parameters_are_refused(params, message):
    with pytest.raises(ValidationError, match=message):
        DealListParams.model_validate(params)


@pytest.mark.parametrize("order", list(DealOrder))
def test_every_order_names_a_field_and_a_direction(order):
    assert order.field in {"value", "expected_close_date", "stage", "created_at", "updated_at"}
    assert order.descending is order.value.startswith("-")
