"""What imports, exports, bulk actions and jobs need from storage, beside the protocols of crm.services.ports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from crm.domain.transfer.jobs import Job, JobCheckpoint, JobProgress
from crm.domain.transfer.rows import ExternalKey, RowError
from crm.identity import Caller
from crm.services.ports import Transaction

T = TypeVar("T")


class ExternalIds(Protocol):
    """Records by the keys an import finds them with, inside the import's transaction."""

    def find(self, keys: list[ExternalKey]) -> dict[ExternalKey, str]:
        """The record id each of ``keys`` names (keys naming nothing are left out)."""
        ...

    def link(self, key: ExternalKey, record_id: str) -> None:
        """Stage ``key`` naming ``record_id`` (created: it fails the commit if another import linked it first)."""
        ...

    def customers_by_email(self, emails: list[str]) -> dict[str, str]:
        """The active customer holding each email (by the email claims)."""
        ...

    def customers_named(self, name: str, limit: int) -> list[str]:
        """Ids of active customers with exactly this name (ignoring case and accents), up to ``limit``."""
        ...

    def prefetch(self, collection: str, ids: list[str]) -> None:
        """Read these records in one call, so the use cases' reads of them cost no more calls."""
        ...


class ImportTransaction(Transaction, Protocol):
    @property
    def transfer(self) -> ExternalIds: ...


class ImportTransactions(Protocol):
    def run(self, work: Callable[[Any], T], *, actor: Caller, lock: Iterable[str] = ()) -> T: ...
    def read(self, work: Callable[[Any], T]) -> T: ...
    def customer_of_deal(self, deal_id: str) -> str | None: ...


class RecordStream(Protocol):
    """One kind's records matching a list's filters, a page at a time, in the list's order."""

    def page(self, params: Any, after: str | None, size: int) -> tuple[list[Any], str | None]:
        """Up to ``size`` records after the cursor ``after`` (None: from the start), and the cursor after them
        (None when there are no more)."""
        ...

    def ids(self, params: Any, after: str | None, size: int) -> tuple[list[str], str | None]:
        """Like ``page``, the ids only."""
        ...


class JobStore(Protocol):
    def create(self, job: Job, internal: dict[str, Any]) -> None: ...
    def get(self, job_id: str) -> Job | None: ...
    def internal(self, job_id: str) -> dict[str, Any]: ...
    def list_for(self, owner_id: str | None, limit: int) -> list[Job]: ...
    def lease(self, job_id: str, holder: str, seconds: float) -> bool: ...
    def release(self, job_id: str, holder: str) -> None: ...

    def save_progress(self, job_id: str, progress: JobProgress, checkpoint: JobCheckpoint,
                      errors: list[RowError]) -> None:
        """Record a finished batch: progress and checkpoint together, and the rows' errors."""
        ...

    def finish(self, job: Job) -> None: ...
    def errors(self, job_id: str, after_line: int, limit: int) -> list[RowError]: ...
    def runnable(self, limit: int) -> list[str]: ...
    def request_cancel(self, job_id: str) -> None: ...


class FileStore(Protocol):
    """Files of jobs (uploads to import, exports to download), in parts."""

    def create(self, file_id: str, owner_id: str, name: str) -> None: ...
    def append(self, file_id: str, index: int, text: str) -> None: ...
    def info(self, file_id: str) -> dict[str, Any] | None: ...
    def parts(self, file_id: str) -> Iterator[str]: ...
    def new_id(self) -> str: ...
