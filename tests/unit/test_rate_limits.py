"""Token buckets per caller and per address, on a clock of our own; and the short memory of unknown API keys."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from werkzeug.test import EnvironBuilder

from crm.errors import ResourceExhaustedError, UnauthenticatedError
from crm.http.rate_limits import RateLimits, TokenBuckets, client_address
from crm.identity import ApiKey, ApiKeySecret, Authenticator, Role, hash_api_key
from crm.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_one_token_per_interval():
    clock = Clock()
    buckets = TokenBuckets(per_minute=6, burst=3, clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(10.0)  # 6 a minute: one every 10 s
    clock.now += 4
    assert buckets.take("a") == pytest.approx(6.0)
    clock.now += 6
    assert buckets.take("a") == 0.0
    assert buckets.take("a") == pytest.approx(10.0)


def test_a_bucket_refills_no_higher_than_its_burst():
    clock = Clock()
    buckets = TokenBuckets(per_minute=60, burst=2, clock=clock)
    clock.now += 3600
    assert [buckets.take("a") for _ in range(3)][-1] > 0


def test_keys_have_their_own_buckets_and_waiting_takes_nothing():
    buckets = TokenBuckets(per_minute=1, burst=1, clock=Clock())
    assert buckets.take("a") == 0.0 and buckets.wait("a") > 0
    assert buckets.wait("b") == 0.0 and buckets.wait("b") == 0.0 and buckets.take("b") == 0.0


def test_the_least_recently_used_keys_are_forgotten_beyond_the_limit():
    buckets = TokenBuckets(per_minute=1, burst=1, max_keys=2, clock=Clock())
    for key in ("a", "b", "c"):
        buckets.take(key)
    assert buckets.wait("c") > 0 and buckets.wait("b") > 0
    assert buckets.wait("a") == 0.0  # forgotten, so full again


def settings(**overrides) -> Settings:
    return Settings(project_id="p", local_mode=False, firestore_emulator_host=None, auth_emulator_host=None,
                    **overrides)


def test_a_caller_over_budget_gets_resource_exhausted_with_whole_seconds_to_wait():
    limits = RateLimits(settings(requests_per_minute=60, request_burst=2), clock=Clock())
    limits.take("u1")
    limits.take("u1")
    with pytest.raises(ResourceExhaustedError) as refused:
        limits.take("u1")
    assert refused.value.retry_after == 1 and refused.value.code == "RESOURCE_EXHAUSTED"
    limits.take("u2")


def test_failed_authentications_are_counted_per_address_and_checked_before_the_next_try():
    clock = Clock()
    limits = RateLimits(settings(failed_logins_per_minute=1, failed_login_burst=2), clock=clock)
    for _ in range(2):
        limits.check_failures("10.0.0.1")
        limits.record_failure("10.0.0.1")
    with pytest.raises(ResourceExhaustedError) as refused:
        limits.check_failures("10.0.0.1")
    assert refused.value.retry_after == 60
    limits.check_failures("10.0.0.2")
    clock.now += 60
    limits.check_failures("10.0.0.1")


@pytest.mark.parametrize(("forwarded", "hops", "address"), [
    pytest.param(None, 1, "192.0.2.9", id="no proxy header: the connection"),
    pytest.param("198.51.100.7", 1, "198.51.100.7", id="what the front end appended"),
    pytest.param("6.6.6.6, 198.51.100.7", 1, "198.51.100.7", id="a forged entry before it is ignored"),
    pytest.param("6.6.6.6, 198.51.100.7, 203.0.113.1", 2, "198.51.100.7", id="two proxies"),
    pytest.param("198.51.100.7", 2, "192.0.2.9", id="fewer entries than proxies"),
    pytest.param("198.51.100.7", 0, "192.0.2.9", id="no proxy trusted"),
])
def test_the_client_address(forwarded, hops, address):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    request = EnvironBuilder(headers=headers, environ_base={"REMOTE_ADDR": "192.0.2.9"}).get_request()
    assert client_address(request, hops) == address


SECRET = "crm_abcd1234_" + "s" * 43
UNKNOWN = "crm_deadbeef_" + "u" * 43


class CountingStore:
    def __init__(self, *keys: ApiKey):
        self.keys = {k.key_hash: k for k in keys}
        self.lookups = 0

    def find(self, key_hash: str) -> ApiKey | None:
        self.lookups += 1
        return self.keys.get(key_hash)


def stored(revoked: bool = False) -> ApiKey:
    when = datetime(2024, 1, 1, tzinfo=UTC)
    return ApiKey(key_hash=hash_api_key(SECRET), prefix="abcd1234", name="n", role=Role.REP, created_at=when,
                  created_by="a", revoked_at=when if revoked else None)


class Refusing:
    def verify(self, token: str) -> dict:
        raise AssertionError("no tokens here")


@pytest.mark.parametrize("secret,store", [
    pytest.param(UNKNOWN, CountingStore(stored()), id="unknown"),
    pytest.param(SECRET, CountingStore(stored(revoked=True)), id="revoked"),
])
def test_a_key_found_invalid_is_not_looked_up_again_for_a_while(secret, store):
    clock = Clock()
    auth = Authenticator(Refusing(), store.find, 30.0, 60.0, clock=clock)
    for _ in range(5):
        with pytest.raises(UnauthenticatedError):
            auth.authenticate(ApiKeySecret(secret))
    assert store.lookups == 1
    clock.now += 61
    with pytest.raises(UnauthenticatedError):
        auth.authenticate(ApiKeySecret(secret))
    assert store.lookups == 2
