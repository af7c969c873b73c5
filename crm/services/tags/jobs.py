"""Renaming or merging a tag on every record that carries it, without blocking writers: a job document holds the
progress and checkpoint; each run takes a lease on it, walks the records in batches (each record retagged in its own
small transaction that re-reads it, so a concurrent write is never lost), saves a checkpoint after each batch, and
stops after its time budget. Polling runs it on; an interrupted run resumes from its last checkpoint."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import datetime

from crm.domain.common import utc_now
from crm.domain.tags import jobs as rules
from crm.domain.tags.jobs import TagJob, TagJobKind, TagJobPhase, TagJobsPage, TagJobStatus
from crm.domain.tags.registry import Tag, retag, tag_id
from crm.errors import AlreadyExistsError, FailedPreconditionError, NotFoundError
from crm.identity import Caller, Role
from crm.services.deal_writes import save_deal
from crm.services.lookups import invalid
from crm.services.ports import TagJobReader, Transaction, Transactions

BATCH = 50
RUN_SECONDS = 10.0
SWEEP_RUN_SECONDS = 120.0  # a scheduled run may work longer than a request's
LEAST_RUN_SECONDS = 5.0
UNFINISHED_PER_SWEEP = 20
Clock = Callable[[], float]


def start_rename(transactions: Transactions, source_id: str, new_name: str, caller: Caller) -> TagJob:
    """Start renaming a tag: the new name gets the tag's colour and description, and a job moves every record.

    Raises:
        NotFoundError: no such tag.
        ValidationFailedError: the new name is the tag's own.
        AlreadyExistsError: a tag has the new name already (merge into it instead).
        FailedPreconditionError: a job is already moving the tag.
    """

    def work(tx: Transaction) -> TagJob:
        source = _source(tx, source_id)
        if new_name == source.name:
            raise invalid("name", f"the tag is called {new_name} already")
        target = tx.tags.named(new_name)
        if target is not None:
            message = f"tag {new_name} exists already: merge {source.name} into it with POST " \
                      f"/api/crm/tags/{source.id}/merge {{\"into\": \"{target.id}\"}}"
            raise AlreadyExistsError(message, [{"field": "name", "value": new_name, "tag_id": target.id,
                                                "message": message}])
        now = utc_now()
        tx.tags.put(Tag(id=tag_id(new_name), name=new_name, color=source.color, description=source.description,
                        customer_count=0, deal_count=0, created_at=now, updated_at=now))
        return _started(tx, TagJobKind.RENAME, source, new_name, caller, now)

    return transactions.run(work, actor=caller, lock=[f"tags/{source_id}"])


def start_merge(transactions: Transactions, source_id: str, into_id: str, caller: Caller) -> TagJob:
    """Start merging a tag into another: every record carrying it carries the other instead.

    Raises:
        NotFoundError: no such tag.
        ValidationFailedError: ``into`` names no tag, or the tag itself.
        FailedPreconditionError: a job is already moving either tag.
    """

    def work(tx: Transaction) -> TagJob:
        source = _source(tx, source_id)
        target = tx.tags.get(into_id)
        if target is None or target.id == source.id:
            raise invalid("into", f"tag {into_id} does not exist" if target is None else "a tag merges into another")
        if target.renaming:
            raise FailedPreconditionError(f"tag {target.name} is itself being renamed or merged (job "
                                          f"{target.renaming}); wait for it to finish")
        return _started(tx, TagJobKind.MERGE, source, target.name, caller, utc_now())

    return transactions.run(work, actor=caller, lock=[f"tags/{source_id}", f"tags/{into_id}"])


def get_tag_job(reader: TagJobReader, job_id: str) -> TagJob:
    job = reader.get(job_id)
    if job is None:
        raise NotFoundError(f"tag job {job_id} not found")
    return job


def list_tag_jobs(reader: TagJobReader) -> TagJobsPage:
    jobs = reader.recent()
    return TagJobsPage(results=jobs, total=len(jobs))


def run_tag_job(transactions: Transactions, records: TagJobReader, job_id: str, caller: Caller, *,
                seconds: float = RUN_SECONDS, batch: int = BATCH, clock: Clock = time.monotonic) -> TagJob:
    """Work on a job for about ``seconds``: batches of records from its checkpoint, a checkpoint after each.

    Returns the job as it then stands: done, or running (run it again to go on). A job another run holds is
    returned as it is; its lease runs out a minute after that run stops, so a crashed run holds nothing for long.

    Raises:
        NotFoundError: no such job.
    """
    lease = uuid.uuid4().hex
    job = _take(transactions, job_id, lease, caller)
    if not job.held_by(lease):
        return job
    deadline = clock() + seconds
    while clock() < deadline:
        ids = records.carrying(job.phase, job.from_tag, job.after_id, batch)
        changed = sum(_retag(transactions, job, record_id, caller) for record_id in ids)
        job = _checkpoint(transactions, job, lease, caller, _progress(ids, changed))
        if len(ids) == batch:
            continue
        if job.phase is TagJobPhase.CUSTOMERS:
            job = _checkpoint(transactions, job, lease, caller, lambda j, now: rules.next_phase(j, now=now))
        elif _still_carried(records, job.from_tag) and job.passes < rules.MAX_PASSES:
            job = _checkpoint(transactions, job, lease, caller, lambda j, now: rules.another_pass(j, now=now))
        else:
            return _finish(transactions, job, lease, caller)
    return _checkpoint(transactions, job, lease, caller, lambda j, now: rules.leased_to(j, None, now=now))


def run_unfinished_tag_jobs(transactions: Transactions, records: TagJobReader, *, seconds: float,
                            clock: Clock = time.monotonic) -> int:
    """Run on, oldest first, the jobs no run is working on (their admin closed the page, or a run stopped), each
    as the admin who started it, until ``seconds`` are spent; returns how many were run. The scheduled function
    ``transfer_jobs`` calls this every minute, so a job finishes whether or not anyone polls it."""
    deadline = clock() + seconds
    ran = 0
    for job in records.unfinished(UNFINISHED_PER_SWEEP):
        left = deadline - clock()
        if left < LEAST_RUN_SECONDS:
            break
        if job.leased(utc_now()):
            continue
        starter = Caller(uid=job.started_by, role=Role.ADMIN, via="job")
        run_tag_job(transactions, records, job.id, starter, seconds=min(left, SWEEP_RUN_SECONDS), clock=clock)
        ran += 1
    return ran


def _progress(ids: list[str], changed: int) -> Callable[[TagJob, datetime], TagJob]:
    def step(job: TagJob, now: datetime) -> TagJob:
        return rules.progressed(job, after_id=ids[-1] if ids else job.after_id, examined=len(ids), changed=changed,
                                now=now)

    return step


def _source(tx: Transaction, source_id: str) -> Tag:
    source = tx.tags.get(source_id)
    if source is None:
        raise NotFoundError(f"tag {source_id} not found")
    if source.renaming:
        raise FailedPreconditionError(f"tag {source.name} is being renamed or merged already (job "
                                      f"{source.renaming}); run that job on, or wait for it")
    return source


def _started(tx: Transaction, kind: TagJobKind, source: Tag, to_tag: str, caller: Caller, now: datetime) -> TagJob:
    job = TagJob(id=tx.tag_jobs.new_id(), kind=kind, from_tag=source.name, to_tag=to_tag, from_id=source.id,
                 to_id=tag_id(to_tag), expected=(source.customer_count or 0) + (source.deal_count or 0),
                 started_by=caller.uid, started_at=now, updated_at=now)
    tx.tags.put(source.model_copy(update={"renaming": job.id, "updated_at": now}))
    tx.tag_jobs.put(job)
    return job


def _take(transactions: Transactions, job_id: str, lease: str, caller: Caller) -> TagJob:
    def work(tx: Transaction) -> TagJob:
        job = tx.tag_jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"tag job {job_id} not found")
        now = utc_now()
        if job.status is TagJobStatus.DONE or job.leased(now):
            return job
        taken = rules.leased_to(job, lease, now=now)
        tx.tag_jobs.put(taken)
        return taken

    return transactions.run(work, actor=caller, lock=[f"tag_jobs/{job_id}"])


def _checkpoint(transactions: Transactions, job: TagJob, lease: str, caller: Caller,
                step: Callable[[TagJob, datetime], TagJob]) -> TagJob:
    """Save ``step`` of the job (its lease renewed), if this run still holds it.

    Raises:
        FailedPreconditionError: another run took the job over (this one's lease had run out).
    """

    def work(tx: Transaction) -> TagJob:
        stored = tx.tag_jobs.get(job.id)
        if stored is None or not stored.held_by(lease):
            raise FailedPreconditionError(f"tag job {job.id} was taken over by another run; poll it")
        now = utc_now()
        stepped = step(stored, now)
        saved = stepped if stepped.lease_id is None else rules.leased_to(stepped, lease, now=now)
        tx.tag_jobs.put(saved)
        return saved

    return transactions.run(work, actor=caller, lock=[f"tag_jobs/{job.id}"])


def _retag(transactions: Transactions, job: TagJob, record_id: str, caller: Caller) -> bool:
    """Retag one record in its own transaction, which reads it again: False if it no longer carries the tag."""
    if job.phase is TagJobPhase.CUSTOMERS:
        return transactions.run(lambda tx: _retag_customer(tx, job, record_id), actor=caller,
                                lock=[f"customers/{record_id}"])
    customer_id = transactions.customer_of_deal(record_id)
    lock = [f"deals/{record_id}"] + ([f"customers/{customer_id}"] if customer_id else [])
    return transactions.run(lambda tx: _retag_deal(tx, job, record_id), actor=caller, lock=lock)


def _retag_customer(tx: Transaction, job: TagJob, customer_id: str) -> bool:
    customer = tx.customers.get(customer_id)
    if customer is None or job.from_tag not in customer.tags:
        return False
    tx.customers.put(customer.model_copy(update={"tags": retag(customer.tags, job.from_tag, job.to_tag),
                                                 "updated_at": utc_now()}), customer)
    return True


def _retag_deal(tx: Transaction, job: TagJob, deal_id: str) -> bool:
    deal = tx.deals.get(deal_id)
    if deal is None or job.from_tag not in deal.tags:
        return False
    pipeline = tx.pipelines.get(deal.pipeline_id)
    if pipeline is None:
        raise LookupError(f"deal {deal_id} is in missing pipeline {deal.pipeline_id}")
    now = utc_now()
    retagged = deal.model_copy(update={"tags": retag(deal.tags, job.from_tag, job.to_tag), "updated_at": now})
    save_deal(tx, deal, retagged, pipeline, tx.config.currency_rates(), now)
    return True


def _still_carried(records: TagJobReader, tag: str) -> bool:
    return any(records.carrying(phase, tag, None, 1) for phase in TagJobPhase)


def _finish(transactions: Transactions, job: TagJob, lease: str, caller: Caller) -> TagJob:
    """Mark the job done; the old tag leaves the registry unless records carry it again (then it stays, free)."""

    def work(tx: Transaction) -> TagJob:
        stored = tx.tag_jobs.get(job.id)
        if stored is None or not stored.held_by(lease):
            raise FailedPreconditionError(f"tag job {job.id} was taken over by another run; poll it")
        now = utc_now()
        source = tx.tags.get(stored.from_id)
        if source is not None and source.in_use():
            tx.tags.put(source.model_copy(update={"renaming": None, "updated_at": now}))
        elif source is not None:
            tx.tags.delete(source.id)
        done = rules.finished(stored, now=now)
        tx.tag_jobs.put(done)
        return done

    return transactions.run(work, actor=caller, lock=[f"tag_jobs/{job.id}", f"tags/{job.from_id}"])
