"""Webhook delivery on the emulator, to a real HTTP receiver on a local port, with time that moves when told."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from crm.domain.common import utc_now
from crm.domain.webhooks.endpoints import WebhookEndpointCreate, WebhookEndpointWithSecret
from crm.outbound.webhook_sender import HttpWebhookSender
from crm.services.webhooks import endpoints as endpoint_service
from crm.services.webhooks.delivery import Deliverer
from crm.store.webhooks.endpoints import FirestoreWebhookEndpoints
from crm.store.webhooks.log import FirestoreDeliveryLog, FirestoreNoticeBoard
from crm.store.webhooks.queue import FirestoreDeliveryQueue
from tests.utils.webhook_receiver import FakeClock, WebhookReceiver


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(utc_now())


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as running:
        yield running


@pytest.fixture
def endpoint_store(db, names) -> FirestoreWebhookEndpoints:
    return FirestoreWebhookEndpoints(db, names)


@pytest.fixture
def queue(db, names) -> FirestoreDeliveryQueue:
    return FirestoreDeliveryQueue(db, names)


@pytest.fixture
def log(db, names) -> FirestoreDeliveryLog:
    return FirestoreDeliveryLog(db, names)


@pytest.fixture
def notices(db, names) -> FirestoreNoticeBoard:
    return FirestoreNoticeBoard(db, names)


@pytest.fixture
def deliverer(queue, endpoint_store, clock) -> Deliverer:
    return Deliverer(queue, endpoint_store, endpoint_store, HttpWebhookSender(allow_private=True), clock=clock,
                     jitter=lambda: 0.5, workers=4)


@pytest.fixture
def subscribe(transactions, endpoint_store, caller, receiver) -> Callable[..., WebhookEndpointWithSecret]:
    """An endpoint at the receiver for ``events`` (every event by default)."""

    def make(*events: str, url: str | None = None, **fields: Any) -> WebhookEndpointWithSecret:
        data = WebhookEndpointCreate.model_validate({"url": url or receiver.url, "events": list(events or ["*"]),
                                                     **fields})
        return endpoint_service.create_endpoint(transactions, endpoint_store, data, caller, allow_private=True)

    return make
