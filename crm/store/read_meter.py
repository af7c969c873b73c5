"""Counts the Firestore document reads a piece of work is billed for."""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Iterator
from dataclasses import dataclass

ENTRIES_PER_AGGREGATION_READ = 1000


@dataclass
class ReadCount:
    reads: int = 0


_current: contextvars.ContextVar[ReadCount | None] = contextvars.ContextVar("firestore_reads", default=None)


@contextlib.contextmanager
def metered() -> Iterator[ReadCount]:
    """Count, in the returned object, the reads made inside the block."""
    count = ReadCount()
    token = _current.set(count)
    try:
        yield count
    finally:
        _current.reset(token)


def record_documents(returned: int) -> None:
    """A query or lookup that returned ``returned`` documents: a query that matches nothing still costs one."""
    _add(max(1, returned))


def record_aggregation(entries_matched: int) -> None:
    """An aggregation (count) is billed one read per batch of up to 1000 index entries matched."""
    _add(max(1, math.ceil(entries_matched / ENTRIES_PER_AGGREGATION_READ)))


def _add(reads: int) -> None:
    count = _current.get()
    if count is not None:
        count.reads += reads


def record_lookups(documents_requested: int) -> None:
    """Direct lookups by id: each requested document is a read, found or not."""
    _add(documents_requested)
