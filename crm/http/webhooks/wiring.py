"""What the webhook handlers depend on, built once per app on first use (``deps().webhooks``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from google.cloud import firestore

from crm.outbound.webhook_sender import HttpWebhookSender
from crm.services.webhooks.delivery import Deliverer
from crm.services.webhooks.ports import WebhookSender
from crm.settings import Settings
from crm.store.collections import CollectionNames
from crm.store.webhooks.endpoints import FirestoreWebhookEndpoints
from crm.store.webhooks.log import FirestoreDeliveryLog, FirestoreNoticeBoard
from crm.store.webhooks.queue import FirestoreDeliveryQueue


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
        return Deliverer(self.queue, self.endpoints, self.endpoints, self.sender, workers=1)
