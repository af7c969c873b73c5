"""The rules that make and change a customer: creation, partial update, notes, upgrade, derived fields."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from crm.domain.customers import (
    MAX_NOTES,
    ContactType,
    Customer,
    CustomerCreate,
    CustomerStatus,
    CustomerUpdate,
    Note,
    add_note,
    apply_update,
    new_customer,
    upgrade,
)
from crm.errors import FailedPreconditionError

GR = {"phone_region": "GR"}
CREATED = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
LATER = CREATED + timedelta(days=2)


def make(**body: Any) -> Customer:
    data = CustomerCreate.model_validate({"name": "Ana Papadopoulou", **body}, context=GR)
    return new_customer(data, customer_id="c-1", by="user-1", now=CREATED, default_language="el")


def changed(customer: Customer, **body: Any) -> Customer:
    return apply_update(customer, CustomerUpdate.model_validate(body, context=GR), now=LATER)


def contact(kind: str, value: str, primary: bool = False) -> dict[str, Any]:
    return {"type": kind, "value": value, "primary": primary}


def test_new_customer_takes_ids_owner_and_clock_from_the_caller() -> None:
    customer = make()
    assert (customer.id, customer.owner_id) == ("c-1", "user-1")
    assert customer.created_at == customer.updated_at == CREATED
    assert customer.status is CustomerStatus.LEAD


def test_new_customer_language_defaults_but_can_be_given() -> None:
    assert make().language == "el"
    assert make(language="en").language == "en"


def test_new_customer_notes_get_author_and_time() -> None:
    customer = make(notes=[{"text": " first call "}])
    assert customer.notes == [Note(text="first call", by="user-1", at=CREATED)]


def test_shorthand_becomes_primary_contacts() -> None:
    customer = make(email="Ana@Example.com", phone="210 1234567")
    assert {(c.type, c.value, c.primary) for c in customer.contacts} == {
        (ContactType.EMAIL, "ana@example.com", True),
        (ContactType.PHONE, "+302101234567", True),
    }
    assert (customer.email, customer.phone) == ("ana@example.com", "+302101234567")


def test_shorthand_matching_a_contact_marks_it_primary_without_duplicating() -> None:
    customer = make(email="b@x.com", contacts=[contact("email", "a@x.com"), contact("email", "B@x.com")])
    assert [(c.value, c.primary) for c in customer.contacts] == [("a@x.com", False), ("b@x.com", True)]


def test_computed_email_is_first_of_its_type_when_none_is_primary() -> None:
    customer = make(contacts=[contact("other", "@ana"), contact("email", "a@x.com"), contact("email", "b@x.com")])
    assert customer.email == "a@x.com"
    assert customer.phone is None


def test_computed_phone_includes_whatsapp() -> None:
    customer = make(contacts=[contact("whatsapp", "6912345678")])
    assert customer.phone == "+306912345678"
    assert customer.model_dump()["phone"] == "+306912345678"


def test_update_changes_only_the_given_fields() -> None:
    customer = make(organization="ACME", tags=["vip"], email="a@x.com")
    updated = changed(customer, name=" Ana K. ", tags=["New"])
    assert (updated.name, updated.tags, updated.organization) == ("Ana K.", ["new"], "ACME")
    assert updated.contacts == customer.contacts
    assert (updated.created_at, updated.updated_at) == (CREATED, LATER)


def test_update_can_clear_a_nullable_field() -> None:
    assert changed(make(company="ACME"), company=None).organization is None


def test_update_email_replaces_the_primary_email_value() -> None:
    customer = make(contacts=[contact("email", "a@x.com", True), contact("email", "b@x.com")])
    updated = changed(customer, email="c@x.com")
    assert [(c.value, c.primary) for c in updated.contacts] == [("c@x.com", True), ("b@x.com", False)]
    assert customer.email == "a@x.com", "the original customer must not change"


def test_update_email_of_an_existing_contact_marks_it_primary() -> None:
    customer = make(contacts=[contact("email", "a@x.com", True), contact("email", "b@x.com")])
    updated = changed(customer, email="B@X.com")
    assert [(c.value, c.primary) for c in updated.contacts] == [("a@x.com", False), ("b@x.com", True)]


def test_update_phone_adds_a_primary_phone_when_there_is_none() -> None:
    updated = changed(make(email="a@x.com"), phone="210 1234567")
    assert updated.phone == "+302101234567"
    assert updated.email == "a@x.com"


def test_update_with_contacts_and_email_shorthand_keeps_the_shorthand() -> None:
    customer = make(email="a@x.com")
    updated = changed(customer, contacts=[contact("email", "a@x.com", True)], email="b@x.com")
    assert updated.email == "b@x.com"


def test_update_with_nothing_only_touches_updated_at() -> None:
    customer = make(email="a@x.com")
    assert changed(customer) == customer.model_copy(update={"updated_at": LATER})


def test_add_note_appends_with_author_and_time() -> None:
    customer = add_note(make(notes=[{"text": "one"}]), "two", by="user-2", now=LATER)
    assert [(n.text, n.by, n.at) for n in customer.notes] == [("one", "user-1", CREATED), ("two", "user-2", LATER)]
    assert customer.updated_at == LATER


def test_add_note_refused_when_notes_are_full() -> None:
    customer = make(notes=[{"text": f"n{i}"} for i in range(MAX_NOTES)])
    with pytest.raises(FailedPreconditionError):
        add_note(customer, "one too many", by="user-1", now=LATER)


@pytest.mark.parametrize("status", [CustomerStatus.LEAD, CustomerStatus.PROSPECT])
def test_upgrade_makes_a_customer(status: CustomerStatus) -> None:
    upgraded = upgrade(make(status=status), now=LATER)
    assert (upgraded.status, upgraded.updated_at) == (CustomerStatus.CUSTOMER, LATER)


@pytest.mark.parametrize("status", [CustomerStatus.CUSTOMER, CustomerStatus.CHURNED])
def test_upgrade_refused_past_prospect(status: CustomerStatus) -> None:
    with pytest.raises(FailedPreconditionError, match=status.value):
        upgrade(make(status=status), now=LATER)


def test_name_sort_key_is_folded() -> None:
    assert make(name="Ángela Ωmega").name_sort_key() == "angela ωmega"
    assert make(name="ana").name_sort_key() == make(name="ANA").name_sort_key()
