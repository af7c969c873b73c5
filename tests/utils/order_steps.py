"""Fixtures for order use cases, on the emulator and on in-memory repositories alike (registered by
tests/integration/conftest.py and tests/unit/use_cases/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crm.domain.customers import Customer
from crm.domain.orders import Order, OrderCreate, OrderStatus
from crm.services import orders as service


@pytest.fixture
def order_customer(create) -> Customer:
    return create(name="Order Customer")


@pytest.fixture
def place(transactions, caller, order_customer) -> Callable[..., Order]:
    """Create an order through the service; ``fields`` override the customer, number and total."""

    def make(**fields: Any) -> Order:
        body = {"customer_id": order_customer.id, "order_number": "SO-1", "total": "100.00", **fields}
        return service.create_order(transactions, OrderCreate.model_validate(body), caller)

    return make


@pytest.fixture
def move_order(transactions, caller) -> Callable[..., Order]:
    def through(order: Order, *statuses: OrderStatus) -> Order:
        for status in statuses:
            order = service.transition_order(transactions, order.id, status, caller)
        return order

    return through
