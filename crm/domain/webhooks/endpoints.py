"""Webhook endpoints: the URLs admins subscribe to events, their models, and which URLs may receive our requests."""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints, field_validator

from crm.domain.common import InputModel, Versioned, refuse_null
from crm.domain.model import Model
from crm.domain.webhooks.events import EVENT_TYPES
from crm.errors import ValidationFailedError

ALL_EVENTS = "*"
SECRET_PREFIX = "whsec_"  # noqa: S105 (the prefix that marks a secret, not one)
MAX_URL_LENGTH = 2048
MAX_KEEP_PREVIOUS_HOURS = 7 * 24
MAX_ENDPOINTS = 50
PRIVATE_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa")

Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_URL_LENGTH)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
EventName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Events = Annotated[list[EventName], Field(min_length=1, max_length=100, description=(
    'Event types (GET /crm/admin/webhook-event-types), or "*" for every event, including those added later'))]


class WebhookEndpointFields(InputModel):
    """What an admin writes; every field optional, as in a partial update."""

    server_owned_fields = frozenset({"id", "created_at", "created_by", "updated_at", "secret", "disabled_at",
                                     "disabled_reason", "failing_since", "consecutive_failures"})

    url: Url | None = None
    description: Description | None = None
    events: Events | None = None
    enabled: bool | None = None

    _not_null = refuse_null("url", "events", "enabled")

    @field_validator("events")
    @classmethod
    def _known_events(cls, events: list[str] | None) -> list[str] | None:
        if events is None:
            return None
        unknown = [name for name in events if name != ALL_EVENTS and name not in EVENT_TYPES]
        if unknown:
            raise ValueError(f"unknown event types: {', '.join(unknown[:5])}; see GET /crm/admin/webhook-event-types")
        return [ALL_EVENTS] if ALL_EVENTS in events else sorted(set(events))


class WebhookEndpointCreate(WebhookEndpointFields):
    url: Url
    events: Events


class WebhookEndpointUpdate(WebhookEndpointFields):
    """A partial update; enabling a disabled endpoint resumes the deliveries it had pending."""


class WebhookEndpoint(Versioned):
    """An endpoint as served: never its secret."""

    id: str
    url: str
    description: str | None = None
    events: list[str]
    enabled: bool = True
    disabled_at: datetime | None = None
    disabled_reason: str | None = Field(None, description="Why it was disabled: by an admin, or failing too long")
    failing_since: datetime | None = Field(None, description="The first failed attempt since the last success")
    consecutive_failures: int = 0
    last_success_at: datetime | None = None
    last_failure_at: datetime | None = None
    created_at: datetime
    created_by: str
    updated_at: datetime
    secret_rotated_at: datetime | None = None
    previous_secret_expires_at: datetime | None = Field(
        None, description="Until then requests are also signed with the secret before the last rotation")

    def subscribes(self, event_type: str) -> bool:
        return self.enabled and (ALL_EVENTS in self.events or event_type in self.events)


class StoredWebhookEndpoint(WebhookEndpoint):
    """An endpoint with its secrets, as the deliveries sign with them."""

    secret: str
    previous_secret: str | None = None

    def public(self) -> WebhookEndpoint:
        return WebhookEndpoint(**self.model_dump(exclude={"secret", "previous_secret", "version"}))

    def signing_secrets(self, now: datetime) -> list[str]:
        expires = self.previous_secret_expires_at
        if self.previous_secret and expires is not None and now < expires:
            return [self.secret, self.previous_secret]
        return [self.secret]


class WebhookEndpointWithSecret(WebhookEndpoint):
    secret: str = Field(description="Signs every request (see X-CRM-Signature); shown only in this response")


class WebhookEndpointsList(Model):
    """Every endpoint, oldest first."""

    results: list[WebhookEndpoint]
    total: int


class SecretRotation(InputModel):
    keep_previous_hours: Annotated[int, Field(ge=0, le=MAX_KEEP_PREVIOUS_HOURS, description=(
        "How long requests are also signed with the old secret, so receivers can switch over"))] = 24


class EventTypeInfo(Model):
    type: str
    subject: str
    description: str


class EventTypesList(Model):
    results: list[EventTypeInfo]


def check_url(url: str, *, allow_private: bool) -> str:
    """``url`` if our requests may go there: https (http too when ``allow_private``, for local receivers), a host,
    no credentials in it, and outside local mode no private, loopback, link-local or reserved address or name.
    Names are checked again at every delivery, where they are resolved (crm.outbound.webhook_sender).

    Raises:
        ValidationFailedError: on ``url``, saying what is wrong.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _url_error(f"not a valid URL: {exc}") from None
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        raise _url_error("must start with https://" if not allow_private else "must be an http(s) URL")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise _url_error("must name a host")
    if parts.username or parts.password:
        raise _url_error("must not carry a user name or password")
    if port == 0:
        raise _url_error("must not name port 0")
    if parts.fragment:
        raise _url_error("must not have a #fragment")
    if not allow_private and not public_host(host):
        raise _url_error(f"{host} is a private, loopback or reserved address: webhooks go to public hosts only")
    return url


def public_host(host: str) -> bool:
    """Whether ``host`` (a name or an address) may be public: an address in no private or reserved range, or a name
    not reserved for local use."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return not (host == PRIVATE_NAMES[0] or host.endswith(PRIVATE_NAMES[1:]) or "." not in host)
    return public_address(address)


def public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _url_error(message: str) -> ValidationFailedError:
    return ValidationFailedError(f"url {message}", [{"field": "url", "message": message, "type": "value_error"}])
