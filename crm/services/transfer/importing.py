"""Importing a file: every row mapped, checked as the API checks a request, and written through the kind's use
cases, many rows to a transaction; bad rows reported by line and field while the good ones go in.

A batch's rows touch distinct records (a row that shares a key, an email or a customer with one already in the
batch starts the next batch), since a transaction reads each record once, before its writes. When a row fails
inside the transaction (a customer it names does not exist, a value taken meanwhile), the batch is dropped and its
rows are applied again one transaction each, so a bad row never takes good ones with it. A dry run does every
read and check of a real run, in transactions it then rolls back: it writes nothing.

The checkpoint is the last line of the last batch applied; since each row finds its record by its key (see
crm.domain.transfer.rows), a run resumed from it, or repeated from the start, makes nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from crm.domain.transfer.kinds import TransferKind
from crm.domain.transfer.mapping import ColumnMapping, mapped_values, resolve_columns
from crm.domain.transfer.reading import RawRow
from crm.domain.transfer.rows import PreparedRow, RowError, RowInvalid, prepare_row, validation_errors
from crm.errors import CrmError, FailedPreconditionError
from crm.identity import Caller
from crm.services.transfer.import_kinds import IMPORT_KINDS, ImportContext, ImportKind, Outcome
from crm.services.transfer.ports import ImportTransaction, ImportTransactions

DEFAULT_BATCH = 100
MAX_BATCH = 400


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

    def flush() -> bool:
        nonlocal batch, pending, touched
        _apply(transactions, declared, batch, context, plan.dry_run, pending)
        _add(totals, pending)
        stop = bool(on_batch(pending)) if on_batch else False
        batch, pending, touched = [], BatchResult(pending.last_line), set()
        return stop

    for raw in rows:
        if raw.line <= after_line:
            continue
        row_columns = columns if headers or not raw.values else resolve_columns(mapping, plan.kind, list(raw.values))
        prepared = prepare(declared, raw, mapping, row_columns, context, pending)
        if prepared is not None:
            keys = prepared.touches()
            if (keys & touched or len(batch) >= size) and flush():
                return totals
            batch.append(prepared)
            touched |= keys
        pending.last_line = raw.line
    if batch or pending.counts or pending.errors:
        flush()
    elif on_batch:
        on_batch(pending)
    return totals


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
        try:
            outcomes = dict(transactions.run(lambda tx: _work(tx, declared, batch, context, catch=False),
                                             actor=context.caller))
        except CrmError:
            outcomes = {}
            for row in batch:  # one transaction a row: the bad one fails alone
                outcomes.update(_one(transactions, declared, row, context))
    for row in batch:
        outcome = outcomes[row.line]
        if isinstance(outcome, RowError):
            _failed(result, [outcome])
        else:
            result.count(outcome.value)


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
