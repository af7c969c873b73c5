"""Order use cases on in-memory repositories: the lifetime value deliveries credit, and the edits and transitions
refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm.domain.money import CurrencyRatesUpdate
from crm.domain.orders import OrderStatus, OrderUpdate
from crm.errors import FailedPreconditionError, ValidationFailedError
from crm.services import orders as service
from crm.services.pipelines import set_currency_rates
from tests.utils.memory import MemoryDatabase, MemoryReader

TO_DELIVERED = (OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


@pytest.fixture
def reader(memory: MemoryDatabase) -> MemoryReader:
    return MemoryReader(memory, "orders")


def lifetime_value(customers, customer_id: str) -> Decimal:
    return customers.get(customer_id).lifetime_value


def test_delivery_credits_the_base_value_once(transactions, customers, caller, order_customer, place, move_order):
    set_currency_rates(transactions, CurrencyRatesUpdate(rates={"USD": Decimal("0.9")}), caller)
    order = place(total="100.01", currency="USD")
    shipped = move_order(order, *TO_DELIVERED[:-1])
    assert lifetime_value(customers, order_customer.id) == Decimal("0.00")

    delivered = move_order(shipped, OrderStatus.DELIVERED)

    assert delivered.ltv_base_cents == 9001  # 100.01 USD * 0.9 = 90.009 EUR, rounded half up
    assert delivered.delivered_at == delivered.updated_at
    after = customers.get(order_customer.id)
    assert (after.lifetime_value, after.status.value) == (Decimal("90.01"), "customer")
    with pytest.raises(FailedPreconditionError):
        move_order(delivered, OrderStatus.DELIVERED)
    assert lifetime_value(customers, order_customer.id) == Decimal("90.01")


def test_delivered_orders_add_up_and_delete_reverses_exactly(transactions, reader, customers, caller, order_customer,
                                                             place, move_order):
    set_currency_rates(transactions, CurrencyRatesUpdate(rates={"GBP": Decimal("1.2")}), caller)
    in_pounds = move_order(place(order_number="P-1", total="10.00", currency="GBP"), *TO_DELIVERED)
    move_order(place(order_number="E-1", total="5.50"), *TO_DELIVERED)
    assert lifetime_value(customers, order_customer.id) == Decimal("17.50")

    set_currency_rates(transactions, CurrencyRatesUpdate(rates={"GBP": Decimal("2")}), caller)
    service.delete_order(transactions, in_pounds.id, caller)

    assert lifetime_value(customers, order_customer.id) == Decimal("5.50")
    assert reader.get(in_pounds.id) is None


def test_cancelled_orders_credit_nothing(customers, order_customer, place, move_order):
    cancelled = move_order(place(), OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.CANCELLED)

    assert cancelled.cancelled_at is not None and cancelled.ltv_base_cents == 0
    assert lifetime_value(customers, order_customer.id) == Decimal("0.00")


def test_delivery_needs_the_currency_rate_still_configured(transactions, reader, customers, caller, order_customer,
                                                           place, move_order):
    set_currency_rates(transactions, CurrencyRatesUpdate(rates={"USD": Decimal("0.9")}), caller)
    shipped = move_order(place(currency="USD"), *TO_DELIVERED[:-1])
    set_currency_rates(transactions, CurrencyRatesUpdate(rates={}), caller)

    with pytest.raises(FailedPreconditionError, match="no exchange rate from USD"):
        move_order(shipped, OrderStatus.DELIVERED)

    assert reader.get(shipped.id).status is OrderStatus.SHIPPED
    assert lifetime_value(customers, order_customer.id) == Decimal("0.00")


@pytest.mark.parametrize("statuses", [
    pytest.param(TO_DELIVERED[:2], id="processing"),
    pytest.param(TO_DELIVERED[:3], id="shipped"),
    pytest.param(TO_DELIVERED, id="delivered"),
    pytest.param((OrderStatus.CANCELLED,), id="cancelled"),
])
@pytest.mark.parametrize("change", [
    pytest.param({"total": "1.00"}, id="total"),
    pytest.param({"currency": "EUR", "total": "100.01"}, id="total beside same currency"),
])
def test_money_edits_are_refused_after_confirmation(transactions, reader, caller, place, move_order, statuses, change):
    order = move_order(place(), *statuses)

    with pytest.raises(FailedPreconditionError, match="only while it is pending or confirmed"):
        service.update_order(transactions, order.id, OrderUpdate.model_validate(change), caller)

    assert reader.get(order.id) == order


def test_money_edits_while_confirmed_are_kept(transactions, reader, caller, place, move_order):
    confirmed = move_order(place(), OrderStatus.CONFIRMED)

    updated = service.update_order(transactions, confirmed.id, OrderUpdate(total="80.25"), caller)

    assert reader.get(confirmed.id).total == updated.total == Decimal("80.25")


def test_a_currency_without_a_rate_is_refused_on_create_and_update(transactions, reader, caller, place):
    with pytest.raises(ValidationFailedError) as refused:
        place(currency="JPY")
    assert refused.value.details[0]["field"] == "currency"

    order = place()
    with pytest.raises(ValidationFailedError) as refused:
        service.update_order(transactions, order.id, OrderUpdate(currency="JPY"), caller)
    assert refused.value.details[0]["field"] == "currency"
    assert reader.get(order.id).currency == "EUR"
