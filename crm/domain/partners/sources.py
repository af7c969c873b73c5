"""Conversion sources: the systems (an app's attribution SDK, a shop, a billing system) that post conversion events,
each signing its requests with a secret of its own. The secret is shown once, when it is made; the previous one keeps
working for a day after a rotation, so a source can switch without losing events."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Annotated

from pydantic import Field, StringConstraints

from crm.domain.common import InputModel
from crm.domain.model import Model
from crm.errors import UnauthenticatedError

SIGNATURE_HEADER = "X-CRM-Signature"
TOLERANCE_SECONDS = 300
ROTATION_GRACE = timedelta(days=1)
SECRET_PREFIX = "cvs_"  # noqa: S105  (a prefix that marks a source secret, not one)

SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{1,63}$"
SourceId = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=SOURCE_ID_PATTERN),
                     Field(description="The source's name in the postback URL: /api/hooks/conversions/{id}")]


class ConversionSourceCreate(InputModel):
    id: SourceId
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ConversionSource(Model):
    """A source as listed: never its secret."""

    id: str
    name: str
    active: bool = True
    created_at: datetime
    created_by: str
    secret_rotated_at: datetime | None = None
    previous_secret_expires_at: datetime | None = None


class ConversionSourceWithSecret(ConversionSource):
    secret: str = Field(description="Signs the source's requests; shown only in this response")


class ConversionSourcesPage(Model):
    results: list[ConversionSource]
    total: int


class SourceSecrets(Model):
    """A source's secrets as stored (server only): the current one, and the previous one until it expires."""

    current: str
    previous: str | None = None
    previous_expires_at: datetime | None = None

    def valid(self, now: datetime) -> list[str]:
        keep = self.previous and self.previous_expires_at and now < self.previous_expires_at
        return [self.current, self.previous] if keep and self.previous else [self.current]


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def rotated(secrets_: SourceSecrets, new: str, now: datetime) -> SourceSecrets:
    return SourceSecrets(current=new, previous=secrets_.current, previous_expires_at=now + ROTATION_GRACE)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The header value a source sends: ``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>``."""
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_signature(valid_secrets: list[str], header: str | None, body: bytes, now: datetime) -> None:
    """Accept a request signed by one of ``valid_secrets`` within the last few minutes.

    Raises:
        UnauthenticatedError: no signature, a malformed or stale one, or one no secret made.
    """
    if not header:
        raise UnauthenticatedError(f"sign the request: {SIGNATURE_HEADER}: t=<unix time>,v1=<HMAC-SHA256 hex>")
    parts = [part.strip().partition("=") for part in header.split(",")]
    stamps = [value for key, _, value in parts if key == "t"]
    signatures = [value for key, _, value in parts if key == "v1"]
    if len(stamps) != 1 or not stamps[0].isdigit() or not signatures:
        raise UnauthenticatedError(f"{SIGNATURE_HEADER} must be t=<unix time>,v1=<HMAC-SHA256 hex>")
    timestamp = int(stamps[0])
    if abs(now.timestamp() - timestamp) > TOLERANCE_SECONDS:
        raise UnauthenticatedError(f"the signature's time is more than {TOLERANCE_SECONDS} seconds away from ours")
    expected = [_digest(secret, timestamp, body) for secret in valid_secrets]
    if not any(hmac.compare_digest(given, wanted) for given in signatures for wanted in expected):
        raise UnauthenticatedError("the signature does not match the request")
