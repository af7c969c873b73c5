"""The activity aggregate: calls, meetings, tasks, emails and notes about a customer or deal, and their status."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from crm.domain.common import DocumentId, InputModel, Versioned, refuse_null
from crm.domain.customers import Customer
from crm.domain.paging import ListPage
from crm.errors import FailedPreconditionError, ValidationFailedError

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)

SERVER_OWNED = frozenset({"id", "created_at", "updated_at", "completed_at"})


def aware_utc(value: datetime) -> datetime:
    """A timezone-aware datetime in UTC, within the years 1900-2999.

    Raises:
        ValueError: a naive datetime, or one outside that range.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("needs a timezone: end it with Z or an offset, e.g. 2026-05-01T09:00:00Z or +03:00")
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        raise ValueError("must fall in the years 1900-2999") from None
    if not EARLIEST <= utc < LATEST:
        raise ValueError("must fall in the years 1900-2999")
    return utc


AwareDateTime = Annotated[datetime, AfterValidator(aware_utc)]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
DESCRIPTION_LENGTH = 5000
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=DESCRIPTION_LENGTH)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]


class ActivityType(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    TASK = "task"
    EMAIL = "email"
    NOTE = "note"


class ActivityStatus(StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


OPEN_STATUSES = (ActivityStatus.SCHEDULED, ActivityStatus.IN_PROGRESS)


class ActivityPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class ActivityFields(InputModel):
    """Fields a caller may write; every one optional, as in a partial update."""

    server_owned_fields = SERVER_OWNED

    type: ActivityType | None = None
    subject: Subject | None = None
    description: Description | None = None
    due_at: Annotated[AwareDateTime, Field(description="Timezone-aware, e.g. 2026-05-01T09:00:00Z")] | None = None
    status: ActivityStatus | None = None
    priority: ActivityPriority | None = None
    customer_id: DocumentId | None = None
    deal_id: DocumentId | None = None
    person_id: Annotated[DocumentId, Field(description="A contact person of the activity's customer")] | None = None
    owner_id: Id | None = None

    _not_null = refuse_null("type", "subject", "status", "priority", "owner_id")


class ActivityCreate(ActivityFields):
    """A new activity: about a customer, a deal, or both (the deal must then be that customer's)."""

    type: ActivityType
    subject: Subject

    @model_validator(mode="after")
    def _linked(self) -> ActivityCreate:
        if self.customer_id is None and self.deal_id is None:
            message = "an activity needs a customer_id, a deal_id or both"
            raise ValidationFailedError(message, [{"field": f, "message": message} for f in ("customer_id", "deal_id")])
        return self


class ActivityUpdate(ActivityFields):
    """A partial update: only the fields present in the request change (PUT and PATCH alike)."""

    _customer_kept = refuse_null("customer_id")


class Activity(Versioned):
    """An activity as stored and as served."""

    id: str
    type: ActivityType
    subject: str
    description: str | None = None
    due_at: datetime | None = None
    status: ActivityStatus = ActivityStatus.SCHEDULED
    completed_at: datetime | None = None
    priority: ActivityPriority = ActivityPriority.NORMAL
    customer_id: str
    deal_id: str | None = None
    person_id: str | None = None
    owner_id: str
    created_at: datetime
    updated_at: datetime

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def happened_at(self) -> datetime:
        """When the activity last counted as customer activity: its completion, else its creation."""
        return max(self.created_at, self.completed_at or self.created_at)


class ActivitiesPage(ListPage[Activity]):
    """One page of activities."""


def new_activity(data: ActivityCreate, *, activity_id: str, customer_id: str, by: str, now: datetime) -> Activity:
    fields = data.model_dump(exclude={"customer_id", "owner_id"}, exclude_none=True)
    activity = Activity(
        **fields, id=activity_id, customer_id=customer_id, owner_id=data.owner_id or by, created_at=now,
        updated_at=now,
    )
    return with_status(activity, activity.status, now=now)


def apply_update(activity: Activity, data: ActivityUpdate, *, customer_id: str, deal_id: str | None,
                 now: datetime) -> Activity:
    """Return ``activity`` with the fields present in ``data`` and the given links; completed_at follows status.

    Raises:
        FailedPreconditionError: a cancelled activity set to completed.
    """
    changes = {name: getattr(data, name) for name in data.model_fields_set - {"status"}}
    changed = activity.model_copy(update={**changes, "customer_id": customer_id, "deal_id": deal_id})
    if data.status is not None:
        changed = with_status(changed, data.status, now=now)
    return changed.model_copy(update={"updated_at": now})


def complete(activity: Activity, *, now: datetime) -> Activity:
    """Mark a scheduled or in-progress activity completed, now.

    Raises:
        FailedPreconditionError: the activity is already completed, or cancelled.
    """
    if not activity.is_open:
        raise FailedPreconditionError(
            f"activity {activity.id} is {activity.status.value}; only a scheduled or in-progress one can be completed"
        )
    return with_status(activity, ActivityStatus.COMPLETED, now=now).model_copy(update={"updated_at": now})


def with_status(activity: Activity, status: ActivityStatus, *, now: datetime) -> Activity:
    """Set ``status``: entering completed stamps completed_at, staying keeps it, any other status clears it.

    Raises:
        FailedPreconditionError: a cancelled activity cannot become completed without being reopened first.
    """
    was = activity.status
    if status is ActivityStatus.COMPLETED:
        if was is ActivityStatus.CANCELLED:
            raise FailedPreconditionError(
                f"activity {activity.id} is cancelled; set it scheduled or in_progress before completing it"
            )
        completed_at = activity.completed_at if was is ActivityStatus.COMPLETED and activity.completed_at else now
    else:
        completed_at = None
    return activity.model_copy(update={"status": status, "completed_at": completed_at})


def next_activity_due(open_activities: list[Activity], changed_id: str, after: Activity | None) -> datetime | None:
    """The earliest due date among a deal's open activities once the activity ``changed_id`` is as ``after`` (None:
    deleted): ``open_activities`` are its open dated activities as stored before the change, earliest first, enough
    of them that one may be the changed activity. Undated activities set no next date."""
    dues = [a.due_at for a in open_activities if a.id != changed_id and a.is_open and a.due_at is not None]
    if after is not None and after.is_open and after.due_at is not None:
        dues.append(after.due_at)
    return min(dues, default=None)


def touch_customer(customer: Customer, activity: Activity) -> Customer | None:
    """The customer with last_activity_at moved up to the activity's time, or None if it is already as late."""
    at = activity.happened_at()
    if customer.last_activity_at is not None and customer.last_activity_at >= at:
        return None
    touched_at = max(customer.updated_at, activity.updated_at)
    return customer.model_copy(update={"last_activity_at": at, "updated_at": touched_at})
