"""The outbox on the emulator: every change to a customer, deal, order or activity writes its webhook events in its
own transaction, with the record as the API serves it and the previous values of what changed; a refused or failed
write leaves no event."""

from __future__ import annotations

from typing import Any

import pytest

from crm.domain.activities import ActivityCreate
from crm.domain.orders import OrderCreate, OrderStatus
from crm.domain.people.persons import PersonCreate, PersonUpdate
from crm.errors import AlreadyExistsError, FailedPreconditionError
from crm.services import activities as activity_service
from crm.services import customers as customer_service
from crm.services import orders as order_service
from crm.services.people import people as person_service
from tests.utils.deal_steps import move, won

pytestmark = pytest.mark.emulator

Event = dict[str, Any]


@pytest.fixture
def outbox(db, names):
    """The events written since the last call, in commit order (then each change's own order)."""
    seen: set[str] = set()

    def new_events() -> list[Event]:
        fresh = [s for s in db.collection(names.webhook_events).stream() if s.id not in seen]
        seen.update(s.id for s in fresh)
        return sorted(({**s.to_dict(), "id": s.id} for s in fresh), key=lambda e: (e["occurred_at"], e["seq"]))

    return new_events


def types(events: list[Event]) -> list[str]:
    return [event["type"] for event in events]


def test_a_created_customer_writes_one_event_with_its_public_form(create, outbox):
    customer = create(name="Acme", email="hello@acme.example")

    [event] = outbox()

    assert event["type"] == "customer.created" and event["record_key"] == f"customer/{customer.id}"
    assert event["state"] == "pending" and event["previous"] == {}
    assert event["object"]["id"] == customer.id and event["object"]["email"] == "hello@acme.example"
    assert event["object"]["lifetime_value"] == "0.00" and "search_tokens" not in event["object"]


def test_an_update_names_the_previous_values_and_a_soft_delete_and_restore_are_their_own_events(
        create, update_data, transactions, caller, outbox):
    customer = create(name="Acme")
    outbox()

    customer_service.update_customer(transactions, customer.id, update_data(name="Acme Ltd", tags=["vip"]), caller)
    customer_service.delete_customer(transactions, customer.id, caller)
    customer_service.restore_customer(transactions, customer.id, caller)

    updated, deleted, restored = outbox()
    assert updated["type"] == "customer.updated"
    assert updated["previous"] == {"name": "Acme", "tags": []} and updated["object"]["name"] == "Acme Ltd"
    assert deleted["type"] == "customer.deleted" and deleted["object"]["deleted_at"] is not None
    assert restored["type"] == "customer.restored" and restored["object"]["deleted_at"] is None


def test_a_contact_person_raises_the_same_events_as_a_customer(create, transactions, caller, outbox):
    customer = create(name="Acme")
    outbox()

    person = person_service.create_person(transactions, customer.id, PersonCreate(first_name="Maria"), caller)
    person_service.update_person(transactions, person.id, PersonUpdate(last_name="Papadopoulou"), caller)
    person_service.delete_person(transactions, person.id, caller)
    person_service.restore_person(transactions, person.id, caller)

    events = [event for event in outbox() if event["type"].startswith("person.")]
    assert types(events) == ["person.created", "person.updated", "person.deleted", "person.restored"]
    assert events[0]["object"]["customer_id"] == customer.id
    assert events[1]["previous"] == {"last_name": None, "name": "Maria"}


def test_deal_moves_raise_the_specific_events_after_the_update(open_deal, transactions, caller, outbox):
    deal = open_deal()
    assert "deal.created" in types(outbox())

    move(transactions, deal.id, "qualified")
    assert types(outbox()) == ["deal.updated", "deal.stage_changed"]

    won(transactions, deal.id)
    events = outbox()
    deal_events = [e for e in events if e["subject"] == "deal"]
    assert types(deal_events) == ["deal.updated", "deal.stage_changed", "deal.won"]
    assert "customer.updated" in types(events)  # a won deal credits its customer, in the same transaction
    assert deal_events[-1]["previous"]["stage"] == "qualified" and deal_events[-1]["object"]["status"] == "won"


def test_order_status_and_activity_completion(order_customer, transactions, caller, outbox):
    order = order_service.create_order(transactions, OrderCreate.model_validate(
        {"customer_id": order_customer.id, "order_number": "SO-9", "total": "12.00"}), caller)
    activity = activity_service.create_activity(transactions, ActivityCreate.model_validate(
        {"type": "call", "subject": "Call", "customer_id": order_customer.id}), caller)
    outbox()

    order_service.transition_order(transactions, order.id, OrderStatus.CONFIRMED, caller)
    activity_service.complete_activity(transactions, activity.id, caller)

    events = [e for e in outbox() if e["subject"] != "customer"]
    assert types(events) == ["order.updated", "order.status_changed", "activity.updated", "activity.completed"]
    assert events[1]["previous"]["status"] == "pending" and events[1]["object"]["status"] == "confirmed"
    assert events[0]["object"]["total"] == "12.00"


def test_a_refused_write_leaves_no_event(create, transactions, caller, outbox, create_data, settings):
    create(name="First", email="taken@example.com")
    outbox()

    with pytest.raises(AlreadyExistsError):
        create(name="Second", email="taken@example.com")
    with pytest.raises(FailedPreconditionError):
        customer_service.restore_customer(transactions, create(name="Active").id, caller)

    assert types(outbox()) == ["customer.created"]  # "Active" only


def test_work_that_fails_after_staging_its_writes_leaves_no_event(create, transactions, caller, outbox):
    customer = create(name="Acme")
    outbox()

    def work(tx):
        current = tx.customers.get(customer.id)
        tx.customers.put(current.model_copy(update={"name": "Never"}), current)
        raise RuntimeError("the work fails after staging")

    with pytest.raises(RuntimeError):
        transactions.run(work, actor=caller)

    assert outbox() == []
