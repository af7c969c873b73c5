"""Idempotency keys: which record a caller's key names, and what claiming it tells the request (act, wait, or
replay the first response)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

KEEP_FOR = timedelta(hours=24)
RUNNING_LOCK = timedelta(minutes=2)
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")


class KeyState(StrEnum):
    NEW = "new"
    RUNNING = "running"
    DONE = "done"


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KeyClaim:
    """What claiming a key found: NEW (this request acts), RUNNING (another one is acting) or DONE (replay
    ``response``); ``same_request`` is false when the key was used for a different request."""

    state: KeyState
    same_request: bool = True
    response: StoredResponse | None = None


def idempotency_record_id(uid: str, key: str) -> str:
    """The id of a key's record: keys are scoped to their caller."""
    return hashlib.sha256(f"{uid}\n{key}".encode()).hexdigest()
