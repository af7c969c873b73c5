"""Webhook endpoint use cases for admins: create (the secret shown once), list, change, enable and disable, rotate
the secret, delete; and the event types there are to subscribe to."""

from __future__ import annotations

from datetime import timedelta

from crm.domain.common import require_version, utc_now
from crm.domain.webhooks import endpoints as rules
from crm.domain.webhooks.endpoints import (
    MAX_ENDPOINTS,
    SECRET_PREFIX,
    EventTypeInfo,
    EventTypesList,
    SecretRotation,
    StoredWebhookEndpoint,
    WebhookEndpoint,
    WebhookEndpointCreate,
    WebhookEndpointsList,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
)
from crm.domain.webhooks.events import EVENT_TYPES
from crm.domain.webhooks.signing import new_secret
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.webhooks.ports import (
    DeliveryQueue,
    EndpointReader,
    EndpointTransaction,
    EndpointTransactions,
    NoticeBoard,
)

DISABLED_BY_ADMIN = "disabled by an admin"


def event_types() -> EventTypesList:
    return EventTypesList(results=[EventTypeInfo(type=name, subject=name.partition(".")[0], description=text)
                                   for name, text in EVENT_TYPES.items()])


def create_endpoint(transactions: EndpointTransactions, reader: EndpointReader, data: WebhookEndpointCreate,
                    caller: Caller, *, allow_private: bool) -> WebhookEndpointWithSecret:
    """Subscribe a URL to events; the answer holds the signing secret, which is never shown again.

    Raises:
        ValidationFailedError: the URL may not receive requests (see ``check_url``).
        FailedPreconditionError: there are MAX_ENDPOINTS endpoints already.
    """
    rules.check_url(data.url, allow_private=allow_private)
    if len(reader.all()) >= MAX_ENDPOINTS:
        raise FailedPreconditionError(f"there are {MAX_ENDPOINTS} webhook endpoints already; delete one first")
    now = utc_now()

    def work(tx: EndpointTransaction) -> StoredWebhookEndpoint:
        enabled = True if data.enabled is None else data.enabled
        endpoint = StoredWebhookEndpoint(
            id=tx.webhook_endpoints.new_id(), url=data.url, description=data.description, events=data.events,
            enabled=enabled, disabled_at=None if enabled else now, disabled_reason=None if enabled else
            DISABLED_BY_ADMIN, created_at=now, created_by=caller.uid, updated_at=now,
            secret=new_secret(SECRET_PREFIX),
        )
        tx.webhook_endpoints.put(endpoint)
        return endpoint

    created = transactions.run(work, actor=caller)
    return WebhookEndpointWithSecret(**created.public().model_dump(exclude={"version"}), secret=created.secret)


def list_endpoints(reader: EndpointReader) -> WebhookEndpointsList:
    endpoints = [endpoint.public() for endpoint in reader.all()]
    return WebhookEndpointsList(results=endpoints, total=len(endpoints))


def get_endpoint(reader: EndpointReader, endpoint_id: str) -> WebhookEndpoint:
    endpoint = reader.get(endpoint_id)
    if endpoint is None:
        raise _not_found(endpoint_id)
    return endpoint.public()


def update_endpoint(transactions: EndpointTransactions, queue: DeliveryQueue, notices: NoticeBoard, endpoint_id: str,
                    data: WebhookEndpointUpdate, caller: Caller, *, allow_private: bool,
                    if_match: str | None = None) -> WebhookEndpoint:
    """Change the fields given. Disabling stops deliveries (those pending wait); enabling resumes them, forgets the
    failures and dismisses the endpoint's notices.

    Raises:
        NotFoundError: no such endpoint.
        PreconditionFailedError: ``if_match`` names another version.
        ValidationFailedError: the new URL may not receive requests.
    """
    if data.url is not None:
        rules.check_url(data.url, allow_private=allow_private)
    now = utc_now()

    def work(tx: EndpointTransaction) -> tuple[StoredWebhookEndpoint, bool]:
        current = _stored(tx, endpoint_id)
        require_version(current, if_match, "webhook endpoint")
        changes = data.model_dump(include=data.model_fields_set - {"enabled"})
        if data.enabled is not None and data.enabled != current.enabled:
            changes |= ({"enabled": True, "disabled_at": None, "disabled_reason": None, "failing_since": None,
                         "consecutive_failures": 0} if data.enabled else
                        {"enabled": False, "disabled_at": now, "disabled_reason": DISABLED_BY_ADMIN})
        changed = current.model_copy(update={**changes, "updated_at": now})
        tx.webhook_endpoints.put(changed)
        return changed, bool(data.enabled) and not current.enabled

    changed, enabled_now = transactions.run(work, actor=caller, lock=[f"webhook_endpoints/{endpoint_id}"])
    if enabled_now:
        queue.resume(endpoint_id, now)
        notices.dismiss_for_endpoint(endpoint_id, now)
    return changed.public()


def rotate_secret(transactions: EndpointTransactions, endpoint_id: str, rotation: SecretRotation,
                  caller: Caller) -> WebhookEndpointWithSecret:
    """A new signing secret, shown in this answer only; requests are also signed with the old one for
    ``keep_previous_hours``, so that receivers can switch without missing an event.

    Raises:
        NotFoundError: no such endpoint.
    """
    now = utc_now()

    def work(tx: EndpointTransaction) -> StoredWebhookEndpoint:
        current = _stored(tx, endpoint_id)
        keep = timedelta(hours=rotation.keep_previous_hours)
        rotated = current.model_copy(update={
            "secret": new_secret(SECRET_PREFIX), "previous_secret": current.secret if keep else None,
            "previous_secret_expires_at": now + keep if keep else None, "secret_rotated_at": now, "updated_at": now,
        })
        tx.webhook_endpoints.put(rotated)
        return rotated

    rotated = transactions.run(work, actor=caller, lock=[f"webhook_endpoints/{endpoint_id}"])
    return WebhookEndpointWithSecret(**rotated.public().model_dump(exclude={"version"}), secret=rotated.secret)


def delete_endpoint(transactions: EndpointTransactions, notices: NoticeBoard, endpoint_id: str, caller: Caller,
                    if_match: str | None = None) -> None:
    """Delete an endpoint: nothing more is sent to it (its pending deliveries are cancelled as they come up); its
    deliveries stay in the log until they expire.

    Raises:
        NotFoundError: no such endpoint.
        PreconditionFailedError: ``if_match`` names another version.
    """

    def work(tx: EndpointTransaction) -> None:
        require_version(_stored(tx, endpoint_id), if_match, "webhook endpoint")
        tx.webhook_endpoints.delete(endpoint_id)

    transactions.run(work, actor=caller, lock=[f"webhook_endpoints/{endpoint_id}"])
    notices.dismiss_for_endpoint(endpoint_id, utc_now())


def _stored(tx: EndpointTransaction, endpoint_id: str) -> StoredWebhookEndpoint:
    endpoint = tx.webhook_endpoints.get(endpoint_id)
    if endpoint is None:
        raise _not_found(endpoint_id)
    return endpoint


def _not_found(endpoint_id: str) -> NotFoundError:
    return NotFoundError(f"webhook endpoint {endpoint_id} not found")
