"""The customer use cases on in-memory repositories: create, read, change, note, upgrade, delete, restore."""

from __future__ import annotations

import pytest

from crm.domain.customers import CustomerStatus
from crm.errors import FailedPreconditionError, NotFoundError
from crm.services import customers as service
from tests.utils.factories import admin_caller


def test_create_then_get_returns_the_same_customer(customers, create, caller):
    created = create(name="Acme Corp", email="Contact@Acme.com", company="Acme Corporation", status="prospect")

    fetched = service.get_customer(customers, created.id, admin_caller())

    assert fetched == created
    assert fetched.name == "Acme Corp"
    assert fetched.organization == "Acme Corporation"
    assert fetched.email == "contact@acme.com"
    assert fetched.status is CustomerStatus.PROSPECT
    assert fetched.owner_id == caller.uid
    assert fetched.language == "el"
    assert fetched.created_at == fetched.updated_at
    assert fetched.deleted_at is None


def test_get_unknown_customer_is_not_found(customers):
    with pytest.raises(NotFoundError):
        service.get_customer(customers, "no-such-customer", admin_caller())


def test_update_changes_only_given_fields(transactions, customers, create, update_data, caller):
    created = create(name="Old Name", company="Old Co", tags=["vip"])

    updated = service.update_customer(transactions, created.id, update_data(name="New Name"), caller)

    fetched = service.get_customer(customers, created.id, admin_caller())
    assert fetched == updated
    assert fetched.name == "New Name"
    assert fetched.organization == "Old Co"
    assert fetched.tags == ["vip"]
    assert fetched.email == created.email
    assert fetched.created_at == created.created_at
    assert fetched.updated_at > created.updated_at


def test_update_unknown_customer_is_not_found_and_creates_nothing(transactions, customers, update_data, caller):
    with pytest.raises(NotFoundError):
        service.update_customer(transactions, "ghost", update_data(name="Ghost"), caller)
    assert customers.get("ghost") is None


def test_add_note_appends_with_author_and_time(transactions, customers, create, caller):
    created = create(notes=[{"text": "first"}])

    noted = service.add_note(transactions, created.id, "  second  ", admin_caller("rep-7"))

    fetched = service.get_customer(customers, created.id, admin_caller())
    assert fetched == noted
    assert [n.text for n in fetched.notes] == ["first", "second"]
    assert fetched.notes[0].by == caller.uid
    assert fetched.notes[1].by == "rep-7"
    assert fetched.notes[1].at == fetched.updated_at
    assert fetched.notes[1].at > created.updated_at


@pytest.mark.parametrize("status", ["lead", "prospect"])
def test_upgrade_makes_a_lead_or_prospect_a_customer(transactions, customers, create, caller, status):
    created = create(status=status)

    service.upgrade_customer(transactions, created.id, caller)

    assert service.get_customer(customers, created.id, admin_caller()).status is CustomerStatus.CUSTOMER


@pytest.mark.parametrize("status", ["customer", "churned"])
def test_upgrade_refuses_customers_and_churned(transactions, customers, create, caller, status):
    created = create(status=status)

    with pytest.raises(FailedPreconditionError):
        service.upgrade_customer(transactions, created.id, caller)

    assert service.get_customer(customers, created.id, admin_caller()) == created


def test_restoring_an_active_customer_fails(transactions, customers, create, caller):
    created = create()

    with pytest.raises(FailedPreconditionError):
        service.restore_customer(transactions, created.id, caller)

    assert service.get_customer(customers, created.id, admin_caller()) == created


def test_restoring_an_unknown_customer_is_not_found(transactions, customers, caller):
    with pytest.raises(NotFoundError):
        service.restore_customer(transactions, "never-existed", caller)
    assert customers.get("never-existed") is None
