"""Imports, exports and bulk actions on the emulator."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.domain.transfer.mapping import ColumnMapping
from crm.domain.transfer.reading import read_rows
from crm.identity import Caller, Role
from crm.services.transfer.importing import DEFAULT_WORKERS, BatchResult, ImportPlan, import_rows
from crm.store.transfer.external_ids import import_transactions

ADMIN = Caller(uid="importer", role=Role.ADMIN, via="token")


@pytest.fixture
def importing(db, names) -> Any:
    return import_transactions(db, names, "EUR")


@pytest.fixture
def run_import(importing) -> Callable[..., BatchResult]:
    def run(text: str, kind: TransferKind = TransferKind.CUSTOMERS, *, mapping: ColumnMapping | None = None,
            file_format: FileFormat = FileFormat.CSV, dry_run: bool = False, caller: Caller = ADMIN,
            after_line: int = 0, batch_size: int = 100, workers: int = DEFAULT_WORKERS, on_batch=None,
            transactions: Any = None) -> BatchResult:
        headers, rows = read_rows(io.StringIO(text), file_format)
        plan = ImportPlan(kind=kind, mapping=mapping or ColumnMapping(), dry_run=dry_run, batch_size=batch_size,
                          workers=workers)
        return import_rows(transactions or importing, headers, rows, plan, caller, after_line=after_line,
                           on_batch=on_batch)

    return run
