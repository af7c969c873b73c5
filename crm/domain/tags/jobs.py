"""Renaming or merging a tag on every record that carries it: a job that walks the customers, then the deals, in id
order, changing each record in its own small transaction, with its progress and checkpoint in one document, so it
can be polled, and resumed after an interruption from its last checkpoint. A pass that ends with records still
carrying the old tag (a writer added it meanwhile) starts another; the job is done when none carry it."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from crm.domain.common import DocumentId
from crm.domain.model import Model
from crm.domain.tags.registry import TagName

LEASE = timedelta(seconds=60)
MAX_PASSES = 20


class TagJobKind(StrEnum):
    RENAME = "rename"
    MERGE = "merge"


class TagJobStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"


class TagJobPhase(StrEnum):
    CUSTOMERS = "customers"
    DEALS = "deals"


class TagRename(Model):
    model_config = ConfigDict(extra="forbid")

    name: TagName


class TagMerge(Model):
    model_config = ConfigDict(extra="forbid")

    into: Annotated[DocumentId, Field(description="The id of the tag that absorbs this one")]


class TagJob(Model):
    """A rename or merge in progress, or done."""

    id: str
    kind: TagJobKind
    from_tag: str
    to_tag: str
    from_id: str
    to_id: str
    status: TagJobStatus = TagJobStatus.RUNNING
    phase: TagJobPhase = TagJobPhase.CUSTOMERS
    after_id: str | None = Field(None, description="The checkpoint: the last record of the phase already done")
    passes: int = Field(1, description="Walks over the records so far (another starts if writers re-added it)")
    expected: int = Field(0, description="Records that carried the tag when the job started")
    examined: int = 0
    changed: int = Field(0, description="Records retagged so far")
    started_by: str
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    lease_until: datetime | None = Field(None, description="While a run is working on the job")
    lease_id: str | None = Field(None, exclude=True)

    def leased(self, now: datetime) -> bool:
        return self.lease_until is not None and self.lease_until > now

    def held_by(self, lease_id: str) -> bool:
        return self.status is TagJobStatus.RUNNING and self.lease_id == lease_id


class TagJobsPage(Model):
    results: list[TagJob]
    total: int


def progressed(job: TagJob, *, after_id: str | None, examined: int, changed: int, now: datetime) -> TagJob:
    """The job after a batch of its phase: its new checkpoint and counts."""
    return job.model_copy(update={"after_id": after_id, "examined": job.examined + examined,
                                  "changed": job.changed + changed, "updated_at": now})


def next_phase(job: TagJob, *, now: datetime) -> TagJob:
    """The job once its current phase has walked every record: the deals after the customers."""
    return job.model_copy(update={"phase": TagJobPhase.DEALS, "after_id": None, "updated_at": now})


def another_pass(job: TagJob, *, now: datetime) -> TagJob:
    return job.model_copy(update={"phase": TagJobPhase.CUSTOMERS, "after_id": None, "passes": job.passes + 1,
                                  "updated_at": now})


def leased_to(job: TagJob, lease_id: str | None, *, now: datetime) -> TagJob:
    """The job taken by a run (``lease_id``) until the lease runs out, or let go (None)."""
    until = now + LEASE if lease_id else None
    return job.model_copy(update={"lease_id": lease_id, "lease_until": until, "updated_at": now})


def finished(job: TagJob, *, now: datetime) -> TagJob:
    return job.model_copy(update={"status": TagJobStatus.DONE, "finished_at": now, "updated_at": now,
                                  "lease_until": None, "lease_id": None, "after_id": None})
