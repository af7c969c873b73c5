"""Re-deriving the customers' search fields when their format changes: resumable, batch by batch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from crm.domain.search.reindex import BatchOutcome, ReindexCheckpoint

DEFAULT_BATCH = 200


class SearchReindex(Protocol):
    format: int

    def count(self) -> int: ...
    def checkpoint(self) -> ReindexCheckpoint | None: ...
    def save(self, checkpoint: ReindexCheckpoint) -> None: ...
    def reindex_batch(self, after: str | None, size: int) -> BatchOutcome: ...


def reindex_customer_search(index: SearchReindex, *, restart: bool = False, batch_size: int = DEFAULT_BATCH,
                            progress: Callable[[BatchOutcome], None] | None = None) -> ReindexCheckpoint:
    """Rewrite every customer's search fields, going on from where an unfinished run of this format stopped
    (unless ``restart``); the checkpoint is saved after every batch. Returns the finished checkpoint.

    Safe while the API writes customers: every write is conditional on the customer being as it was read.
    """
    checkpoint = None if restart else index.checkpoint()
    if checkpoint is None or checkpoint.done or checkpoint.format != index.format:
        checkpoint = ReindexCheckpoint(format=index.format)
    while True:
        outcome = index.reindex_batch(checkpoint.after, batch_size)
        checkpoint.after = outcome.last_id
        checkpoint.processed += outcome.processed
        checkpoint.changed += outcome.changed
        checkpoint.done = outcome.processed < batch_size
        index.save(checkpoint)
        if progress is not None:
            progress(outcome)
        if checkpoint.done:
            return checkpoint
