"""API keys on Firestore: stored only as a hash, found by it, listed, revoked, and refused once revoked."""

from __future__ import annotations

from typing import Any

import pytest

from crm.errors import NotFoundError, UnauthenticatedError
from crm.identity import (
    API_KEY_PREFIX,
    ApiKeySecret,
    Authenticator,
    InvalidTokenError,
    Role,
    create_api_key,
    hash_api_key,
    revoke_api_key,
)
from crm.store.read_meter import metered

pytestmark = pytest.mark.emulator


class RefusingVerifier:
    def verify(self, token: str) -> dict[str, Any]:
        raise InvalidTokenError(token)


def authenticator(api_keys, cache_seconds: float = 0.0) -> Authenticator:
    return Authenticator(RefusingVerifier(), api_keys.find, cache_seconds)


def test_created_key_is_stored_only_as_its_hash(db, names, api_keys):
    secret, key = create_api_key(api_keys, "Zapier", Role.REP, "admin-1")

    snapshots = list(db.collection(names.api_keys).stream())
    assert [s.id for s in snapshots] == [hash_api_key(secret)] == [key.key_hash]
    document = snapshots[0].to_dict()
    assert set(document) == {"prefix", "name", "role", "created_at", "created_by", "revoked_at"}
    stored_text = repr(document) + snapshots[0].id
    assert secret not in stored_text
    assert secret.rsplit("_", 1)[1] not in stored_text
    assert document["prefix"] == key.prefix and secret.startswith(f"{API_KEY_PREFIX}{key.prefix}_")
    assert document["role"] == "rep" and document["revoked_at"] is None
    assert document["created_at"].utcoffset().total_seconds() == 0


def test_find_by_hash(api_keys):
    secret, key = create_api_key(api_keys, "Zapier", Role.MANAGER, "admin-1")

    found = api_keys.find(hash_api_key(secret))

    assert found == key
    assert api_keys.find(hash_api_key(secret + "x")) is None


def test_two_keys_never_share_a_secret_or_prefix(api_keys):
    first_secret, first = create_api_key(api_keys, "A", Role.REP, "admin-1")
    second_secret, second = create_api_key(api_keys, "B", Role.REP, "admin-1")

    assert first_secret != second_secret
    assert first.prefix != second.prefix


def test_all_lists_keys_oldest_first(api_keys):
    made = [create_api_key(api_keys, f"key {n}", Role.VIEWER, "admin-1")[1] for n in range(3)]

    assert api_keys.all() == made


def test_revoke_by_prefix_marks_only_that_key(api_keys):
    _, kept = create_api_key(api_keys, "Kept", Role.REP, "admin-1")
    _, gone = create_api_key(api_keys, "Gone", Role.REP, "admin-1")

    revoked = revoke_api_key(api_keys, gone.prefix)

    assert revoked.key_hash == gone.key_hash and revoked.revoked_at is not None
    assert api_keys.find(gone.key_hash).revoked_at == revoked.revoked_at
    assert api_keys.find(kept.key_hash).revoked_at is None
    assert [k.revoked_at is None for k in api_keys.all()] == [True, False]


def test_revoking_an_unknown_prefix_is_not_found(api_keys):
    create_api_key(api_keys, "Kept", Role.REP, "admin-1")

    with pytest.raises(NotFoundError):
        revoke_api_key(api_keys, "deadbeef")

    assert all(k.revoked_at is None for k in api_keys.all())


def test_authenticator_accepts_a_live_key(api_keys):
    secret, key = create_api_key(api_keys, "Zapier", Role.MANAGER, "admin-1")

    caller = authenticator(api_keys).authenticate(ApiKeySecret(secret))

    assert caller.uid == f"apikey:{key.prefix}"
    assert caller.role is Role.MANAGER
    assert caller.via == "api_key"


def test_authenticator_refuses_a_revoked_key(api_keys):
    secret, key = create_api_key(api_keys, "Zapier", Role.ADMIN, "admin-1")
    auth = authenticator(api_keys)
    auth.authenticate(ApiKeySecret(secret))

    revoke_api_key(api_keys, key.prefix)

    with pytest.raises(UnauthenticatedError):
        auth.authenticate(ApiKeySecret(secret))
    with pytest.raises(UnauthenticatedError):
        authenticator(api_keys, cache_seconds=30).authenticate(ApiKeySecret(secret))


def test_authenticator_refuses_unknown_keys(api_keys):
    secret, _ = create_api_key(api_keys, "Zapier", Role.ADMIN, "admin-1")

    for wrong in (secret[:-1], f"{API_KEY_PREFIX}00000000_nothing", "not-a-key"):
        with pytest.raises(UnauthenticatedError):
            authenticator(api_keys).authenticate(ApiKeySecret(wrong))


def test_authenticator_caches_a_valid_key_to_save_reads(api_keys):
    secret, _ = create_api_key(api_keys, "Zapier", Role.REP, "admin-1")
    auth = authenticator(api_keys, cache_seconds=60)

    with metered() as reads:
        for _ in range(5):
            auth.authenticate(ApiKeySecret(secret))

    assert reads.reads == 1
