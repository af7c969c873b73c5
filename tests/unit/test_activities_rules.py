"""Activity rules without Firestore: defaults, status and completed_at, the customer's last activity, validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from crm.domain.activities import (
    Activity,
    ActivityCreate,
    ActivityPriority,
    ActivityStatus,
    ActivityUpdate,
    apply_update,
    complete,
    new_activity,
    touch_customer,
)
from crm.domain.activity_queries import ActivityListParams, ActivityOrder
from crm.domain.customers import Customer, CustomerUpdate
from crm.errors import FailedPreconditionError, ValidationFailedError

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(hours=5)
S = ActivityStatus


def make(status: ActivityStatus = S.SCHEDULED, **fields: Any) -> Activity:
    data = ActivityCreate.model_validate({"type": "call", "subject": "Call back", "customer_id": "c1",
                                          "status": status.value, **fields})
    return new_activity(data, activity_id="a1", customer_id="c1", by="rep-1", now=T0)


def update(activity: Activity, **fields: Any) -> Activity:
    return apply_update(activity, ActivityUpdate.model_validate(fields), customer_id=activity.customer_id,
                        deal_id=activity.deal_id, now=LATER)


def customer(last_activity_at: datetime | None = None) -> Customer:
    return Customer(id="c1", name="Acme", language="el", created_at=T0, updated_at=T0,
                    last_activity_at=last_activity_at)


# --- creation ---------------------------------------------------------------------------------------------------

def test_a_new_activity_is_scheduled_normal_and_owned_by_its_creator():
    activity = make()
    assert (activity.status, activity.priority, activity.owner_id) == (S.SCHEDULED, ActivityPriority.NORMAL, "rep-1")
    assert (activity.created_at, activity.updated_at, activity.completed_at) == (T0, T0, None)


def test_an_owner_given_on_create_is_kept():
    assert make(owner_id="rep-2").owner_id == "rep-2"


def test_an_activity_created_completed_is_completed_at_creation():
    assert make(S.COMPLETED).completed_at == T0


def test_due_at_is_kept_in_utc():
    activity = make(due_at="2026-05-01T12:00:00+03:00")
    assert activity.due_at == datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    assert activity.due_at.utcoffset() == timedelta(0)


# --- status and completed_at ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after", "completed_at"), [
    pytest.param(S.SCHEDULED, S.COMPLETED, LATER, id="scheduled -> completed stamps now"),
    pytest.param(S.IN_PROGRESS, S.COMPLETED, LATER, id="in_progress -> completed stamps now"),
    pytest.param(S.COMPLETED, S.COMPLETED, T0, id="completed -> completed keeps the first time"),
    pytest.param(S.COMPLETED, S.SCHEDULED, None, id="completed -> scheduled clears"),
    pytest.param(S.COMPLETED, S.IN_PROGRESS, None, id="completed -> in_progress clears"),
    pytest.param(S.COMPLETED, S.CANCELLED, None, id="completed -> cancelled clears"),
    pytest.param(S.SCHEDULED, S.IN_PROGRESS, None, id="scheduled -> in_progress"),
    pytest.param(S.CANCELLED, S.SCHEDULED, None, id="cancelled -> scheduled reopens"),
    pytest.param(S.SCHEDULED, S.CANCELLED, None, id="scheduled -> cancelled"),
])
def test_completed_at_follows_status_changes(before, after, completed_at):
    changed = update(make(before), status=after.value)
    assert (changed.status, changed.completed_at, changed.updated_at) == (after, completed_at, LATER)


def test_a_cancelled_activity_cannot_be_set_completed():
    with pytest.raises(FailedPreconditionError, match="cancelled"):
        update(make(S.CANCELLED), status="completed")


def test_an_update_without_status_keeps_status_and_completed_at():
    changed = update(make(S.COMPLETED), subject="Called back", priority="high")
    assert (changed.subject, changed.priority, changed.status, changed.completed_at) == (
        "Called back", ActivityPriority.HIGH, S.COMPLETED, T0)


def test_an_update_can_clear_due_at_and_description():
    activity = make(due_at="2026-05-01T09:00:00Z", description="Bring the brochure")
    changed = update(activity, due_at=None, description=None)
    assert (changed.due_at, changed.description) == (None, None)


@pytest.mark.parametrize("before", [S.SCHEDULED, S.IN_PROGRESS])
def test_complete_stamps_completed_at(before):
    done = complete(make(before), now=LATER)
    assert (done.status, done.completed_at, done.updated_at) == (S.COMPLETED, LATER, LATER)


@pytest.mark.parametrize("before", [S.COMPLETED, S.CANCELLED])
def test_complete_refuses_a_closed_activity(before):
    with pytest.raises(FailedPreconditionError, match=before.value):
        complete(make(before), now=LATER)


# --- the customer's last activity -------------------------------------------------------------------------------

def test_happened_at_is_creation_until_completed():
    activity = make()
    assert activity.happened_at() == T0
    assert complete(activity, now=LATER).happened_at() == LATER


@pytest.mark.parametrize(("current", "expected"), [
    pytest.param(None, T0, id="first activity"),
    pytest.param(T0 - timedelta(days=1), T0, id="moves forward"),
])
def test_touch_customer_moves_last_activity_at_up(current, expected):
    touched = touch_customer(customer(current), make())
    assert touched is not None and touched.last_activity_at == expected


@pytest.mark.parametrize("current", [T0, T0 + timedelta(days=1)], ids=["same time", "later already"])
def test_touch_customer_never_moves_last_activity_at_back(current):
    assert touch_customer(customer(current), make()) is None


def test_completing_an_old_activity_counts_at_its_completion():
    touched = touch_customer(customer(T0 + timedelta(hours=1)), complete(make(), now=LATER))
    assert touched is not None and touched.last_activity_at == LATER


def test_clients_cannot_write_last_activity_at():
    assert "last_activity_at" in CustomerUpdate.server_owned_fields


# --- body validation --------------------------------------------------------------------------------------------

VALID = {"type": "call", "subject": "Call back", "customer_id": "c1"}


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"type": "fax"}, "type", id="unknown type"),
    pytest.param({"type": None}, "type", id="null type"),
    pytest.param({"subject": ""}, "subject", id="empty subject"),
    pytest.param({"subject": "   "}, "subject", id="blank subject"),
    pytest.param({"subject": "x" * 201}, "subject", id="201-char subject"),
    pytest.param({"description": "x" * 5001}, "description", id="5001-char description"),
    pytest.param({"due_at": "2026-05-01T09:00:00"}, "due_at", id="naive due_at"),
    pytest.param({"due_at": "next tuesday"}, "due_at", id="not a datetime"),
    pytest.param({"due_at": "0001-01-01T00:00:00+03:00"}, "due_at", id="due_at before 1900"),
    pytest.param({"status": "done"}, "status", id="unknown status"),
    pytest.param({"priority": "urgent"}, "priority", id="unknown priority"),
    pytest.param({"customer_id": ""}, "customer_id", id="empty customer_id"),
    pytest.param({"deal_id": "x" * 129}, "deal_id", id="129-char deal_id"),
    pytest.param({"colour": "red"}, "colour", id="unknown field"),
])
def test_bad_create_body_names_the_field(body, field):
    with pytest.raises(ValidationError) as caught:
        ActivityCreate.model_validate({**VALID, **body})
    assert [".".join(map(str, e["loc"])) for e in caught.value.errors()] == [field]


@pytest.mark.parametrize("missing", ["type", "subject"])
def test_create_requires_type_and_subject(missing):
    body = {k: v for k, v in VALID.items() if k != missing}
    with pytest.raises(ValidationError) as caught:
        ActivityCreate.model_validate(body)
    assert caught.value.errors()[0]["loc"] == (missing,)


def test_a_naive_due_at_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="needs a timezone"):
        ActivityCreate.model_validate({**VALID, "due_at": "2026-05-01T09:00:00"})


def test_create_needs_a_customer_or_a_deal():
    with pytest.raises(ValidationFailedError) as caught:
        ActivityCreate.model_validate({"type": "note", "subject": "Orphan"})
    assert [d["field"] for d in caught.value.details] == ["customer_id", "deal_id"]


@pytest.mark.parametrize("links", [{"customer_id": "c1"}, {"deal_id": "d1"}, {"customer_id": "c1", "deal_id": "d1"}])
def test_create_takes_a_customer_a_deal_or_both(links):
    data = ActivityCreate.model_validate({"type": "task", "subject": "Send offer", **links})
    assert (data.customer_id, data.deal_id) == (links.get("customer_id"), links.get("deal_id"))


@pytest.mark.parametrize("field", ["type", "subject", "status", "priority", "customer_id", "owner_id"])
def test_update_refuses_null_for_required_fields(field):
    with pytest.raises(ValidationError) as caught:
        ActivityUpdate.model_validate({field: None})
    assert caught.value.errors()[0]["loc"] == (field,)


@pytest.mark.parametrize("field", ["status", "priority", "owner_id"])
def test_create_refuses_null_rather_than_defaulting(field):
    with pytest.raises(ValidationError, match="cannot be null") as caught:
        ActivityCreate.model_validate({**VALID, field: None})
    assert caught.value.errors()[0]["loc"] == (field,)


def test_create_takes_a_null_customer_beside_a_deal():
    assert ActivityCreate.model_validate({**VALID, "customer_id": None, "deal_id": "d1"}).customer_id is None


@pytest.mark.parametrize("field", ["description", "due_at", "deal_id"])
def test_update_may_clear_optional_fields(field):
    assert getattr(ActivityUpdate.model_validate({field: None}), field) is None


def test_server_owned_fields_are_declared():
    assert {"id", "created_at", "updated_at", "completed_at"} <= ActivityCreate.server_owned_fields
    assert ActivityUpdate.server_owned_fields == ActivityCreate.server_owned_fields


# --- list parameters --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "message"), [
    pytest.param({"overdue": "false"}, "only true", id="overdue=false"),
    pytest.param({"overdue": "true", "status": "completed"}, "never completed", id="overdue and completed"),
    pytest.param({"open": "false"}, "only true", id="open=false"),
    pytest.param({"open": "true", "status": "cancelled"}, "never cancelled", id="open and cancelled"),
    pytest.param({"overdue": "true", "order_by": "priority"}, "orders by due_at", id="overdue ordered by priority"),
    pytest.param({"due_from": "2026-01-01T00:00:00Z", "order_by": "-created_at"}, "orders by due_at",
                 id="range ordered by created_at"),
    pytest.param({"due_from": "2026-02-01T00:00:00Z", "due_to": "2026-01-01T00:00:00Z"}, "after due_to",
                 id="inverted range"),
    pytest.param({"due_to": "2026-01-01T00:00:00"}, "needs a timezone", id="naive due_to"),
    pytest.param({"order_by": "subject"}, "order_by", id="unknown order"),
    pytest.param({"page": "300", "page_size": "100"}, "next_cursor", id="too deep"),
])
def test_bad_list_parameters_are_refused(query, message):
    with pytest.raises(ValidationError, match=message):
        ActivityListParams.model_validate(query)


@pytest.mark.parametrize(("query", "order"), [
    pytest.param({}, ActivityOrder.DUE_AT, id="default due_at"),
    pytest.param({"order_by": "priority"}, ActivityOrder.PRIORITY, id="priority"),
    pytest.param({"overdue": "true", "order_by": "-due_at"}, ActivityOrder.DUE_AT_DESC, id="overdue descending"),
    pytest.param({"due_from": "2026-01-01T00:00:00Z"}, ActivityOrder.DUE_AT, id="range defaults to due_at"),
])
def test_list_order(query, order):
    assert ActivityListParams.model_validate(query).order is order


@pytest.mark.parametrize(("query", "statuses"), [
    pytest.param({}, [], id="all"),
    pytest.param({"status": "completed"}, [S.COMPLETED], id="one status"),
    pytest.param({"overdue": "true"}, [S.SCHEDULED, S.IN_PROGRESS], id="overdue: the open ones"),
    pytest.param({"overdue": "true", "status": "in_progress"}, [S.IN_PROGRESS], id="overdue and in_progress"),
    pytest.param({"open": "true"}, [S.SCHEDULED, S.IN_PROGRESS], id="open: scheduled or in progress"),
    pytest.param({"open": "true", "status": "scheduled"}, [S.SCHEDULED], id="open and scheduled"),
])
def test_list_statuses(query, statuses):
    assert ActivityListParams.model_validate(query).statuses() == statuses


def test_an_unencoded_plus_offset_in_the_query_string_is_read_as_an_offset():
    params = ActivityListParams.model_validate({"due_from": "2026-05-01T12:00:00 03:00"})
    assert params.due_from == datetime(2026, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))
