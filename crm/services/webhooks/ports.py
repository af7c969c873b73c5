"""What the webhook use cases need from storage and from the network, as protocols (the Firestore adapters are in
crm.store.webhooks, the HTTP sender in crm.outbound)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from crm.domain.paging import Page
from crm.domain.webhooks.deliveries import (
    DeliveryAttempt,
    DeliveryListParams,
    Notice,
    Outcome,
    SendResult,
    WebhookDelivery,
    WebhookDeliveryDetail,
)
from crm.domain.webhooks.endpoints import StoredWebhookEndpoint
from crm.domain.webhooks.queue import Dispatched, QueuedDelivery, StreamClaim
from crm.identity import Caller

T = TypeVar("T")


class EndpointRepository(Protocol):
    """Endpoints inside a transaction (their changes are audited, their secrets never)."""

    def new_id(self) -> str: ...
    def get(self, endpoint_id: str) -> StoredWebhookEndpoint | None: ...
    def put(self, endpoint: StoredWebhookEndpoint) -> None: ...
    def delete(self, endpoint_id: str) -> None: ...


class EndpointTransaction(Protocol):
    @property
    def webhook_endpoints(self) -> EndpointRepository: ...


class EndpointTransactions(Protocol):
    def run(self, work: Callable[[EndpointTransaction], T], *, actor: Caller, lock: Iterable[str] = ()) -> T: ...


class EndpointReader(Protocol):
    def get(self, endpoint_id: str) -> StoredWebhookEndpoint | None: ...

    def all(self) -> list[StoredWebhookEndpoint]:
        """Every endpoint, oldest first."""
        ...


class EndpointHealth(Protocol):
    """An endpoint's record of success and failure, kept by the deliveries (not audited: no one changed it)."""

    def note_success(self, endpoint_id: str, now: datetime) -> None: ...

    def note_failure(self, endpoint_id: str, now: datetime, *, first: bool) -> None:
        """Count a failed attempt; the ``first`` after a success starts ``failing_since``."""
        ...

    def disable_failing(self, endpoint_id: str, now: datetime, should_disable: Callable[[StoredWebhookEndpoint], bool],
                        notice: Callable[[StoredWebhookEndpoint], str]) -> tuple[bool, bool]:
        """Disable the endpoint, with a notice to admins, if it is enabled and ``should_disable`` says so, in one
        transaction; returns whether it is disabled, and whether this call disabled it."""
        ...


class DeliveryQueue(Protocol):
    def undispatched(self, before: datetime | None, limit: int) -> list[str]:
        """Ids of events written before ``before`` (None: whenever) and not yet dispatched, oldest first."""
        ...

    def dispatch(self, event_id: str, targets: Callable[[str, datetime], list[str]], now: datetime) -> Dispatched:
        """Turn the event, and the record's earlier undispatched events first, into deliveries to the endpoints
        ``targets(event_type, occurred_at)`` names, in one transaction, in the record's order."""
        ...

    def due_streams(self, now: datetime, limit: int) -> list[str]: ...

    def claim(self, stream_id: str, now: datetime, lease: timedelta) -> StreamClaim | None:
        """Take the stream's lease; None while another holds it."""
        ...

    def pending(self, stream_id: str, limit: int) -> list[QueuedDelivery]:
        """The stream's deliveries still to send, in order."""
        ...

    def record(self, delivery: QueuedDelivery, attempt: DeliveryAttempt, outcome: Outcome,
               next_attempt_at: datetime | None) -> None: ...

    def cancel_pending(self, stream_id: str, now: datetime) -> int: ...

    def release(self, claim: StreamClaim, next_attempt_at: datetime | None, *, paused: bool, now: datetime,
                lease: timedelta) -> StreamClaim | None:
        """Give the lease back, due again at ``next_attempt_at`` (None: nothing to send; ``paused``: its endpoint is
        disabled). If deliveries were added meanwhile, keep the lease instead and return the renewed claim."""
        ...

    def resume(self, endpoint_id: str, now: datetime) -> int:
        """Make the paused streams of a re-enabled endpoint due now; returns how many."""
        ...

    def redeliver(self, delivery_id: str, now: datetime) -> WebhookDelivery | None:
        """A new delivery of the same event to the same endpoint, queued behind the record's others."""
        ...

    def enqueue_ping(self, endpoint_id: str, now: datetime) -> WebhookDelivery: ...


class DeliveryLog(Protocol):
    def list(self, endpoint_id: str, params: DeliveryListParams) -> Page[WebhookDelivery]: ...
    def get(self, delivery_id: str) -> WebhookDeliveryDetail | None: ...


class NoticeBoard(Protocol):
    def active(self) -> list[Notice]: ...
    def dismiss(self, notice_id: str, now: datetime) -> Notice | None: ...
    def dismiss_for_endpoint(self, endpoint_id: str, now: datetime) -> int: ...


class WebhookSender(Protocol):
    def send(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        """POST ``body`` to ``url``; never raises for the receiver's faults (they are in the result)."""
        ...
