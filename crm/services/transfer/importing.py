"""Importing a file: every row mapped, checked as the API checks a request, and written through the kind's use
cases, many rows to a transaction; bad rows reported by line and field while the good ones go in.

A batch's rows touch distinct records (a row that shares a key, an email or a customer with one already in the
batch starts the next batch), since a transaction reads each record once, before its writes. When a row fails
inside the transaction (a customer it names does not exist, a value taken meanwhile), the batch is dropped and its
rows are applied again one transaction each, so a bad row never takes good ones with it. A dry run does every
read and check of a real run, in transactions it then rolls back: it writes nothing.

Batches are applied by ``ImportPlan.workers`` threads at once (a batch spends most of its time waiting on
Firestore), a row whose keys an unfinished batch touches waiting for it. Batches are reported in file order, and the
checkpoint is the last line of the last batch that committed with all those before it; since each row finds its
record by its key (see crm.domain.transfer.rows), a run resumed from it, or repeated from the start, makes nothing
twice (a batch after the checkpoint that had committed finds its records unchanged). A batch whose commit would
pass Firestore's limit on writes is applied in halves.
"""

from __future__ import annotations

import contextvars
import functools
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from crm.domain.transfer.kinds import TransferKind
from crm.domain.transfer.mapping import ColumnMapping, mapped_values, resolve_columns
from crm.domain.transfer.reading import RawRow
from crm.domain.transfer.rows import PreparedRow, RowError, RowInvalid, prepare_row, validation_errors
from crm.errors import CrmError, FailedPreconditionError, TooManyWritesError
from crm.identity import Caller
from crm.services.transfer.import_kinds import IMPORT_KINDS, ImportContext, ImportKind, Outcome
from crm.services.transfer.ports import ImportTransaction, ImportTransactions

DEFAULT_BATCH = 60  # a customer row stages about 7 writes: 60 rows stay well inside a commit's 500
MAX_BATCH = 400
DEFAULT_WORKERS = 4
MAX_WORKERS = 8


@dataclass(frozen=True)
class ImportPlan:
    """What to import and how: the kind, the mapping, a dry run or not, the owner of rows that name none."""

    kind: TransferKind
    mapping: ColumnMapping
    dry_run: bool = False
    owner_id: str | None = None
    default_language: str = "el"
    phone_region: str = "GR"
    batch_size: int = DEFAULT_BATCH
    workers: int = DEFAULT_WORKERS


@dataclass
class BatchResult:
    """What one batch did: counts by outcome, its rows' errors, and the last line it covered."""

    last_line: int
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


class _DryRun(Exception):
    def __init__(self, outcomes: dict[int, Outcome | RowError]):
        super().__init__("dry run")
        self.outcomes = outcomes


def import_kind(kind: TransferKind) -> ImportKind:
    """The declared import of ``kind``.

    Raises:
        FailedPreconditionError: the kind cannot be imported here yet.
    """
    declared = IMPORT_KINDS[kind]
    if declared.unavailable:
        raise FailedPreconditionError(declared.unavailable, [{"field": "kind", "message": declared.unavailable}])
    return declared


def import_rows(transactions: ImportTransactions, headers: list[str], rows: Iterator[RawRow], plan: ImportPlan,
                caller: Caller, *, after_line: int = 0,
                on_batch: Callable[[BatchResult], bool | None] | None = None) -> BatchResult:
    """Import ``rows`` (those after ``after_line``), calling ``on_batch`` after each batch (it may return True to
    stop there, e.g. when a job's time is up). Returns the totals.

    Raises:
        FailedPreconditionError: the kind cannot be imported here yet.
    """
    declared = import_kind(plan.kind)
    mapping = plan.mapping.for_kind(plan.kind)
    context = ImportContext(caller, plan.owner_id, mapping.source, plan.default_language, plan.phone_region,
                            transactions)
    columns = resolve_columns(mapping, plan.kind, headers)
    totals = BatchResult(after_line)
    batch: list[PreparedRow] = []
    pending = BatchResult(after_line)
    touched: set[tuple[str, str]] = set()
    size = max(1, min(plan.batch_size, MAX_BATCH))
    with _Pipeline(max(1, min(plan.workers, MAX_WORKERS)), totals, on_batch) as pipeline:

        def flush() -> bool:
            nonlocal batch, pending, touched
            pipeline.submit(functools.partial(_apply, transactions, declared, batch, context, plan.dry_run, pending),
                            pending, touched)
            batch, pending, touched = [], BatchResult(pending.last_line), set()
            return pipeline.stopped

        for raw in rows:
            if raw.line <= after_line:
                continue
            row_columns = columns if headers or not raw.values else resolve_columns(mapping, plan.kind,
                                                                                    list(raw.values))
            prepared = prepare(declared, raw, mapping, row_columns, context, pending)
            if prepared is not None:
                keys = prepared.touches()
                if (keys & touched or len(batch) >= size) and flush():
                    return totals
                pipeline.wait_for(keys)
                if pipeline.stopped:
                    return totals
                batch.append(prepared)
                touched |= keys
            pending.last_line = raw.line
        flush()  # an empty batch too: the checkpoint moves past the file's last lines
    return totals


