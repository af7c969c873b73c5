"""Activity use cases on in-memory repositories: links checked (a customer and a deal must agree), the customer's
last activity, and status changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from crm.domain.activities import Activity, ActivityCreate, ActivityUpdate
from crm.domain.common import utc_now
from crm.domain.deals import Deal, DealCreate
from crm.errors import FailedPreconditionError, NotFoundError, ValidationFailedError
from crm.services import activities as service
from crm.services import customers as customer_service
from crm.services import deals as deal_service
from tests.utils.factories import admin_caller
from tests.utils.memory import MemoryDatabase, MemoryReader

NOW = utc_now()
DAY = timedelta(days=1)


@pytest.fixture
def open_deal(transactions, caller) -> Callable[[str], Deal]:
    def make(customer_id: str) -> Deal:
        return deal_service.create_deal(transactions, DealCreate(customer_id=customer_id, title="Arcade"), caller)

    return make


@pytest.fixture
def add(transactions, caller) -> Callable[..., Activity]:
    """Create an activity through the service; ``fields`` go into the body (type and subject have defaults)."""

    def make(**fields: Any) -> Activity:
        body = {"type": "call", "subject": "Follow up", **fields}
        if isinstance(body.get("due_at"), datetime):
            body["due_at"] = body["due_at"].isoformat()
        return service.create_activity(transactions, ActivityCreate.model_validate(body), caller)

    return make


@pytest.fixture
def change(transactions, caller) -> Callable[..., Activity]:
    def make(activity_id: str, **fields: Any) -> Activity:
        return service.update_activity(transactions, activity_id, ActivityUpdate.model_validate(fields), caller)

    return make


def error_field(caught: pytest.ExceptionInfo[ValidationFailedError]) -> str:
    return caught.value.details[0]["field"]


@pytest.fixture
def reader(memory: MemoryDatabase) -> MemoryReader:
    return MemoryReader(memory, "activities")


def test_a_deal_alone_brings_its_customer(add, create, open_deal):
    customer = create()
    deal = open_deal(customer.id)
    activity = add(deal_id=deal.id)
    assert (activity.customer_id, activity.deal_id) == (customer.id, deal.id)


def test_a_customer_and_its_own_deal_are_accepted(add, create, open_deal):
    customer = create()
    deal = open_deal(customer.id)
    activity = add(customer_id=customer.id, deal_id=deal.id)
    assert (activity.customer_id, activity.deal_id) == (customer.id, deal.id)


@pytest.mark.parametrize(("links", "field"), [
    pytest.param({"customer_id": "no-such-customer"}, "customer_id", id="unknown customer"),
    pytest.param({"deal_id": "no-such-deal"}, "deal_id", id="unknown deal"),
    pytest.param({"customer_id": "DELETED"}, "customer_id", id="deleted customer"),
    pytest.param({"deal_id": "DELETED_CUSTOMERS_DEAL"}, "deal_id", id="deal of a deleted customer"),
])
def test_bad_links_are_refused_on_their_field(transactions, add, create, open_deal, customers, caller, links, field):
    gone = create()
    deal = open_deal(gone.id)
    customer_service.delete_customer(transactions, gone.id, caller)
    real = {"DELETED": gone.id, "DELETED_CUSTOMERS_DEAL": deal.id}
    with pytest.raises(ValidationFailedError) as caught:
        add(**{key: real.get(value, value) for key, value in links.items()})
    assert error_field(caught) == field


def test_moving_to_another_customer_is_checked_against_the_kept_deal(add, change, create, open_deal):
    first, second = create(), create()
    activity = add(deal_id=open_deal(first.id).id)
    with pytest.raises(ValidationFailedError) as caught:
        change(activity.id, customer_id=second.id)
    assert error_field(caught) == "deal_id"
    moved = change(activity.id, customer_id=second.id, deal_id=None)
    assert (moved.customer_id, moved.deal_id) == (second.id, None)


def test_a_new_deal_alone_moves_the_activity_to_its_customer(add, change, create, open_deal, customers):
    first, second = create(), create()
    activity = add(customer_id=first.id)
    deal = open_deal(second.id)
    moved = change(activity.id, deal_id=deal.id)
    assert (moved.customer_id, moved.deal_id) == (second.id, deal.id)
    assert customers.get(second.id).last_activity_at == activity.created_at


def test_unchanged_links_are_not_checked_again(transactions, add, change, create, customers, caller):
    customer = create()
    activity = add(customer_id=customer.id)
    customer_service.delete_customer(transactions, customer.id, caller)
    assert change(activity.id, subject="Still editable", customer_id=customer.id).subject == "Still editable"


def test_last_activity_at_follows_creation_and_completion(add, transactions, caller, create, customers):
    customer = create()
    assert customers.get(customer.id).last_activity_at is None
    older = add(customer_id=customer.id)
    assert customers.get(customer.id).last_activity_at == older.created_at
    newer = add(customer_id=customer.id)
    assert customers.get(customer.id).last_activity_at == newer.created_at
    done = service.complete_activity(transactions, older.id, caller)
    assert done.completed_at > newer.created_at
    assert customers.get(customer.id).last_activity_at == done.completed_at


def test_last_activity_at_never_moves_back(add, change, transactions, caller, create, customers):
    customer = create()
    activity = add(customer_id=customer.id, status="completed")
    reached = customers.get(customer.id).last_activity_at
    assert reached == activity.completed_at
    change(activity.id, status="scheduled")
    service.delete_activity(transactions, activity.id, caller)
    assert customers.get(customer.id).last_activity_at == reached


def test_a_customer_edit_keeps_last_activity_at(transactions, add, create, customers, caller, update_data):
    customer = create()
    activity = add(customer_id=customer.id)
    customer_service.update_customer(transactions, customer.id, update_data(name="Renamed"), caller)
    after = customers.get(customer.id)
    assert (after.name, after.last_activity_at) == ("Renamed", activity.created_at)


def test_complete_then_complete_again_is_refused(add, transactions, caller, create):
    activity = add(customer_id=create().id)
    done = service.complete_activity(transactions, activity.id, caller)
    assert (done.status.value, done.completed_at is not None) == ("completed", True)
    with pytest.raises(FailedPreconditionError):
        service.complete_activity(transactions, activity.id, caller)


def test_reopening_clears_completed_at_and_a_cancelled_one_cannot_be_completed(add, change, transactions, caller,
                                                                                create, reader):
    activity = add(customer_id=create().id, status="completed")
    reopened = change(activity.id, status="in_progress")
    assert (reopened.completed_at, reader.get(activity.id).completed_at) == (None, None)
    change(activity.id, status="cancelled")
    with pytest.raises(FailedPreconditionError):
        service.complete_activity(transactions, activity.id, caller)
    with pytest.raises(FailedPreconditionError):
        change(activity.id, status="completed")


@pytest.mark.parametrize("action", ["get", "update", "complete", "delete"])
def test_a_missing_activity_is_not_found(reader, transactions, caller, action):
    calls = {
        "get": lambda: service.get_activity(reader, "missing", admin_caller()),
        "update": lambda: service.update_activity(transactions, "missing", ActivityUpdate(subject="x"), caller),
        "complete": lambda: service.complete_activity(transactions, "missing", caller),
        "delete": lambda: service.delete_activity(transactions, "missing", caller),
    }
    with pytest.raises(NotFoundError):
        calls[action]()
