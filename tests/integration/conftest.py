"""Repositories and services on the real emulator; each test's collections carry the test's own prefix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from google.cloud import firestore

from crm.domain.common import utc_now
from crm.domain.customers import Customer, new_customer
from crm.settings import Settings
from crm.store.api_keys import FirestoreApiKeyStore
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import CrmTransactions, crm_transactions
from crm.store.customers import FirestoreCustomerReader, import_customers
from crm.store.deals import FirestoreDealReader
from crm.store.pipeline_stats import FirestorePipelineStatsReader
from tests.utils.activity_steps import add_activity, change_activity  # noqa: F401 (shared fixtures)
from tests.utils.customer_steps import (  # noqa: F401 (fixtures shared by every integration module)
    caller,
    create,
    create_data,
    customer_create,
    update_data,
)
from tests.utils.deal_steps import (  # noqa: F401 (fixtures shared by every integration module)
    change_pipeline,
    make_pipeline,
    open_deal,
    set_rates,
)
from tests.utils.order_steps import move_order, order_customer, place  # noqa: F401 (shared fixtures)
from tests.utils.people_steps import add_person, change_person, merge  # noqa: F401 (shared fixtures)


@pytest.fixture
def db(settings: Settings) -> firestore.Client:
    return firestore_client(settings)


@pytest.fixture
def names(settings: Settings) -> CollectionNames:
    return CollectionNames(settings.collection_prefix)


@pytest.fixture
def customers(db: firestore.Client, names: CollectionNames) -> FirestoreCustomerReader:
    return FirestoreCustomerReader(db, names)


@pytest.fixture
def transactions(db: firestore.Client, names: CollectionNames) -> CrmTransactions:
    return crm_transactions(db, names, "EUR")


@pytest.fixture
def reader(db: firestore.Client, names: CollectionNames) -> FirestoreDealReader:
    return FirestoreDealReader(db, names)


@pytest.fixture
def stats(db: firestore.Client, names: CollectionNames) -> Callable[[str], dict[str, Any]]:
    return FirestorePipelineStatsReader(db, names).get


@pytest.fixture
def api_keys(db: firestore.Client, names: CollectionNames) -> FirestoreApiKeyStore:
    return FirestoreApiKeyStore(db, names)


@pytest.fixture
def seed(db, names, customers, settings) -> Callable[..., list[Customer]]:
    """Bulk-write customers built from bodies; ``changes`` (one dict per body) set server-owned fields."""

    def make(bodies: list[dict[str, Any]], changes: list[dict[str, Any]] | None = None) -> list[Customer]:
        now = utc_now()
        built = []
        for index, body in enumerate(bodies):
            data = customer_create(settings, **body)
            customer = new_customer(data, customer_id=customers.new_id(), by="seed", now=now, default_language="el")
            if changes:
                customer = customer.model_copy(update=changes[index])
            built.append(customer)
        import_customers(db, names, built)
        return built

    return make
