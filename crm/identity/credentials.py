"""What a request presents to prove who it is, once the HTTP layer has read it from the headers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BearerToken:
    """A Firebase ID token (``Authorization: Bearer <token>``)."""

    token: str


@dataclass(frozen=True)
class ApiKeySecret:
    """An API key's secret (``X-API-Key``)."""

    secret: str


Credential = BearerToken | ApiKeySecret


class InvalidTokenError(Exception):
    """An ID token that is malformed, expired, revoked or not for this project."""
