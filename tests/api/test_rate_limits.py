"""Rate limits over HTTP: a caller over their budget gets 429 RESOURCE_EXHAUSTED with Retry-After; an address that
keeps failing to authenticate is refused before its credentials are checked, so guessing keys costs no reads;
and an unknown key tried again costs no second read."""

from __future__ import annotations

import pytest

from crm.http import create_app
from crm.identity import Role, create_api_key
from crm.settings import settings_from_env
from crm.store.read_meter import metered
from tests.api.helpers import CUSTOMERS, assert_error

UNKNOWN_KEY = "crm_deadbeef_" + "u" * 43


@pytest.fixture
def strict(local_env, settings):
    """An app whose budgets are small enough to spend in a test."""
    env = {**local_env, "CRM_COLLECTION_PREFIX": settings.collection_prefix, "CRM_RATE_LIMIT_PER_MINUTE": "1",
           "CRM_RATE_LIMIT_BURST": "3", "CRM_AUTH_FAILURES_PER_MINUTE": "1", "CRM_AUTH_FAILURE_BURST": "3"}
    return create_app(settings_from_env(env))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_caller_over_budget_gets_429_with_retry_after(strict, token_for):
    client = strict.test_client()
    alice = bearer(token_for("alice", "manager"))
    assert [client.get(CUSTOMERS, headers=alice).status_code for _ in range(3)] == [200] * 3
    response = client.get(CUSTOMERS, headers=alice)
    error = assert_error(response, 429, "RESOURCE_EXHAUSTED")
    assert "too many requests" in error["message"]
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert client.get(CUSTOMERS, headers=bearer(token_for("bob", "manager"))).status_code == 200


def test_an_api_key_has_its_own_budget(strict, token_for):
    secret, _ = create_api_key(strict.extensions["crm"].api_keys, "Sync", Role.REP, "admin-1")
    client = strict.test_client()
    for _ in range(3):
        assert client.get(CUSTOMERS, headers={"X-API-Key": secret}).status_code == 200
    assert_error(client.get(CUSTOMERS, headers={"X-API-Key": secret}), 429, "RESOURCE_EXHAUSTED")
    assert client.get(CUSTOMERS, headers=bearer(token_for("alice", "manager"))).status_code == 200


def test_an_address_that_keeps_failing_is_refused_before_its_key_is_read(strict, token_for):
    client = strict.test_client()
    attacker = {"X-Forwarded-For": "203.0.113.66"}
    with metered() as reads:
        for n in range(3):
            key = "crm_deadbeef_" + str(n) * 43
            assert_error(client.get(CUSTOMERS, headers={**attacker, "X-API-Key": key}), 401, "UNAUTHENTICATED")
    assert reads.reads == 3
    with metered() as reads:
        for n in range(20):
            key = "crm_cafebabe_" + str(n % 10) * 43
            response = client.get(CUSTOMERS, headers={**attacker, "X-API-Key": key})
            assert_error(response, 429, "RESOURCE_EXHAUSTED")
    assert reads.reads == 0
    assert int(response.headers["Retry-After"]) == 60
    good = bearer(token_for("alice", "manager"))
    assert client.get(CUSTOMERS, headers={"X-Forwarded-For": "198.51.100.1", **good}).status_code == 200


@pytest.mark.parametrize("credential", [
    pytest.param({"Authorization": "Bearer forged"}, id="bad tokens"),
    pytest.param({}, id="no credentials"),
])
def test_every_failed_authentication_counts(strict, credential):
    client = strict.test_client()
    statuses = [client.get(CUSTOMERS, headers=credential).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


def test_an_unknown_key_tried_again_costs_no_second_read(app):
    client = app.test_client()
    with metered() as reads:
        for _ in range(5):
            assert_error(client.get(CUSTOMERS, headers={"X-API-Key": UNKNOWN_KEY}), 401, "UNAUTHENTICATED")
    assert reads.reads == 1


def test_the_public_endpoints_are_not_limited(strict):
    client = strict.test_client()
    assert all(client.get("/api/health").status_code == 200 for _ in range(10))
