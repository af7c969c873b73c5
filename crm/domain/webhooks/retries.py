"""When a failed delivery is tried again, when it is given up, and when an endpoint that keeps failing is disabled."""

from __future__ import annotations

from datetime import datetime, timedelta

RETRY_WINDOW = timedelta(hours=24)
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY_DELAY = timedelta(hours=3)
JITTER = 0.1
DISABLE_AFTER = timedelta(hours=24)
DISABLE_MIN_FAILURES = 10


def retry_delay(failures: int, jitter: float = 0.5) -> timedelta:
    """The wait after the ``failures``-th failed attempt in a row: 30 s, doubling up to 3 hours, spread by up to
    10% either way (``jitter`` in [0, 1): 0.5 is no spread) so that retries of many deliveries do not arrive at once."""
    doublings = min(max(failures, 1) - 1, 20)
    delay: timedelta = min(FIRST_RETRY * (2**doublings), MAX_RETRY_DELAY)
    return delay * (1 - JITTER + 2 * JITTER * jitter)


def next_attempt(window_start: datetime, now: datetime, failures: int, jitter: float = 0.5) -> datetime | None:
    """When to try again after a failure at ``now``; None once the delivery has been tried for RETRY_WINDOW since
    ``window_start`` (its event's time, or its redelivery's): it is given up. The last attempt falls at the end of
    the window."""
    end = window_start + RETRY_WINDOW
    if now >= end:
        return None
    return min(now + retry_delay(failures, jitter), end)


def should_disable(failing_since: datetime | None, consecutive_failures: int, now: datetime) -> bool:
    """An endpoint is disabled once it has failed every attempt for DISABLE_AFTER, at least DISABLE_MIN_FAILURES
    times in a row: a receiver down for hours keeps its subscription; one gone for a day does not."""
    return (failing_since is not None and now - failing_since >= DISABLE_AFTER
            and consecutive_failures >= DISABLE_MIN_FAILURES)
