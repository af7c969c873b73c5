"""Counts the Firestore document writes a piece of work commits (what Firestore bills as writes): every write of
every commit, transactions and batches alike, on one client."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from google.cloud import firestore


@dataclass
class WriteCount:
    writes: int = 0
    commits: int = 0


@contextlib.contextmanager
def metered_writes(client: firestore.Client) -> Iterator[WriteCount]:
    """Count, in the returned object, the writes ``client`` commits inside the block (from any thread)."""
    count = WriteCount()
    api = client._firestore_api
    commit = api.commit
    guard = threading.Lock()

    def counted(*args: Any, **kwargs: Any) -> Any:
        request = kwargs.get("request") or (args[0] if args else {})
        writes = request.get("writes", []) if isinstance(request, dict) else request.writes
        response = commit(*args, **kwargs)
        with guard:
            count.writes += len(writes)
            count.commits += 1
        return response

    api.commit = counted
    try:
        yield count
    finally:
        api.commit = commit