class _Pipeline:
    """Batches applied by up to ``workers`` threads (one: by the caller's), reported to ``on_batch`` (and added to
    ``totals``) in the order they were submitted, each once it and all before it are done. After ``on_batch`` asks
    to stop, nothing more is submitted and the batches already running are still reported; after a batch fails,
    those running are waited for and not reported, so the checkpoint stays before the failed one."""

    def __init__(self, workers: int, totals: BatchResult, on_batch: Callable[[BatchResult], bool | None] | None):
        self._workers = workers
        self._totals = totals
        self._on_batch = on_batch
        self._running: deque[tuple[Future[None], BatchResult, set[tuple[str, str]]]] = deque()
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="import") if workers > 1 else None
        self.stopped = False

    def submit(self, work: Callable[[], None], result: BatchResult, keys: set[tuple[str, str]]) -> None:
        future: Future[None] = Future()
        if self._executor is None:
            _run_into(future, work)
        else:
            context = contextvars.copy_context()  # what the caller meters (reads) counts the workers' reads too
            future = self._executor.submit(context.run, work)
        self._running.append((future, result, keys))
        while len(self._running) > (self._workers if self._executor else 0) and not self.stopped:
            self._report_oldest()

    def wait_for(self, keys: set[tuple[str, str]]) -> None:
        """Report every running batch up to the last one touching ``keys``."""
        last = max((n for n, (_, _, touched) in enumerate(self._running) if keys & touched), default=-1)
        for _ in range(last + 1):
            if self.stopped:
                return
            self._report_oldest()

    def _report_oldest(self) -> None:
        future, result, _ = self._running.popleft()
        future.result()
        _add(self._totals, result)
        if self._on_batch and self._on_batch(result):
            self.stopped = True

    def __enter__(self) -> _Pipeline:
        return self

    def __exit__(self, failed: type[BaseException] | None, *exc: object) -> None:
        try:
            while self._running and failed is None:  # after a stop too: what was running committed
                self._report_oldest()
        finally:
            for future, _, _ in self._running:  # after a failure: waited for, never reported
                future.exception()
            self._running.clear()
            if self._executor is not None:
                self._executor.shutdown(wait=True)


def _run_into(future: Future[None], work: Callable[[], None]) -> None:
    try:
        work()
    except BaseException as exc:  # kept for the report, in order, as a thread's failure would be
        future.set_exception(exc)
    else:
        future.set_result(None)


def prepare(declared: ImportKind, raw: RawRow, mapping: ColumnMapping, columns: dict[str, list[str]],
             context: ImportContext, result: BatchResult) -> PreparedRow | None:
    """The row ready to write, or None with its errors added to ``result``."""
    if raw.problem:
        _failed(result, [RowError(raw.line, None, f"line {raw.line} {raw.problem}")])
        return None
    try:
        row = prepare_row(declared.kind, raw.line, mapped_values(raw.values, columns, mapping), mapping, columns)
    except RowInvalid as invalid:
        _failed(result, invalid.errors)
        return None
    try:
        declared.check(row, context)
    except (ValidationError, CrmError) as exc:
        _failed(result, validation_errors(raw.line, exc, row, columns))
        return None
    return row


