"""Jobs: an import, export or bulk action running in the background in bounded batches, which its caller polls.

A job keeps where it stands (its checkpoint) with its progress, saved after every batch, so a job stopped at any
point goes on from its last batch and does nothing twice.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from crm.domain.model import Model
from crm.domain.transfer.kinds import FileFormat, TransferKind

MAX_ERRORS_ON_JOB = 20


class JobType(StrEnum):
    IMPORT = "import"
    EXPORT = "export"
    BULK = "bulk"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


class JobProgress(Model):
    """How far a job has gone: ``done`` of ``total`` (None while unknown) and its counts so far (for an import:
    created, updated, unchanged, failed; for a bulk action: ok, failed; for an export: records)."""

    done: int = 0
    total: int | None = None
    counts: dict[str, int] = {}


class JobCheckpoint(Model):
    """Where a job goes on from: the last line of an import done, a list's cursor, a file's next part."""

    line: int = 0
    cursor: str | None = None
    part: int = 0
    done: bool = False


class Job(Model):
    """A background job as its caller sees it."""

    id: str
    type: JobType
    kind: TransferKind
    status: JobStatus = JobStatus.QUEUED
    dry_run: bool = False
    created_by: str
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    file_name: str | None = None
    format: FileFormat | None = None
    params: dict[str, Any] = Field(default_factory=dict, description="What the job was asked to do")
    progress: JobProgress = Field(default_factory=JobProgress)
    errors: list[dict[str, Any]] = Field(default_factory=list,
                                         description=f"The first {MAX_ERRORS_ON_JOB} errors (rows or records)")
    error_count: int = 0
    message: str | None = Field(None, description="Why a failed job failed, or what a finished one did")
    download_bytes: int | None = Field(None, description="An export's size, once it has succeeded")
