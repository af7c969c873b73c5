"""Signatures that let a receiver check that a request comes from us and was not replayed: HMAC-SHA256 of
``"{timestamp}.{body}"`` with the endpoint's secret, sent as ``X-CRM-Signature: t=<unix seconds>,v1=<hex>`` (one
``v1`` per secret in use: two while a rotated secret is still honoured)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

HEADER = "X-CRM-Signature"
SCHEME = "v1"
DEFAULT_TOLERANCE_SECONDS = 300


def new_secret(prefix: str) -> str:
    """A fresh random secret (256 bits), e.g. ``whsec_...``."""
    return f"{prefix}{secrets.token_urlsafe(32)}"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_header(secrets_in_use: Iterable[str], timestamp: int, body: bytes) -> str:
    """The header value: the time, then a signature per secret."""
    parts = [f"t={timestamp}"] + [f"{SCHEME}={signature(secret, timestamp, body)}" for secret in secrets_in_use]
    return ",".join(parts)


def verify(header: str | None, secret: str, body: bytes, now: int, *,
           tolerance: int = DEFAULT_TOLERANCE_SECONDS) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` at a time within ``tolerance`` seconds of ``now``."""
    if not header:
        return False
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == SCHEME:
            candidates.append(value)
    if timestamp is None or abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