def _failed(result: BatchResult, errors: list[RowError]) -> None:
    result.count("failed")
    result.errors.extend(errors)
    return None


def _apply(transactions: ImportTransactions, declared: ImportKind, batch: list[PreparedRow], context: ImportContext,
           dry_run: bool, result: BatchResult) -> None:
    if not batch:
        return
    if dry_run:
        outcomes = _dry_run(transactions, declared, batch, context)
    else:
        outcomes = _committed(transactions, declared, batch, context)
    for row in batch:
        outcome = outcomes[row.line]
        if isinstance(outcome, RowError):
            _failed(result, [outcome])
        else:
            result.count(outcome.value)


def _committed(transactions: ImportTransactions, declared: ImportKind, batch: list[PreparedRow],
               context: ImportContext) -> dict[int, Outcome | RowError]:
    """The batch's outcomes, committed in one transaction, or in halves if that passes the limit on writes, or one
    row a transaction if a row fails (the bad one then fails alone)."""
    try:
        return dict(transactions.run(lambda tx: _work(tx, declared, batch, context, catch=False),
                                     actor=context.caller))
    except TooManyWritesError:
        if len(batch) == 1:
            return _one(transactions, declared, batch[0], context)
        half = len(batch) // 2
        return {**_committed(transactions, declared, batch[:half], context),
                **_committed(transactions, declared, batch[half:], context)}
    except CrmError:
        outcomes: dict[int, Outcome | RowError] = {}
        for row in batch:
            outcomes.update(_one(transactions, declared, row, context))
        return outcomes


def _one(transactions: ImportTransactions, declared: ImportKind, row: PreparedRow, context: ImportContext
         ) -> dict[int, Outcome | RowError]:
    try:
        return dict(transactions.run(lambda tx: _work(tx, declared, [row], context, catch=False),
                                     actor=context.caller))
    except CrmError as error:
        return {row.line: _row_error(row, error)}


def _dry_run(transactions: ImportTransactions, declared: ImportKind, batch: list[PreparedRow],
             context: ImportContext) -> dict[int, Outcome | RowError]:
    def work(tx: ImportTransaction) -> None:
        raise _DryRun(_work(tx, declared, batch, context, catch=True))

    try:
        transactions.run(work, actor=context.caller)
    except _DryRun as done:
        return done.outcomes
    raise AssertionError("a dry run always rolls back")


def _work(tx: ImportTransaction, declared: ImportKind, batch: list[PreparedRow], context: ImportContext,
          *, catch: bool) -> dict[int, Outcome | RowError]:
    assert declared.apply is not None
    found = tx.transfer.find([row.key for row in batch if row.stored_key])
    by_email = tx.transfer.customers_by_email(sorted({row.emails[0] for row in batch if row.emails}))
    matches: dict[int, str | None] = {}
    for row in batch:
        match = row.record_id or found.get(row.key) or (by_email.get(row.emails[0]) if row.emails else None)
        matches[row.line] = match
    tx.transfer.prefetch(declared.collection, sorted({m for m in matches.values() if m}))
    outcomes: dict[int, Outcome | RowError] = {}
    for row in batch:
        try:
            outcome, record_id = declared.apply(tx, row, matches[row.line], context)
        except CrmError as error:
            if not catch:
                raise
            outcomes[row.line] = _row_error(row, error)
            continue
        if matches[row.line] and record_id and row.stored_key and row.key not in found:
            tx.transfer.link(row.key, record_id)
        outcomes[row.line] = outcome
    return outcomes


def _row_error(row: PreparedRow, error: CrmError) -> RowError:
    errors = validation_errors(row.line, error, row, {})
    first = errors[0] if errors else RowError(row.line, None, error.message)
    if len(errors) > 1:
        return RowError(row.line, first.field, "; ".join(e.message for e in errors))
    return first


def _add(totals: BatchResult, batch: BatchResult) -> None:
    for what, n in batch.counts.items():
        totals.count(what, n)
    totals.errors.extend(batch.errors[: max(0, 1000 - len(totals.errors))])
    totals.last_line = batch.last_line


def row_count(rows: Iterator[Any]) -> int:
    return sum(1 for _ in rows)


__all__ = ["BatchResult", "ImportPlan", "import_rows", "row_count"]
