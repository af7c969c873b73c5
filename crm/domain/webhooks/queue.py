"""The delivery queue's values: a stream's lease, a delivery waiting in it, and what dispatching an event did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crm.domain.webhooks.deliveries import DeliveryAttempt


@dataclass(frozen=True)
class StreamClaim:
    """The lease on one record's deliveries to one endpoint: only its holder sends them."""

    stream_id: str
    endpoint_id: str
    token: str
    enqueued: int


@dataclass(frozen=True)
class QueuedDelivery:
    id: str
    stream_id: str
    endpoint_id: str
    event_id: str
    event_type: str
    window_start: datetime
    next_attempt_at: datetime | None
    attempt_count: int
    attempts: list[DeliveryAttempt] = field(default_factory=list)
    payload: dict[str, Any] | None = None


@dataclass(frozen=True)
class Dispatched:
    """What dispatching an event did: the streams that got deliveries, and whether the event itself was reached
    (a record with a long backlog is dispatched a batch at a time, oldest first)."""

    streams: list[str]
    events: int
    reached: bool
