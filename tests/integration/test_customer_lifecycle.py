"""Deleting and restoring customers on the Firestore store, where lists and searches follow them (the rest of the
customer use cases run on in-memory repositories: tests/unit/use_cases/test_customer_lifecycle.py)."""

from __future__ import annotations

import pytest

from crm.domain.customer_queries import CustomerListParams
from crm.errors import NotFoundError
from crm.services import customers as service
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator


def listed_ids(customers, **params) -> list[str]:
    return [c.id for c in service.list_customers(customers, CustomerListParams(**params), admin_caller()).results]


def test_deleted_customer_is_not_found_and_hidden_from_lists(transactions, customers, create, update_data, caller):
    kept = create(name="Kept", tags=["vip"])
    gone = create(name="Gone", tags=["vip"])

    service.delete_customer(transactions, gone.id, caller)

    with pytest.raises(NotFoundError):
        service.get_customer(customers, gone.id, admin_caller())
    with pytest.raises(NotFoundError):
        service.update_customer(transactions, gone.id, update_data(name="Back"), caller)
    with pytest.raises(NotFoundError):
        service.add_note(transactions, gone.id, "hello", caller)
    with pytest.raises(NotFoundError):
        service.upgrade_customer(transactions, gone.id, caller)
    with pytest.raises(NotFoundError):
        service.delete_customer(transactions, gone.id, caller)
    page = service.list_customers(customers, CustomerListParams(), admin_caller())
    assert [c.id for c in page.results] == [kept.id]
    assert page.total == 1
    assert listed_ids(customers, search="gone") == []
    assert listed_ids(customers, tag="vip") == [kept.id]
    stored = customers.get(gone.id)
    assert stored is not None and stored.deleted_at is not None
    assert stored.name == "Gone"


def test_restore_brings_a_deleted_customer_back(transactions, customers, create, caller):
    created = create(name="Phoenix Ltd")
    service.delete_customer(transactions, created.id, caller)

    restored = service.restore_customer(transactions, created.id, caller)

    assert restored.deleted_at is None
    fetched = service.get_customer(customers, created.id, admin_caller())
    assert fetched == restored
    assert fetched.name == created.name and fetched.contacts == created.contacts
    assert fetched.updated_at > created.updated_at
    assert listed_ids(customers) == [created.id]
    assert listed_ids(customers, search="phoenix") == [created.id]


