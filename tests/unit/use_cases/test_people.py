"""Contact person use cases on in-memory repositories: ownership, the primary person, emails, the people limit,
delete and restore, the customer's name, deletion and restore carried to its people, and the person a deal, order
or activity may name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm.domain.activities import ActivityCreate, ActivityUpdate
from crm.domain.deals import DealCreate, DealUpdate
from crm.domain.orders import OrderCreate
from crm.domain.people import persons
from crm.errors import (
    AlreadyExistsError,
    FailedPreconditionError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionFailedError,
    ValidationFailedError,
)
from crm.identity import Caller, Role
from crm.services import activities as activity_service
from crm.services import customers as customer_service
from crm.services import deals as deal_service
from crm.services import orders as order_service
from crm.services.people import people as service
from tests.utils.factories import admin_caller

REP = Caller(uid="rep-1", role=Role.REP, via="token")
OTHER_REP = Caller(uid="rep-2", role=Role.REP, via="token")


def test_a_person_belongs_to_the_customer_and_its_owner(memory, create, add_person):
    customer = create(owner_id="rep-1")
    person = add_person(customer.id, first_name="Maria", last_name="Papadopoulou", email="Maria@Acme.gr",
                        phone="210 555 1234")
    assert (person.customer_id, person.customer_name, person.owner_id) == (customer.id, customer.name, "rep-1")
    assert (person.name, person.email, person.phone) == ("Maria Papadopoulou", "maria@acme.gr", "+302105551234")
    assert memory.people[person.id] == person


def test_a_rep_adds_people_only_to_their_own_customers_and_owns_them(create, add_person):
    mine, theirs = create(owner_id="rep-1"), create(owner_id="rep-2")
    assert add_person(mine.id, REP).owner_id == "rep-1"
    with pytest.raises(NotFoundError):
        add_person(theirs.id, REP)
    with pytest.raises(PermissionDeniedError):
        add_person(mine.id, REP, owner_id="rep-2")


def test_a_rep_sees_only_their_own_people(create, add_person, memory):
    customer = create(owner_id="rep-1")
    person = add_person(customer.id)
    reader = _reader(memory)
    assert service.get_person(reader, person.id, REP) == person
    with pytest.raises(NotFoundError):
        service.get_person(reader, person.id, OTHER_REP)


def test_marking_a_person_primary_unmarks_the_other(create, add_person, change_person, memory):
    customer = create()
    first = add_person(customer.id, primary=True)
    second = add_person(customer.id, first_name="Nikos", primary=True)
    assert (memory.people[first.id].primary, memory.people[second.id].primary) == (False, True)
    change_person(first.id, primary=True)
    assert (memory.people[first.id].primary, memory.people[second.id].primary) == (True, False)


def test_an_email_belongs_to_one_active_person(create, add_person, transactions):
    customer = create()
    first = add_person(customer.id, email="maria@acme.gr")
    with pytest.raises(AlreadyExistsError, match=f"belongs to person {first.id}"):
        add_person(customer.id, email="MARIA@acme.gr")
    service.delete_person(transactions, first.id, admin_caller())
    second = add_person(customer.id, email="maria@acme.gr")
    with pytest.raises(AlreadyExistsError, match=f"belongs to person {second.id}"):
        service.restore_person(transactions, first.id, admin_caller())


def test_a_customer_email_does_not_stop_a_person_having_it(create, add_person):
    customer = create(email="info@acme.gr")
    assert add_person(customer.id, email="info@acme.gr").email == "info@acme.gr"


def test_a_customer_holds_a_bounded_number_of_people(create, add_person, monkeypatch):
    monkeypatch.setattr(persons, "MAX_PEOPLE_PER_CUSTOMER", 2)
    customer = create()
    add_person(customer.id)
    add_person(customer.id)
    with pytest.raises(FailedPreconditionError, match="at most 2 active people"):
        add_person(customer.id)


def test_update_checks_the_version_and_keeps_a_name(create, add_person, change_person):
    person = add_person(create().id, first_name="Maria", last_name="P")
    with pytest.raises(PreconditionFailedError):
        change_person(person.id, if_match="1", job_title="CEO")
    with pytest.raises(ValidationFailedError, match="first_name or a last_name"):
        change_person(person.id, first_name=None, last_name=None)
    changed = change_person(person.id, if_match=person.version, job_title="CEO", do_not_call=True)
    assert (changed.job_title, changed.do_not_call) == ("CEO", True)


def test_delete_and_restore(create, add_person, transactions, memory):
    customer = create()
    person = add_person(customer.id, primary=True)
    service.delete_person(transactions, person.id, admin_caller())
    assert memory.people[person.id].deleted_at is not None
    with pytest.raises(NotFoundError):
        service.delete_person(transactions, person.id, admin_caller())
    other = add_person(customer.id, first_name="Nikos", primary=True)
    restored = service.restore_person(transactions, person.id, admin_caller())
    assert restored.deleted_at is None and not restored.primary and memory.people[other.id].primary
    with pytest.raises(FailedPreconditionError):
        service.restore_person(transactions, person.id, admin_caller())


def test_people_follow_their_customers_name_deletion_and_restore(create, add_person, transactions, memory,
                                                                 update_data):
    customer = create(name="Acme")
    kept = add_person(customer.id)
    gone = add_person(customer.id, first_name="Nikos")
    service.delete_person(transactions, gone.id, admin_caller())
    customer_service.update_customer(transactions, customer.id, update_data(name="Acme Hellas"), admin_caller())
    assert memory.people[kept.id].customer_name == "Acme Hellas"
    customer_service.update_customer(transactions, customer.id, update_data(organization="Acme Group"),
                                     admin_caller())
    assert memory.people[kept.id].customer_organization == "Acme Group"
    customer_service.delete_customer(transactions, customer.id, admin_caller())
    assert memory.people[kept.id].deleted_at == memory.customers[customer.id].deleted_at
    with pytest.raises(FailedPreconditionError, match="restore the customer first"):
        service.restore_person(transactions, kept.id, admin_caller())
    customer_service.restore_customer(transactions, customer.id, admin_caller())
    assert memory.people[kept.id].deleted_at is None
    assert memory.people[gone.id].deleted_at is not None, "a person deleted before stays deleted"


def test_deals_orders_and_activities_name_a_person_of_their_customer(create, add_person, transactions):
    customer, other = create(), create()
    person, stranger = add_person(customer.id), add_person(other.id)
    admin = admin_caller()
    deal = deal_service.create_deal(transactions, DealCreate(customer_id=customer.id, title="D",
                                                             person_id=person.id), admin)
    assert deal.person_id == person.id
    with pytest.raises(ValidationFailedError, match=f"belongs to customer {other.id}") as caught:
        deal_service.update_deal(transactions, deal.id, DealUpdate(person_id=stranger.id), admin)
    assert caught.value.details[0]["field"] == "person_id"
    with pytest.raises(ValidationFailedError, match="does not exist"):
        order_service.create_order(transactions, OrderCreate(customer_id=customer.id, order_number="A-1",
                                                             total=Decimal("1"), person_id="nobody"), admin)
    activity = activity_service.create_activity(transactions, ActivityCreate(
        type="call", subject="Call", customer_id=customer.id, person_id=person.id), admin)
    with pytest.raises(ValidationFailedError, match="person_id|belongs to customer") as caught:
        activity_service.update_activity(transactions, activity.id, ActivityUpdate(customer_id=other.id), admin)
    assert caught.value.details[0]["field"] == "person_id"
    service.delete_person(transactions, person.id, admin)
    with pytest.raises(ValidationFailedError, match="deleted"):
        deal_service.create_deal(transactions, DealCreate(customer_id=customer.id, title="E", person_id=person.id),
                                 admin)


def _reader(memory):
    from tests.utils.memory import MemoryReader

    return MemoryReader(memory, "people")
