"""API keys for integrations: made with a secret shown once, stored only as its hash, listed and revoked."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime
from typing import Annotated, Any, Protocol

from pydantic import StringConstraints

from crm.domain.common import utc_now
from crm.domain.model import Model
from crm.errors import NotFoundError
from crm.identity.caller import Role

API_KEY_PREFIX = "crm_"
PREFIX_PATTERN = r"^[0-9a-f]{8}$"
SECRET_PATTERN = re.compile(r"^crm_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$")

ApiKeyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ApiKey(Model):
    """An API key as stored: its secret only as a hash, which is also the document id."""

    key_hash: str
    prefix: str
    name: str
    role: Role
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None


class ApiKeyStore(Protocol):
    def add(self, key: ApiKey) -> None: ...
    def find(self, key_hash: str) -> ApiKey | None: ...
    def all(self) -> list[ApiKey]: ...
    def revoke(self, prefix: str, when: Any) -> ApiKey | None: ...


def hash_api_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def well_formed_secret(secret: str) -> bool:
    """Whether ``secret`` has the shape ``create_api_key`` gives every key; anything else cannot be a key."""
    return SECRET_PATTERN.match(secret) is not None


def create_api_key(store: ApiKeyStore, name: str, role: Role, created_by: str) -> tuple[str, ApiKey]:
    """Make a new key; its secret is returned once and stored only as a hash.

    Returns:
        The secret to hand to the integration, and the stored record.
    """
    prefix = secrets.token_hex(4)
    secret = f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        key_hash=hash_api_key(secret), prefix=prefix, name=name, role=role, created_at=utc_now(), created_by=created_by
    )
    store.add(key)
    return secret, key


def list_api_keys(store: ApiKeyStore) -> list[ApiKey]:
    """Every key, revoked ones included, oldest first."""
    return store.all()


def revoke_api_key(store: ApiKeyStore, prefix: str) -> ApiKey:
    """Revoke the key with ``prefix``.

    Raises:
        NotFoundError: no key has that prefix.
    """
    key = store.revoke(prefix, utc_now())
    if key is None:
        raise NotFoundError(f"no API key with prefix {prefix}")
    return key
