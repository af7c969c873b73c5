"""Authentication: bearer tokens through a verifier, API keys through a key store, with a short key cache."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest

from crm.errors import NotFoundError, UnauthenticatedError
from crm.identity import (
    API_KEY_PREFIX,
    ApiKey,
    ApiKeySecret,
    Authenticator,
    BearerToken,
    Credential,
    InvalidTokenError,
    Role,
    create_api_key,
    hash_api_key,
    revoke_api_key,
)

SECRET = "crm_abcd1234_" + "s3cr3t".ljust(43, "x")
UNKNOWN = "crm_deadbeef_" + "y" * 43
CREATED = datetime(2024, 1, 1, tzinfo=UTC)


class FakeVerifier:
    """Accepts the tokens it was given, with their claims; remembers what it was asked."""

    def __init__(self, claims_by_token: dict[str, dict[str, Any]]):
        self.claims_by_token = claims_by_token
        self.asked: list[str] = []

    def verify(self, token: str) -> dict[str, Any]:
        self.asked.append(token)
        if token not in self.claims_by_token:
            raise InvalidTokenError("unknown token")
        return self.claims_by_token[token]


class FakeKeyStore:
    """API keys in a dict by hash; counts lookups."""

    def __init__(self, *keys: ApiKey):
        self.keys = {k.key_hash: k for k in keys}
        self.lookups = 0

    def add(self, key: ApiKey) -> None:
        self.keys[key.key_hash] = key

    def find(self, key_hash: str) -> ApiKey | None:
        self.lookups += 1
        return self.keys.get(key_hash)

    def all(self) -> list[ApiKey]:
        return list(self.keys.values())

    def revoke(self, prefix: str, when: Any) -> ApiKey | None:
        for key_hash, key in self.keys.items():
            if key.prefix == prefix:
                self.keys[key_hash] = key.model_copy(update={"revoked_at": when})
                return self.keys[key_hash]
        return None


def stored_key(secret: str = SECRET, role: Role = Role.REP, revoked: bool = False) -> ApiKey:
    return ApiKey(
        key_hash=hash_api_key(secret),
        prefix="abcd1234",
        name="zapier",
        role=role,
        created_at=CREATED,
        created_by="admin-1",
        revoked_at=CREATED if revoked else None,
    )


def authenticator(store: FakeKeyStore | None = None, cache_seconds: float = 30.0) -> Authenticator:
    verifier = FakeVerifier({"good": {"uid": "u1", "role": "manager", "email": "m@x.com"}})
    return Authenticator(verifier, (store or FakeKeyStore()).find, cache_seconds)


def test_hash_api_key_is_sha256_hex() -> None:
    assert hash_api_key("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert hash_api_key(SECRET) == hashlib.sha256(SECRET.encode()).hexdigest()
    assert hash_api_key("a") != hash_api_key("b")


def test_bearer_token_becomes_a_caller() -> None:
    caller = authenticator().authenticate(BearerToken("good"))
    assert (caller.uid, caller.role, caller.email, caller.via) == ("u1", Role.MANAGER, "m@x.com", "token")


@pytest.mark.parametrize(
    "credential",
    [
        pytest.param(None, id="nothing"),
        pytest.param(BearerToken("forged"), id="token the verifier refuses"),
        pytest.param(ApiKeySecret(UNKNOWN), id="unknown api key"),
    ],
)
def test_bad_credentials_are_unauthenticated(credential: Credential | None) -> None:
    with pytest.raises(UnauthenticatedError):
        authenticator(FakeKeyStore(stored_key())).authenticate(credential)


@pytest.mark.parametrize(
    ("claims", "role"),
    [
        pytest.param({"uid": "u2", "role": "admin"}, Role.ADMIN, id="admin"),
        pytest.param({"uid": "u2", "role": "rep"}, Role.REP, id="rep"),
        pytest.param({"uid": "u2", "role": "superuser"}, None, id="unknown role"),
        pytest.param({"uid": "u2", "role": ["admin"]}, None, id="role not a string"),
        pytest.param({"uid": "u2"}, None, id="no role"),
    ],
)
def test_role_claim(claims: dict[str, Any], role: Role | None) -> None:
    auth = Authenticator(FakeVerifier({"t": claims}), FakeKeyStore().find, 30.0)
    assert auth.authenticate(BearerToken("t")).role is role


def test_api_key_becomes_a_caller_with_its_role() -> None:
    caller = authenticator(FakeKeyStore(stored_key(role=Role.ADMIN))).authenticate(ApiKeySecret(SECRET))
    assert (caller.uid, caller.role, caller.via, caller.email) == ("apikey:abcd1234", Role.ADMIN, "api_key", None)


def test_revoked_api_key_is_refused() -> None:
    with pytest.raises(UnauthenticatedError):
        authenticator(FakeKeyStore(stored_key(revoked=True))).authenticate(ApiKeySecret(SECRET))


def test_api_key_cache_avoids_a_second_lookup() -> None:
    store = FakeKeyStore(stored_key())
    auth = authenticator(store)
    first, second = auth.authenticate(ApiKeySecret(SECRET)), auth.authenticate(ApiKeySecret(SECRET))
    assert first == second
    assert store.lookups == 1


def test_expired_cache_entry_looks_the_key_up_again() -> None:
    store = FakeKeyStore(stored_key())
    auth = authenticator(store, cache_seconds=0)
    auth.authenticate(ApiKeySecret(SECRET))
    store.revoke("abcd1234", CREATED)
    with pytest.raises(UnauthenticatedError):
        auth.authenticate(ApiKeySecret(SECRET))
    assert store.lookups == 2


def test_unknown_keys_are_not_cached() -> None:
    store = FakeKeyStore()
    auth = authenticator(store)
    for _ in range(2):
        with pytest.raises(UnauthenticatedError):
            auth.authenticate(ApiKeySecret(UNKNOWN))
    assert store.lookups == 2


@pytest.mark.parametrize("secret", [
    pytest.param("crm_nope", id="too short"),
    pytest.param("k" * 1600, id="1600 characters"),
    pytest.param(SECRET + "x", id="one character more"),
    pytest.param("crm_ABCD1234_" + "x" * 43, id="prefix not lower-case hex"),
    pytest.param("crm_abcd1234_" + "é" * 43, id="not URL-safe base64"),
])
def test_what_cannot_be_a_key_is_refused_without_a_lookup(secret: str) -> None:
    store = FakeKeyStore(stored_key())
    with pytest.raises(UnauthenticatedError, match="API key"):
        authenticator(store).authenticate(ApiKeySecret(secret))
    assert store.lookups == 0


def test_create_api_key_stores_only_the_hash() -> None:
    store = FakeKeyStore()
    secret, key = create_api_key(store, "zapier", Role.REP, "admin-1")
    assert secret.startswith(f"{API_KEY_PREFIX}{key.prefix}_")
    assert store.keys == {hash_api_key(secret): key}
    assert secret not in key.model_dump_json()
    assert authenticator(store).authenticate(ApiKeySecret(secret)).role is Role.REP


def test_revoke_unknown_prefix_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        revoke_api_key(FakeKeyStore(stored_key()), "ffffffff")
