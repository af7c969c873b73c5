"""Email conflicts in the customer use cases, on in-memory repositories (the claims themselves, and their races, are
proven on the emulator: tests/integration/test_email_uniqueness.py)."""

from __future__ import annotations

import pytest

from crm.errors import AlreadyExistsError
from crm.services import customers as service
from tests.utils.factories import admin_caller


def assert_names_owner(error: pytest.ExceptionInfo[AlreadyExistsError], owner_id: str, email: str) -> None:
    assert owner_id in error.value.message
    assert error.value.details[0]["field"] == "email"
    assert error.value.details[0]["customer_id"] == owner_id
    assert error.value.details[0]["value"] == email


def test_a_secondary_email_contact_is_claimed_too(create):
    owner = create(email="main@example.com", contacts=[{"type": "email", "value": "billing@example.com"}])

    with pytest.raises(AlreadyExistsError) as error:
        create(email="Billing@example.com")

    assert_names_owner(error, owner.id, "billing@example.com")


def test_updating_to_another_customers_email_fails_and_changes_nothing(transactions, customers, create, update_data,
                                                                       caller):
    owner = create(email="owner@example.com")
    other = create(name="Other", email="other@example.com")

    with pytest.raises(AlreadyExistsError) as error:
        service.update_customer(transactions, other.id, update_data(name="Renamed", email="OWNER@example.com"), caller)

    assert_names_owner(error, owner.id, "owner@example.com")
    assert service.get_customer(customers, other.id, admin_caller()) == other


def test_keeping_its_own_email_on_update_is_fine(transactions, customers, create, update_data, caller):
    created = create(email="me@example.com")

    updated = service.update_customer(transactions, created.id, update_data(email="ME@example.com", name="Me"), caller)

    assert updated.email == "me@example.com"
