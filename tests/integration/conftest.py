"""Repositories and services on the real emulator; each test's collections carry the test's own prefix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from google.cloud import firestore

from crm.domain.common import utc_now
from crm.domain.customers import Customer, CustomerCreate, CustomerUpdate, new_customer
from crm.identity import Caller
from crm.services import customers as service
from crm.settings import Settings
from crm.store.api_keys import FirestoreApiKeyStore
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.customers import FirestoreCustomerStore
from tests.integration.deal_support import (  # noqa: F401 (fixtures shared by every integration module)
    change_pipeline,
    make_pipeline,
    open_deal,
    reader,
    set_rates,
    stats,
    transactions,
)
from tests.utils.factories import admin_caller, customer_body


@pytest.fixture
def db(settings: Settings) -> firestore.Client:
    return firestore_client(settings)


@pytest.fixture
def names(settings: Settings) -> CollectionNames:
    return CollectionNames(settings.collection_prefix)


@pytest.fixture
def customers(db: firestore.Client, names: CollectionNames) -> FirestoreCustomerStore:
    return FirestoreCustomerStore(db, names)


@pytest.fixture
def api_keys(db: firestore.Client, names: CollectionNames) -> FirestoreApiKeyStore:
    return FirestoreApiKeyStore(db, names)


@pytest.fixture
def caller() -> Caller:
    return admin_caller()


@pytest.fixture
def create_data(settings: Settings) -> Callable[..., CustomerCreate]:
    """A CustomerCreate validated as the HTTP layer would, from ``customer_body`` defaults plus ``fields``."""

    def make(**fields: Any) -> CustomerCreate:
        return CustomerCreate.model_validate(
            customer_body(**fields), context={"phone_region": settings.default_phone_region}
        )

    return make


@pytest.fixture
def update_data(settings: Settings) -> Callable[..., CustomerUpdate]:
    def make(**fields: Any) -> CustomerUpdate:
        return CustomerUpdate.model_validate(fields, context={"phone_region": settings.default_phone_region})

    return make


@pytest.fixture
def create(customers, caller, settings, create_data) -> Callable[..., Customer]:
    """Create a customer through the service; ``fields`` override the factory's name and email."""

    def make(**fields: Any) -> Customer:
        return service.create_customer(
            customers, create_data(**fields), caller, default_language=settings.default_language
        )

    return make


@pytest.fixture
def seed(customers, create_data) -> Callable[..., list[Customer]]:
    """Bulk-write customers built from bodies; ``changes`` (one dict per body) set server-owned fields."""

    def make(bodies: list[dict[str, Any]], changes: list[dict[str, Any]] | None = None) -> list[Customer]:
        now = utc_now()
        built = []
        for index, body in enumerate(bodies):
            customer = new_customer(
                create_data(**body), customer_id=customers.new_id(), by="seed", now=now, default_language="el"
            )
            if changes:
                customer = customer.model_copy(update=changes[index])
            built.append(customer)
        customers.bulk_import(built)
        return built

    return make
