"""Delivering events: dispatch each event from the outbox into deliveries (one per subscribed endpoint), then send
each record's deliveries to each endpoint in order, signed, retried with backoff for 24 hours, and disable an
endpoint that keeps failing.

Order: the deliveries of one record to one endpoint form a stream, sent by whoever holds its lease, oldest first; the
next is not sent before the one before it is delivered or given up. A receiver that fails one record's event holds
back that record's later events, and only that record's.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from threading import Lock

from crm.domain.common import utc_now
from crm.domain.webhooks import retries, signing
from crm.domain.webhooks.deliveries import Outcome, WebhookDelivery, stream_id
from crm.domain.webhooks.endpoints import StoredWebhookEndpoint
from crm.domain.webhooks.queue import QueuedDelivery, StreamClaim
from crm.services.webhooks.ports import DeliveryQueue, EndpointHealth, EndpointReader, WebhookSender

LEASE = timedelta(minutes=2)
LEASE_MARGIN = timedelta(seconds=30)  # a request takes up to 10 s: stop starting new ones this long before the end
RUN_BUDGET = timedelta(seconds=50)
STALE_EVENT = timedelta(seconds=20)
BATCH = 25
USER_AGENT = "CRM-Webhooks/1.0"


@dataclass
class DeliveryFigures:
    """What a run did."""

    events: int = 0
    attempts: int = 0
    delivered: int = 0
    retrying: int = 0
    given_up: int = 0
    disabled: list[str] = field(default_factory=list)
    _lock: Lock = field(default_factory=Lock, repr=False, compare=False)

    def add(self, outcome: Outcome) -> None:
        with self._lock:
            self.attempts += 1
            if outcome is Outcome.DELIVERED:
                self.delivered += 1
            elif outcome is Outcome.RETRY:
                self.retrying += 1
            else:
                self.given_up += 1


class Deliverer:
    """Sends what the outbox holds. ``clock`` and ``jitter`` are injectable so tests can move time instead of
    sleeping; ``workers`` streams are sent at once in a sweep."""

    def __init__(self, queue: DeliveryQueue, endpoints: EndpointReader, health: EndpointHealth,
                 sender: WebhookSender, *, clock: Callable[[], datetime] = utc_now,
                 jitter: Callable[[], float] = random.random, workers: int = 8, budget: timedelta = RUN_BUDGET):
        self._queue = queue
        self._endpoints = endpoints
        self._health = health
        self._sender = sender
        self._clock = clock
        self._jitter = jitter
        self._workers = workers
        self._budget = budget

    # ------------------------------------------------------------------ entry points

    def deliver_event(self, event_id: str) -> DeliveryFigures:
        """Dispatch one new event (and its record's earlier ones) and send what that made due: the outbox
        trigger's work, for low latency."""
        figures = DeliveryFigures()
        streams = self._dispatch([event_id], figures)
        self._drive_all(streams, figures, self._clock() + self._budget)
        return figures

    def sweep(self, limit: int = 500, *, stale: timedelta = STALE_EVENT) -> DeliveryFigures:
        """Dispatch events the trigger missed (written ``stale`` ago or earlier), then send every stream that is due
        (retries among them), until nothing is due or the run's budget is spent: the scheduled function's work, and
        the CLI's."""
        figures = DeliveryFigures()
        deadline = self._clock() + self._budget
        stale_ids = self._queue.undispatched(self._clock() - stale, limit)
        self._dispatch(stale_ids, figures)
        while self._clock() < deadline:
            due = self._queue.due_streams(self._clock(), limit)
            if not due:
                break
            before = figures.attempts
            self._drive_all(due, figures, deadline)
            if figures.attempts == before:
                break  # leased by others, or nothing was due after all
        return figures

    def drain(self, *, settle: int = 3) -> DeliveryFigures:
        """Dispatch every undispatched event now and send everything due (for the CLI and tests)."""
        figures = DeliveryFigures()
        for _ in range(settle):
            events = self._queue.undispatched(None, 1000)
            self._dispatch(events, figures)
            run = self.sweep()
            figures.attempts += run.attempts
            figures.delivered += run.delivered
            figures.retrying += run.retrying
            figures.given_up += run.given_up
            figures.disabled += run.disabled
            if not events and not run.attempts:
                break
        return figures

    def send_now(self, delivery: WebhookDelivery) -> None:
        """Send a stream that an admin just queued a delivery on (a redelivery, a ping), if its turn has come."""
        self._drive_all([delivery_stream(delivery)], DeliveryFigures(), self._clock() + timedelta(seconds=20))

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self, event_ids: Iterable[str], figures: DeliveryFigures) -> set[str]:
        event_ids = list(event_ids)
        if not event_ids:
            return set()
        endpoints = self._endpoints.all()

        def targets(event_type: str, occurred_at: datetime) -> list[str]:
            return [e.id for e in endpoints if e.subscribes(event_type) and e.created_at <= occurred_at]

        streams: set[str] = set()
        for event_id in event_ids:
            reached = False
            while not reached:
                done = self._queue.dispatch(event_id, targets, self._clock())
                streams.update(done.streams)
                figures.events += done.events
                reached = done.reached
        return streams

    # ------------------------------------------------------------------ streams

    def _drive_all(self, streams: Iterable[str], figures: DeliveryFigures, deadline: datetime) -> None:
        streams = list(streams)
        if len(streams) <= 1 or self._workers <= 1:
            for stream_id in streams:
                self._drive(stream_id, figures, deadline)
            return
        with ThreadPoolExecutor(min(self._workers, len(streams))) as pool:
            list(pool.map(lambda stream_id: self._drive(stream_id, figures, deadline), streams))

    def _drive(self, stream_id: str, figures: DeliveryFigures, deadline: datetime) -> None:
        claim: StreamClaim | None = self._queue.claim(stream_id, self._clock(), LEASE)
        if claim is None:
            return
        lease_end = self._clock() + LEASE - LEASE_MARGIN
        endpoint = self._endpoints.get(claim.endpoint_id)
        while claim is not None:
            next_at, paused = self._send_in_order(claim, endpoint, figures, min(deadline, lease_end))
            claim = self._queue.release(claim, next_at, paused=paused, now=self._clock(), lease=LEASE)
            if claim is not None:
                lease_end = self._clock() + LEASE - LEASE_MARGIN

    def _send_in_order(self, claim: StreamClaim, endpoint: StoredWebhookEndpoint | None, figures: DeliveryFigures,
                       stop_at: datetime) -> tuple[datetime | None, bool]:
        """Send the stream's deliveries in order until one must wait; returns when the stream is next due (None:
        nothing left) and whether it is paused (its endpoint disabled)."""
        if endpoint is None:
            self._queue.cancel_pending(claim.stream_id, self._clock())
            return None, False
        while True:
            if not endpoint.enabled:
                return None, True
            batch = self._queue.pending(claim.stream_id, BATCH)
            if not batch:
                return None, False
            for delivery in batch:
                now = self._clock()
                if now >= stop_at:
                    return now, False
                if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
                    return delivery.next_attempt_at, False
                if delivery.payload is None:  # its event expired before it could be sent
                    self._queue.cancel_pending(claim.stream_id, now)
                    return None, False
                outcome, next_at = self._attempt(delivery, endpoint, figures)
                endpoint = self._after(endpoint, outcome)
                if outcome is not Outcome.DELIVERED and self._disable_if_failing(endpoint, figures):
                    endpoint = endpoint.model_copy(update={"enabled": False})
                if outcome is Outcome.RETRY:
                    return (next_at, False) if endpoint.enabled else (None, True)

    def _attempt(self, delivery: QueuedDelivery, endpoint: StoredWebhookEndpoint,
                 figures: DeliveryFigures) -> tuple[Outcome, datetime | None]:
        assert delivery.payload is not None
        now = self._clock()
        body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json", "User-Agent": USER_AGENT,
            "X-CRM-Event-Id": delivery.event_id, "X-CRM-Event-Type": delivery.event_type,
            "X-CRM-Delivery-Id": delivery.id, "X-CRM-Delivery-Attempt": str(delivery.attempt_count + 1),
            signing.HEADER: signing.signature_header(endpoint.signing_secrets(now), int(now.timestamp()), body),
        }
        result = self._sender.send(endpoint.url, body, headers)
        finished = self._clock()
        attempt = result.attempt(now)
        next_at: datetime | None = None
        if attempt.succeeded:
            outcome = Outcome.DELIVERED
            if endpoint.consecutive_failures or endpoint.failing_since:
                self._health.note_success(endpoint.id, finished)
        else:
            next_at = retries.next_attempt(delivery.window_start, finished, delivery.attempt_count + 1, self._jitter())
            outcome = Outcome.RETRY if next_at is not None else Outcome.GIVEN_UP
            self._health.note_failure(endpoint.id, finished, first=endpoint.failing_since is None)
        self._queue.record(delivery, attempt, outcome, next_at)
        figures.add(outcome)
        return outcome, next_at

    def _after(self, endpoint: StoredWebhookEndpoint, outcome: Outcome) -> StoredWebhookEndpoint:
        """The endpoint's health as this run now knows it (its stored record is updated by the health port)."""
        if outcome is Outcome.DELIVERED:
            return endpoint.model_copy(update={"consecutive_failures": 0, "failing_since": None})
        return endpoint.model_copy(update={"consecutive_failures": endpoint.consecutive_failures + 1,
                                           "failing_since": endpoint.failing_since or self._clock()})

    def _disable_if_failing(self, endpoint: StoredWebhookEndpoint, figures: DeliveryFigures) -> bool:
        """Whether the endpoint is disabled now, having failed for long enough (checked on its stored record only
        once what was read at the claim says it has been failing that long)."""
        now = self._clock()
        if endpoint.failing_since is None or now - endpoint.failing_since < retries.DISABLE_AFTER:
            return False

        def failing(current: StoredWebhookEndpoint) -> bool:
            return retries.should_disable(current.failing_since, current.consecutive_failures, now)

        def notice(current: StoredWebhookEndpoint) -> str:
            since = current.failing_since.isoformat(timespec="minutes") if current.failing_since else "?"
            return (f"Webhook endpoint {current.url} was disabled: its {current.consecutive_failures} latest "
                    f"attempts failed, since {since}. Fix the receiver, then enable it again; the deliveries it "
                    "had pending will resume.")

        disabled, by_this_run = self._health.disable_failing(endpoint.id, now, failing, notice)
        if by_this_run:
            figures.disabled.append(endpoint.id)
        return disabled


def delivery_stream(delivery: WebhookDelivery) -> str:
    return stream_id(delivery.endpoint_id, f"{delivery.subject}/{delivery.record_id}")
