"""Deliveries: one event sent to one endpoint, with every attempt's outcome, and what admins are told when an
endpoint is disabled."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field

from crm.domain.common import DocumentId
from crm.domain.model import Model
from crm.domain.paging import ListPage

MAX_ATTEMPTS_KEPT = 20
MAX_ERROR = 300
MAX_RESPONSE_EXCERPT = 500


class DeliveryState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINAL_STATES = (DeliveryState.DELIVERED, DeliveryState.FAILED, DeliveryState.CANCELLED)


class DeliveryAttempt(Model):
    """One request: its answer's status (None: no answer), how long it took, and what went wrong."""

    at: datetime
    status_code: int | None = None
    duration_ms: int
    error: str | None = None
    response: str | None = Field(None, description="The start of the receiver's answer")

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookDelivery(Model):
    """An event's delivery to an endpoint. Deliveries of one record's events to one endpoint are sent in order: the
    next waits (``pending``, no ``next_attempt_at``) until the one before is delivered or given up."""

    id: str
    endpoint_id: str
    event_id: str
    event_type: str
    subject: str
    record_id: str
    state: DeliveryState
    created_at: datetime
    window_start: datetime = Field(description="Retries go on for 24 hours from here: the event's time, or the "
                                               "redelivery's")
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None
    attempt_count: int = 0
    attempts: list[DeliveryAttempt] = Field([], description=f"The latest {MAX_ATTEMPTS_KEPT} attempts, oldest first")
    redelivery_of: str | None = None


class WebhookDeliveryDetail(WebhookDelivery):
    payload: dict[str, Any] | None = Field(None, description="The body sent (null once the event has expired)")


class WebhookDeliveriesPage(ListPage[WebhookDelivery]):
    """An endpoint's deliveries, newest first."""


class DeliveryListParams(Model):
    model_config = {"extra": "forbid"}

    state: DeliveryState | None = None
    page_size: Annotated[int, Field(ge=1, le=100)] = 25
    cursor: Annotated[str, Field(max_length=1000)] | None = None


class Outcome(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    GIVEN_UP = "given_up"


class NoticeKind(StrEnum):
    WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint_disabled"


class Notice(Model):
    """Something admins should know about and act on."""

    id: str
    kind: NoticeKind
    message: str
    endpoint_id: DocumentId | None = None
    created_at: datetime
    dismissed_at: datetime | None = None


class NoticesPage(Model):
    results: list[Notice]
    total: int


@dataclass(frozen=True)
class SendResult:
    """What one request to a receiver came to: its answer's status (None: no answer), how long it took, what went
    wrong, and the start of the answer."""

    status_code: int | None
    duration_ms: int
    error: str | None = None
    response: str | None = None

    def attempt(self, at: datetime) -> DeliveryAttempt:
        return DeliveryAttempt(at=at, status_code=self.status_code, duration_ms=self.duration_ms,
                               error=self.error[:MAX_ERROR] if self.error else None,
                               response=self.response[:MAX_RESPONSE_EXCERPT] if self.response else None)


def stream_id(endpoint_id: str, record_key: str) -> str:
    """The id of one record's stream of deliveries to one endpoint ("deal/ID" is a record's key)."""
    return f"{endpoint_id}-{hashlib.sha256(record_key.encode()).hexdigest()[:24]}"


def event_payload(event_id: str, event_type: str, occurred_at: datetime, subject: str, record_id: str,
                  data: dict[str, Any], actor: str | None) -> dict[str, Any]:
    """The body of an event's request, the same at every attempt."""
    return {"id": event_id, "type": event_type, "occurred_at": _iso(occurred_at),
            "subject": {"type": subject, "id": record_id}, "actor": actor, "data": data}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
