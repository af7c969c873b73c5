"""Per-caller rate limits kept in the function instance: a token bucket per caller (uid or API key) for requests,
and a stricter one per client address for failed authentications, checked before the credential is, so that
guessing keys or tokens costs no reads once the budget is spent.

The buckets live in this instance's memory: N instances allow N times the rate, and a new instance starts with full
buckets. They bound what one instance serves to one caller, not what the whole service does.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from flask import Request

from crm.errors import ResourceExhaustedError
from crm.settings import Settings

MAX_TRACKED = 10_000


@dataclass
class Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """Buckets of ``burst`` tokens refilled at ``per_minute``, one per key; the least recently used are forgotten
    beyond ``max_keys`` (a forgotten key starts again with a full bucket)."""

    def __init__(self, per_minute: int, burst: int, *, max_keys: int = MAX_TRACKED,
                 clock: Callable[[], float] = time.monotonic):
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take a token for ``key``: 0 when one was there, else the seconds until one will be (none taken)."""
        with self._lock:
            bucket = self._refilled(key)
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self._rate

    def wait(self, key: str) -> float:
        """The seconds until ``key`` has a token (0 if it has one now), taking none."""
        with self._lock:
            bucket = self._refilled(key)
            return 0.0 if bucket.tokens >= 1 else (1 - bucket.tokens) / self._rate

    def _refilled(self, key: str) -> Bucket:
        now = self._clock()
        bucket = self._buckets.pop(key, None) or Bucket(self._burst, now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        self._buckets[key] = bucket
        while len(self._buckets) > self._max_keys:
            self._buckets.popitem(last=False)
        return bucket


class RateLimits:
    """The instance's budgets: requests per caller, failed authentications per client address."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic):
        self.requests = TokenBuckets(settings.requests_per_minute, settings.request_burst, clock=clock)
        self.failures = TokenBuckets(settings.failed_logins_per_minute, settings.failed_login_burst, clock=clock)

    def check_failures(self, address: str) -> None:
        """Refuse an address that has spent its budget of failed authentications.

        Raises:
            ResourceExhaustedError: with the seconds until it may try again.
        """
        wait = self.failures.wait(address)
        if wait:
            raise _exhausted("too many failed authentications from this address", wait)

    def record_failure(self, address: str) -> None:
        self.failures.take(address)

    def take(self, caller_uid: str) -> None:
        """Spend one request of the caller's budget.

        Raises:
            ResourceExhaustedError: the budget is spent, with the seconds until a request is allowed again.
        """
        wait = self.requests.take(caller_uid)
        if wait:
            raise _exhausted("too many requests from this caller", wait)


def _exhausted(what: str, wait: float) -> ResourceExhaustedError:
    seconds = max(1, math.ceil(wait))
    return ResourceExhaustedError(f"{what}: retry in {seconds} s", retry_after=seconds)


def client_address(request: Request, proxy_hops: int) -> str:
    """The caller's address as the ``proxy_hops``-th proxy from the end saw it (X-Forwarded-For, which a client can
    write into but not past the proxies that append to it), else the connection's."""
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if proxy_hops and len(forwarded) >= proxy_hops:
        return forwarded[-proxy_hops]
    return request.remote_addr or "unknown"
