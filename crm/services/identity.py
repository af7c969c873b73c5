"""Who is calling: resolve a bearer token or an API key into a Caller."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Any, Protocol

from crm.domain.common import utc_now
from crm.domain.identity import ApiKey, Caller, InvalidTokenError, Role
from crm.errors import NotFoundError, UnauthenticatedError

API_KEY_PREFIX = "crm_"


class TokenVerifier(Protocol):
    def verify(self, token: str) -> dict[str, Any]: ...


class ApiKeyStore(Protocol):
    def add(self, key: ApiKey) -> None: ...
    def find(self, key_hash: str) -> ApiKey | None: ...
    def all(self) -> list[ApiKey]: ...
    def revoke(self, prefix: str, when: Any) -> ApiKey | None: ...


class UserRoles(Protocol):
    def set_role(self, uid: str, role: Role) -> dict[str, Any]: ...


def hash_api_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


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
    key = store.revoke(prefix, utc_now())
    if key is None:
        raise NotFoundError(f"no API key with prefix {prefix}")
    return key


def set_user_role(roles: UserRoles, uid: str, role: Role) -> Role:
    """Give a user a role (their ``role`` custom claim; other claims are kept).

    Raises:
        NotFoundError: no such user.
    """
    roles.set_role(uid, role)
    return role


class Authenticator:
    """Turns request credentials into a Caller; remembers valid API keys for a short while to save reads."""

    def __init__(self, verifier: TokenVerifier, find_key: Callable[[str], ApiKey | None], key_cache_seconds: float):
        self._verifier = verifier
        self._find_key = find_key
        self._cache_seconds = key_cache_seconds
        self._cache: dict[str, tuple[float, ApiKey]] = {}

    def authenticate(self, authorization: str | None, api_key: str | None) -> Caller:
        """Resolve the caller.

        Raises:
            UnauthenticatedError: no credentials, or credentials that are not valid.
        """
        if authorization:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise UnauthenticatedError("Authorization must be 'Bearer <Firebase ID token>'")
            return self._from_token(token.strip())
        if api_key:
            return self._from_api_key(api_key.strip())
        raise UnauthenticatedError("sign in: send a Firebase ID token as a Bearer token, or an X-API-Key header")

    def _from_token(self, token: str) -> Caller:
        try:
            claims = self._verifier.verify(token)
        except InvalidTokenError:
            raise UnauthenticatedError("the ID token is not valid or has expired") from None
        role = claims.get("role")
        return Caller(
            uid=claims["uid"],
            role=Role(role) if isinstance(role, str) and role in Role._value2member_map_ else None,
            email=claims.get("email"),
            via="token",
        )

    def _from_api_key(self, secret: str) -> Caller:
        key_hash = hash_api_key(secret)
        cached = self._cache.get(key_hash)
        if cached and cached[0] > time.monotonic():
            key = cached[1]
        else:
            found = self._find_key(key_hash)
            if found is None or found.revoked_at is not None:
                raise UnauthenticatedError("the API key is not valid")
            key = found
            self._cache[key_hash] = (time.monotonic() + self._cache_seconds, key)
        return Caller(uid=f"apikey:{key.prefix}", role=key.role, via="api_key")
