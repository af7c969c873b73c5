"""Fixtures for customer use cases, on the emulator and on in-memory repositories alike: they need a
``transactions`` runner and the ``settings`` of the service (phone region, language)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crm.domain.customers import Customer, CustomerCreate, CustomerUpdate
from crm.identity import Caller
from crm.services import customers as service
from crm.settings import Settings
from tests.utils.factories import admin_caller, customer_body


@pytest.fixture
def caller() -> Caller:
    return admin_caller()


def customer_create(settings: Settings, **fields: Any) -> CustomerCreate:
    """A CustomerCreate validated as the HTTP layer would, from ``customer_body`` defaults plus ``fields``."""
    context = {"phone_region": settings.default_phone_region}
    return CustomerCreate.model_validate(customer_body(**fields), context=context)


@pytest.fixture
def create_data(settings: Settings) -> Callable[..., CustomerCreate]:
    return lambda **fields: customer_create(settings, **fields)


@pytest.fixture
def update_data(settings: Settings) -> Callable[..., CustomerUpdate]:
    def make(**fields: Any) -> CustomerUpdate:
        return CustomerUpdate.model_validate(fields, context={"phone_region": settings.default_phone_region})

    return make


@pytest.fixture
def create(transactions, caller, settings, create_data) -> Callable[..., Customer]:
    """Create a customer through the service; ``fields`` override the factory's name and email."""

    def make(**fields: Any) -> Customer:
        return service.create_customer(
            transactions, create_data(**fields), caller, default_language=settings.default_language
        )

    return make
