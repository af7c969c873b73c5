"""What admins do with deliveries: read an endpoint's log, send a delivery's event again, ping an endpoint."""

from __future__ import annotations

from crm.domain.common import utc_now
from crm.domain.webhooks.deliveries import (
    DeliveryListParams,
    WebhookDeliveriesPage,
    WebhookDelivery,
)
from crm.errors import FailedPreconditionError, NotFoundError
from crm.services.webhooks.delivery import Deliverer
from crm.services.webhooks.ports import DeliveryLog, DeliveryQueue, EndpointReader


def list_deliveries(endpoints: EndpointReader, log: DeliveryLog, endpoint_id: str,
                    params: DeliveryListParams) -> WebhookDeliveriesPage:
    """One page of the endpoint's deliveries, newest first.

    Raises:
        NotFoundError: no such endpoint.
    """
    if endpoints.get(endpoint_id) is None:
        raise NotFoundError(f"webhook endpoint {endpoint_id} not found")
    return WebhookDeliveriesPage.of(log.list(endpoint_id, params), params.page_size)


def redeliver(queue: DeliveryQueue, deliverer: Deliverer, delivery_id: str, log: DeliveryLog) -> WebhookDelivery:
    """Queue the delivery's event again for its endpoint, behind the record's other pending deliveries, and send it
    now if its turn has come; returns the new delivery as it stands.

    Raises:
        NotFoundError: no such delivery, or its event has expired.
    """
    queued = queue.redeliver(delivery_id, utc_now())
    if queued is None:
        raise NotFoundError(f"webhook delivery {delivery_id} not found (or its event has expired)")
    return _sent(deliverer, log, queued)


def ping(endpoints: EndpointReader, queue: DeliveryQueue, deliverer: Deliverer, log: DeliveryLog,
         endpoint_id: str) -> WebhookDelivery:
    """Send a ``ping`` event to the endpoint now.

    Raises:
        NotFoundError: no such endpoint.
        FailedPreconditionError: the endpoint is disabled (nothing is sent to it).
    """
    endpoint = endpoints.get(endpoint_id)
    if endpoint is None:
        raise NotFoundError(f"webhook endpoint {endpoint_id} not found")
    if not endpoint.enabled:
        raise FailedPreconditionError("the endpoint is disabled: enable it, then ping it")
    return _sent(deliverer, log, queue.enqueue_ping(endpoint_id, utc_now()))


def _sent(deliverer: Deliverer, log: DeliveryLog, queued: WebhookDelivery) -> WebhookDelivery:
    deliverer.send_now(queued)
    found = log.get(queued.id)
    return WebhookDelivery(**found.model_dump(exclude={"payload"})) if found is not None else queued
