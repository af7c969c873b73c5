"""Activity use cases on in-memory repositories: links checked (a customer and a deal must agree), the customer's
last activity, and status changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm.domain.activities import ActivityUpdate
from crm.domain.common import utc_now
from crm.errors import FailedPreconditionError, NotFoundError, ValidationFailedError
from crm.services import activities as service
from crm.services import customers as customer_service
from tests.utils.factories import admin_caller
from tests.utils.memory import MemoryDatabase, MemoryReader

NOW = utc_now()
DAY = timedelta(days=1)


def error_field(caught: pytest.ExceptionInfo[ValidationFailedError]) -> str:
    return caught.value.details[0]["field"]


@pytest.fixture
def reader(memory: MemoryDatabase) -> MemoryReader:
    return MemoryReader(memory, "activities")


def test_a_deal_alone_brings_its_customer(add_activity, create, open_deal):
    customer = create()
    deal = open_deal(customer_id=customer.id)
    activity = add_activity(deal_id=deal.id)
    assert (activity.customer_id, activity.deal_id) == (customer.id, deal.id)


def test_a_customer_and_its_own_deal_are_accepted(add_activity, create, open_deal):
    customer = create()
    deal = open_deal(customer_id=customer.id)
    activity = add_activity(customer_id=customer.id, deal_id=deal.id)
    assert (activity.customer_id, activity.deal_id) == (customer.id, deal.id)


@pytest.mark.parametrize(("links", "field"), [
    pytest.param({"customer_id": "no-such-customer"}, "customer_id", id="unknown customer"),
    pytest.param({"deal_id": "no-such-deal"}, "deal_id", id="unknown deal"),
    pytest.param({"customer_id": "DELETED"}, "customer_id", id="deleted customer"),
    pytest.param({"deal_id": "DELETED_CUSTOMERS_DEAL"}, "deal_id", id="deal of a deleted customer"),
])
def test_bad_links_are_refused_on_their_field(transactions, add_activity, create, open_deal, customers, caller,
                                              links, field):
    gone = create()
    deal = open_deal(customer_id=gone.id)
    customer_service.delete_customer(transactions, gone.id, caller)
    real = {"DELETED": gone.id, "DELETED_CUSTOMERS_DEAL": deal.id}
    with pytest.raises(ValidationFailedError) as caught:
        add_activity(**{key: real.get(value, value) for key, value in links.items()})
    assert error_field(caught) == field


def test_moving_to_another_customer_is_checked_against_the_kept_deal(add_activity, change_activity, create, open_deal):
    first, second = create(), create()
    activity = add_activity(deal_id=open_deal(customer_id=first.id).id)
    with pytest.raises(ValidationFailedError) as caught:
        change_activity(activity.id, customer_id=second.id)
    assert error_field(caught) == "deal_id"
    moved = change_activity(activity.id, customer_id=second.id, deal_id=None)
    assert (moved.customer_id, moved.deal_id) == (second.id, None)


def test_a_new_deal_alone_moves_the_activity_to_its_customer(add_activity, change_activity, create, open_deal,
                                                             customers):
    first, second = create(), create()
    activity = add_activity(customer_id=first.id)
    deal = open_deal(customer_id=second.id)
    moved = change_activity(activity.id, deal_id=deal.id)
    assert (moved.customer_id, moved.deal_id) == (second.id, deal.id)
    assert customers.get(second.id).last_activity_at == activity.created_at


def test_unchanged_links_are_not_checked_again(transactions, add_activity, change_activity, create, customers, caller):
    customer = create()
    activity = add_activity(customer_id=customer.id)
    customer_service.delete_customer(transactions, customer.id, caller)
    assert change_activity(activity.id, subject="Still editable", customer_id=customer.id).subject == "Still editable"


def test_last_activity_at_follows_creation_and_completion(add_activity, transactions, caller, create, customers):
    customer = create()
    assert customers.get(customer.id).last_activity_at is None
    older = add_activity(customer_id=customer.id)
    assert customers.get(customer.id).last_activity_at == older.created_at
    newer = add_activity(customer_id=customer.id)
    assert customers.get(customer.id).last_activity_at == newer.created_at
    done = service.complete_activity(transactions, older.id, caller)
    assert done.completed_at > newer.created_at
    assert customers.get(customer.id).last_activity_at == done.completed_at


def test_last_activity_at_never_moves_back(add_activity, change_activity, transactions, caller, create, customers):
    customer = create()
    activity = add_activity(customer_id=customer.id, status="completed")
    reached = customers.get(customer.id).last_activity_at
    assert reached == activity.completed_at
    change_activity(activity.id, status="scheduled")
    service.delete_activity(transactions, activity.id, caller)
    assert customers.get(customer.id).last_activity_at == reached


def test_a_customer_edit_keeps_last_activity_at(transactions, add_activity, create, customers, caller, update_data):
    customer = create()
    activity = add_activity(customer_id=customer.id)
    customer_service.update_customer(transactions, customer.id, update_data(name="Renamed"), caller)
    after = customers.get(customer.id)
    assert (after.name, after.last_activity_at) == ("Renamed", activity.created_at)


def test_complete_then_complete_again_is_refused(add_activity, transactions, caller, create):
    activity = add_activity(customer_id=create().id)
    done = service.complete_activity(transactions, activity.id, caller)
    assert (done.status.value, done.completed_at is not None) == ("completed", True)
    with pytest.raises(FailedPreconditionError):
        service.complete_activity(transactions, activity.id, caller)


def test_reopening_clears_completed_at_and_a_cancelled_one_cannot_be_completed(add_activity, change_activity,
                                                                               transactions, caller, create, reader):
    activity = add_activity(customer_id=create().id, status="completed")
    reopened = change_activity(activity.id, status="in_progress")
    assert (reopened.completed_at, reader.get(activity.id).completed_at) == (None, None)
    change_activity(activity.id, status="cancelled")
    with pytest.raises(FailedPreconditionError):
        service.complete_activity(transactions, activity.id, caller)
    with pytest.raises(FailedPreconditionError):
        change_activity(activity.id, status="completed")


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
