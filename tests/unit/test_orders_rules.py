"""Order rules without Firestore: the status table, what may be edited when, and the models' validation."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from crm.domain.orders import (
    Order,
    OrderCreate,
    OrderListParams,
    OrderOrder,
    OrderStatus,
    OrderUpdate,
    StatusChange,
    apply_update,
    new_order,
    order_number_key,
    transition,
)
from crm.errors import FailedPreconditionError

S = OrderStatus
CREATED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
LATER = CREATED + timedelta(hours=3)

ALLOWED = {
    (S.PENDING, S.CONFIRMED), (S.PENDING, S.CANCELLED),
    (S.CONFIRMED, S.PROCESSING), (S.CONFIRMED, S.CANCELLED),
    (S.PROCESSING, S.SHIPPED), (S.PROCESSING, S.CANCELLED),
    (S.SHIPPED, S.DELIVERED),
}
NEXT = {
    S.PENDING: ["confirmed", "cancelled"],
    S.CONFIRMED: ["processing", "cancelled"],
    S.PROCESSING: ["shipped", "cancelled"],
    S.SHIPPED: ["delivered"],
    S.DELIVERED: [],
    S.CANCELLED: [],
}
PAIRS = list(itertools.product(OrderStatus, repeat=2))
ALLOWED_PAIRS = [pytest.param(a, b, id=f"{a}->{b}") for a, b in PAIRS if (a, b) in ALLOWED]
REFUSED_PAIRS = [pytest.param(a, b, id=f"{a}->{b}") for a, b in PAIRS if (a, b) not in ALLOWED]


def an_order(status: OrderStatus = S.PENDING, **fields) -> Order:
    values = {
        "id": "o1", "customer_id": "c1", "order_number": "SO-1", "total": Decimal("100.00"), "currency": "EUR",
        "status": status, "owner_id": "rep-1", "created_at": CREATED, "updated_at": CREATED,
        "status_history": [StatusChange(from_status=None, to=S.PENDING, at=CREATED, by="rep-1")],
    }
    return Order(**{**values, **fields})


def test_the_table_covers_every_pair():
    assert len(ALLOWED_PAIRS) == 7
    assert len(REFUSED_PAIRS) == 29


@pytest.mark.parametrize(("current", "target"), ALLOWED_PAIRS)
def test_allowed_transition_moves_and_records_it(current, target):
    moved = transition(an_order(current), target, by="rep-2", now=LATER)

    assert moved.status is target
    assert moved.updated_at == LATER
    assert moved.status_history[-1] == StatusChange(from_status=current, to=target, at=LATER, by="rep-2")
    assert len(moved.status_history) == 2
    assert moved.delivered_at == (LATER if target is S.DELIVERED else None)
    assert moved.cancelled_at == (LATER if target is S.CANCELLED else None)


@pytest.mark.parametrize(("current", "target"), REFUSED_PAIRS)
def test_refused_transition_names_the_allowed_next_statuses(current, target):
    order = an_order(current)

    with pytest.raises(FailedPreconditionError) as refused:
        transition(order, target, by="rep-2", now=LATER)

    allowed = NEXT[current]
    assert all(name in refused.value.message for name in allowed)
    if not allowed:
        assert "final" in refused.value.message
    assert refused.value.details == [
        {"field": "status", "message": refused.value.message, "current": current.value, "allowed": allowed}
    ]


def test_history_keeps_every_step_in_order():
    order = an_order()
    for step, target in enumerate((S.CONFIRMED, S.PROCESSING, S.SHIPPED, S.DELIVERED), start=1):
        order = transition(order, target, by=f"u{step}", now=CREATED + timedelta(minutes=step))

    assert [(h.from_status, h.to, h.by) for h in order.status_history] == [
        (None, S.PENDING, "rep-1"), (S.PENDING, S.CONFIRMED, "u1"), (S.CONFIRMED, S.PROCESSING, "u2"),
        (S.PROCESSING, S.SHIPPED, "u3"), (S.SHIPPED, S.DELIVERED, "u4"),
    ]
    assert order.delivered_at == CREATED + timedelta(minutes=4)


def test_history_serializes_with_from():
    entry = StatusChange(from_status=S.PENDING, to=S.CONFIRMED, at=LATER, by="u")
    assert set(entry.model_dump()) == {"from", "to", "at", "by"}


MONEY_EDITS = [pytest.param({"total": "250.00"}, ["total"], id="total"),
               pytest.param({"currency": "USD"}, ["currency"], id="currency"),
               pytest.param({"total": "1", "currency": "USD"}, ["total", "currency"], id="both")]


@pytest.mark.parametrize("status", [S.PENDING, S.CONFIRMED])
@pytest.mark.parametrize(("body", "fields"), MONEY_EDITS)
def test_money_changes_while_pending_or_confirmed(status, body, fields):
    updated = apply_update(an_order(status), OrderUpdate.model_validate(body), now=LATER)

    assert updated.total == Decimal(body.get("total", "100.00"))
    assert updated.currency == body.get("currency", "EUR")
    assert updated.updated_at == LATER


@pytest.mark.parametrize("status", [S.PROCESSING, S.SHIPPED, S.DELIVERED, S.CANCELLED])
@pytest.mark.parametrize(("body", "fields"), MONEY_EDITS)
def test_money_is_frozen_after_confirmation(status, body, fields):
    with pytest.raises(FailedPreconditionError) as refused:
        apply_update(an_order(status), OrderUpdate.model_validate(body), now=LATER)

    assert status.value in refused.value.message
    assert [d["field"] for d in refused.value.details] == fields


@pytest.mark.parametrize("status", list(OrderStatus))
def test_resending_the_same_money_and_editing_other_fields_is_fine_in_any_status(status):
    body = {"total": "100", "currency": "eur", "notes": "leave at the door", "shipping_address": {"city": "Patra"}}

    updated = apply_update(an_order(status), OrderUpdate.model_validate(body), now=LATER)

    assert (updated.total, updated.currency, updated.notes) == (Decimal("100.00"), "EUR", "leave at the door")
    assert updated.shipping_address.city == "Patra"
    assert updated.status is status


def test_new_order_is_pending_in_the_base_currency_owned_by_its_creator():
    data = OrderCreate.model_validate({"customer_id": "c1", "order_number": " SO-7 ", "total": 12.5})

    order = new_order(data, order_id="o7", currency="EUR", by="rep-9", now=CREATED)

    assert (order.status, order.currency, order.owner_id, order.order_number) == (S.PENDING, "EUR", "rep-9", "SO-7")
    assert order.total == Decimal("12.50") and str(order.total) == "12.50"
    assert order.status_history == [StatusChange(from_status=None, to=S.PENDING, at=CREATED, by="rep-9")]
    assert (order.created_at, order.updated_at) == (CREATED, CREATED)
    assert (order.delivered_at, order.cancelled_at) == (None, None)


def test_new_order_keeps_a_given_owner_and_currency():
    data = OrderCreate.model_validate(
        {"customer_id": "c1", "order_number": "SO-8", "total": "5", "currency": "usd", "owner_id": "rep-2"}
    )
    order = new_order(data, order_id="o8", currency="EUR", by="rep-9", now=CREATED)
    assert (order.currency, order.owner_id) == ("USD", "rep-2")


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"total": "-0.01"}, "total", id="negative total"),
    pytest.param({"total": "1.005"}, "total", id="three decimals"),
    pytest.param({"total": "lots"}, "total", id="total not a number"),
    pytest.param({"currency": "XYZ"}, "currency", id="not ISO 4217"),
    pytest.param({"order_number": "SO 1"}, "order_number", id="space in number"),
    pytest.param({"order_number": "-SO1"}, "order_number", id="number starts with a dash"),
    pytest.param({"order_number": "x" * 65}, "order_number", id="65-char number"),
    pytest.param({"notes": "n" * 5001}, "notes", id="5001-char notes"),
    pytest.param({"shipping_address": {"postal_code": "1" * 21}}, "shipping_address.postal_code", id="long postcode"),
    pytest.param({"shipping_address": {"street": "x"}}, "shipping_address.street", id="unknown address field"),
    pytest.param({"status": "shipped"}, "status", id="status"),
])
def test_bad_fields_are_refused(body, field):
    with pytest.raises(ValidationError) as refused:
        OrderCreate.model_validate({"customer_id": "c1", "order_number": "SO-1", "total": "1", **body})
    assert field in [".".join(str(p) for p in e["loc"]) for e in refused.value.errors()]


@pytest.mark.parametrize("name", ["order_number", "total", "currency", "owner_id"])
def test_update_refuses_null_for_required_fields(name):
    with pytest.raises(ValidationError, match=f"{name} cannot be null"):
        OrderUpdate.model_validate({name: None})


def test_update_may_clear_notes_and_address():
    data = OrderUpdate.model_validate({"notes": None, "shipping_address": None})
    updated = apply_update(an_order(notes="x", shipping_address={"city": "Volos"}), data, now=LATER)
    assert (updated.notes, updated.shipping_address) == (None, None)


def test_order_numbers_compare_case_insensitively():
    assert order_number_key("so-1A") == order_number_key("SO-1a")
    assert order_number_key("SO-1") != order_number_key("SO-10")


def test_list_defaults_to_newest_first_and_refuses_deep_pages():
    params = OrderListParams()
    assert params.order_by is OrderOrder.CREATED_AT_DESC and params.order_by.descending
    assert OrderListParams(order_by="total").order_by.field == "total"
    with pytest.raises(ValidationError, match="past 5000"):
        OrderListParams(page=52, page_size=100)
    with pytest.raises(ValidationError):
        OrderListParams(order_by="-order_number")
