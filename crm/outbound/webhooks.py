"""Webhook delivery put together from the settings: the Firestore queue, endpoints and log, the HTTP sender and the
deliverer; and the ways it runs: once per outbox event (the Firestore trigger), on a schedule (retries and anything
the trigger missed), and watching the outbox (the CLI and the local stack, where no trigger fires)."""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.outbound.webhook_sender import HttpWebhookSender
from crm.services.webhooks.delivery import Deliverer, DeliveryFigures
from crm.services.webhooks.ports import WebhookSender
from crm.settings import Settings, get_settings
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.webhooks.endpoints import FirestoreWebhookEndpoints
from crm.store.webhooks.log import FirestoreDeliveryLog, FirestoreNoticeBoard
from crm.store.webhooks.queue import PENDING, FirestoreDeliveryQueue

logger = logging.getLogger("crm.webhooks")
SWEEP_EVERY = timedelta(seconds=5)


@dataclass
class WebhookDependencies:
    settings: Settings
    db: firestore.Client
    names: CollectionNames

    @functools.cached_property
    def endpoints(self) -> FirestoreWebhookEndpoints:
        return FirestoreWebhookEndpoints(self.db, self.names)

    @functools.cached_property
    def queue(self) -> FirestoreDeliveryQueue:
        return FirestoreDeliveryQueue(self.db, self.names)

    @functools.cached_property
    def log(self) -> FirestoreDeliveryLog:
        return FirestoreDeliveryLog(self.db, self.names)

    @functools.cached_property
    def notices(self) -> FirestoreNoticeBoard:
        return FirestoreNoticeBoard(self.db, self.names)

    @functools.cached_property
    def sender(self) -> WebhookSender:
        return HttpWebhookSender(allow_private=self.settings.local_mode)

    @functools.cached_property
    def deliverer(self) -> Deliverer:
        return Deliverer(self.queue, self.endpoints, self.endpoints, self.sender)


def webhook_dependencies(settings: Settings | None = None) -> WebhookDependencies:
    settings = settings or get_settings()
    return WebhookDependencies(settings, firestore_client(settings), CollectionNames(settings.collection_prefix))


@functools.cache
def _process_wide() -> WebhookDependencies:
    return webhook_dependencies()


def deliver_event(event_id: str) -> DeliveryFigures:
    """The outbox trigger's work: dispatch the new event and send what it made due."""
    return _process_wide().deliverer.deliver_event(event_id)


def sweep() -> DeliveryFigures:
    """The scheduled work: events the trigger missed, and every delivery due (retries)."""
    return _process_wide().deliverer.sweep()


def watch(hooks: WebhookDependencies, stop: threading.Event, *, sweep_every: timedelta = SWEEP_EVERY,
          report: Callable[[DeliveryFigures], None] | None = None) -> None:
    """Deliver until ``stop`` is set: each new outbox event as soon as a listener sees it (as the trigger would in
    production), and a sweep every ``sweep_every`` for retries."""
    arrived: queue.Queue[str] = queue.Queue()

    def on_snapshot(snapshots: list[firestore.DocumentSnapshot], changes: list, read_time: object) -> None:
        for change in changes:
            if change.type.name == "ADDED":
                arrived.put(change.document.id)

    pending = hooks.db.collection(hooks.names.webhook_events).where(filter=FieldFilter("state", "==", PENDING))
    listener = pending.on_snapshot(on_snapshot)
    deliverer = hooks.deliverer
    try:
        next_sweep = 0.0
        while not stop.is_set():
            try:
                event_id = arrived.get(timeout=0.2)
            except queue.Empty:
                event_id = None
            try:
                if event_id is not None:
                    _report(deliverer.deliver_event(event_id), report)
                now = _monotonic()
                if now >= next_sweep:
                    _report(deliverer.sweep(stale=timedelta(0)), report)
                    next_sweep = now + sweep_every.total_seconds()
            except Exception:  # keep delivering: one bad run must not stop the loop
                logger.exception("webhook delivery run failed")
                stop.wait(1.0)
    finally:
        listener.unsubscribe()


def _report(figures: DeliveryFigures, report: Callable[[DeliveryFigures], None] | None) -> None:
    if report is not None and (figures.attempts or figures.events):
        report(figures)


def _monotonic() -> float:
    import time

    return time.monotonic()
