"""Turning a request's credential into a Caller: ID tokens through a verifier, API keys through the key store."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from crm.errors import UnauthenticatedError
from crm.identity.api_keys import ApiKey, hash_api_key, well_formed_secret
from crm.identity.caller import Caller, role_from_claim
from crm.identity.credentials import ApiKeySecret, BearerToken, Credential, InvalidTokenError

INVALID_KEY = "the API key is not valid"
MAX_UNKNOWN_KEYS = 10_000
NO_CREDENTIAL = "sign in: send a Firebase ID token as a Bearer token, or an X-API-Key header"


class TokenVerifier(Protocol):
    def verify(self, token: str) -> dict[str, Any]: ...


class Authenticator:
    """Resolves credentials into callers. Remembers valid API keys for a short while, and keys found unknown or
    revoked for another, so that neither a busy integration nor one retrying a bad key costs a read per request."""

    def __init__(self, verifier: TokenVerifier, find_key: Callable[[str], ApiKey | None], key_cache_seconds: float,
                 unknown_key_cache_seconds: float = 0.0, clock: Callable[[], float] = time.monotonic):
        self._verifier = verifier
        self._find_key = find_key
        self._cache_seconds = key_cache_seconds
        self._unknown_seconds = unknown_key_cache_seconds
        self._clock = clock
        self._cache: dict[str, tuple[float, ApiKey]] = {}
        self._unknown: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def authenticate(self, credential: Credential | None) -> Caller:
        """Resolve the caller.

        Raises:
            UnauthenticatedError: no credential, or one that is not valid.
            UnavailableError: an ID token could not be checked for want of Google's public keys.
        """
        if isinstance(credential, BearerToken):
            return self._from_token(credential.token)
        if isinstance(credential, ApiKeySecret):
            return self._from_api_key(credential.secret)
        raise UnauthenticatedError(NO_CREDENTIAL)

    def _from_token(self, token: str) -> Caller:
        try:
            claims = self._verifier.verify(token)
        except InvalidTokenError:
            raise UnauthenticatedError("the ID token is not valid or has expired") from None
        return Caller(uid=claims["uid"], role=role_from_claim(claims.get("role")), email=claims.get("email"),
                      via="token")

    def _from_api_key(self, secret: str) -> Caller:
        if not well_formed_secret(secret):
            raise UnauthenticatedError(INVALID_KEY)  # not a key's shape: no read needed to know
        key_hash = hash_api_key(secret)
        now = self._clock()
        cached = self._cache.get(key_hash)
        if cached and cached[0] > now:
            key = cached[1]
        elif self._unknown.get(key_hash, 0.0) > now:
            raise UnauthenticatedError(INVALID_KEY)
        else:
            found = self._find_key(key_hash)
            if found is None or found.revoked_at is not None:
                self._remember_unknown(key_hash, now)
                raise UnauthenticatedError(INVALID_KEY)
            key = found
            self._cache[key_hash] = (now + self._cache_seconds, key)
        return Caller(uid=f"apikey:{key.prefix}", role=key.role, via="api_key")

    def _remember_unknown(self, key_hash: str, now: float) -> None:
        with self._lock:
            self._unknown.pop(key_hash, None)
            self._unknown[key_hash] = now + self._unknown_seconds
            while len(self._unknown) > MAX_UNKNOWN_KEYS:
                self._unknown.popitem(last=False)
