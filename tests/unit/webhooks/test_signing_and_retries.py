"""Signatures a receiver can check, and when deliveries are tried again, given up, and endpoints disabled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm.domain.webhooks import retries
from crm.domain.webhooks.signing import signature_header, verify

NOW = 1_800_000_000
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_a_signature_verifies_with_its_secret_within_the_tolerance():
    header = signature_header(["whsec_a"], NOW, b'{"id":1}')
    assert header.startswith(f"t={NOW},v1=")
    assert verify(header, "whsec_a", b'{"id":1}', NOW + 299)
    assert not verify(header, "whsec_a", b'{"id":1}', NOW + 301), "too old: a replay"
    assert not verify(header, "whsec_b", b'{"id":1}', NOW)
    assert not verify(header, "whsec_a", b'{"id":2}', NOW), "another body"


def test_two_secrets_sign_side_by_side_during_a_rotation():
    header = signature_header(["whsec_new", "whsec_old"], NOW, b"{}")
    assert header.count("v1=") == 2
    assert verify(header, "whsec_new", b"{}", NOW) and verify(header, "whsec_old", b"{}", NOW)


@pytest.mark.parametrize("header", [None, "", "v1=abc", "t=abc,v1=00", f"t={NOW}", "garbage"])
def test_malformed_headers_never_verify(header):
    assert not verify(header, "whsec_a", b"{}", NOW)


def test_backoff_doubles_from_30_seconds_up_to_3_hours_with_a_bounded_spread():
    delays = [retries.retry_delay(n) for n in range(1, 12)]
    assert delays[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert max(delays) == timedelta(hours=3) == delays[-1]
    assert retries.retry_delay(1, 0.0) == timedelta(seconds=27) and retries.retry_delay(1, 0.999) < timedelta(
        seconds=33)


def test_a_delivery_is_retried_for_24_hours_then_given_up():
    moment, failures, attempts = T0, 0, [T0]
    while (following := retries.next_attempt(T0, moment, failures + 1)) is not None:
        failures += 1
        moment = following
        attempts.append(moment)
    assert attempts[-1] == T0 + timedelta(hours=24), "the last attempt falls at the end of the window"
    assert 15 <= len(attempts) <= 20
    assert retries.next_attempt(T0, T0 + timedelta(hours=25), 3) is None


@pytest.mark.parametrize(("since", "failures", "disabled"), [
    pytest.param(None, 50, False, id="not failing"),
    pytest.param(timedelta(hours=23), 50, False, id="under a day"),
    pytest.param(timedelta(hours=24), 9, False, id="a day but few failures"),
    pytest.param(timedelta(hours=24), 10, True, id="a day and ten failures"),
])
def test_an_endpoint_is_disabled_after_a_day_of_failures(since, failures, disabled):
    failing_since = T0 - since if since is not None else None
    assert retries.should_disable(failing_since, failures, T0) is disabled
