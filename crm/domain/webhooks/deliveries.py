"""Deliveries: one event sent to one endpoint, with every attempt's outcome, and what admins are told when an
endpoint is disabled."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, Field

from crm.domain.common import DocumentId
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


class DeliveryAttempt(BaseModel):
    """One request: its answer's status (None: no answer), how long it took, and what went wrong."""

    at: datetime
    status_code: int | None = None
    duration_ms: int
    error: str | None = None
    response: str | None = Field(None, description="The start of the receiver's answer")

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookDelivery(BaseModel):
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


class DeliveryListParams(BaseModel):
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


class Notice(BaseModel):
    """Something admins should know about and act on."""

    id: str
    kind: NoticeKind
    message: str
    endpoint_id: DocumentId | None = None
    created_at: datetime
    dismissed_at: datetime | None = None


class NoticesPage(BaseModel):
    results: list[Notice]
    total: int
