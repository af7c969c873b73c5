"""Where a re-indexing of the search fields stands: its checkpoint, and what one batch did."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReindexCheckpoint:
    """How far a run of one search-field format has gone (the last customer id done) and what it did."""

    format: int
    after: str | None = None
    processed: int = 0
    changed: int = 0
    done: bool = False


@dataclass(frozen=True)
class BatchOutcome:
    last_id: str | None
    processed: int
    changed: int
    conflicts: int
