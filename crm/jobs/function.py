"""What the deployed scheduled function ``transfer_jobs`` does each minute: run on the tag renames and merges no
one is running (a third of the invocation at most), then advance the import, export and bulk jobs waiting for a
worker (queued ones, and running ones whose worker stopped: its lease ran out), each from its checkpoint, within
the invocation's time."""

from __future__ import annotations

import logging
import time
import uuid

from crm.jobs.wiring import transfer_services
from crm.services.tags.jobs import run_unfinished_tag_jobs
from crm.services.transfer.jobs import STEP_SECONDS, advance_job
from crm.settings import Settings, get_settings
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import crm_transactions
from crm.store.tags.jobs import FirestoreTagJobs

INVOCATION_SECONDS = 420.0
LEAST_STEP_SECONDS = 30.0
log = logging.getLogger(__name__)


def run_due_jobs(settings: Settings | None = None, budget_seconds: float = INVOCATION_SECONDS) -> int:
    """Advance the jobs that wait for a worker, oldest first, until ``budget_seconds`` are spent; returns how many
    it took on. A job still unfinished at the end keeps its checkpoint, and the next invocation goes on with it
    once its lease has run out."""
    settings = settings or get_settings()
    deadline = time.monotonic() + budget_seconds
    taken = run_due_tag_jobs(settings, budget_seconds / 3)
    services = transfer_services(settings, local_runner=False)
    worker = f"function-{uuid.uuid4().hex[:8]}"
    for job_id in services.jobs.runnable(50):
        left = deadline - time.monotonic()
        if left < LEAST_STEP_SECONDS:
            break
        try:
            if advance_job(services, job_id, worker, min(left, STEP_SECONDS)) is not None:
                taken += 1
        except Exception:  # one job's failure must not stop the others; it stays resumable from its checkpoint
            log.exception("job %s stopped", job_id)
    return taken


def run_due_tag_jobs(settings: Settings, budget_seconds: float) -> int:
    """Run on the tag jobs no one is running, within ``budget_seconds``; returns how many were run."""
    db, names = firestore_client(settings), CollectionNames(settings.collection_prefix)
    try:
        return run_unfinished_tag_jobs(crm_transactions(db, names, settings.default_currency),
                                       FirestoreTagJobs(db, names), seconds=budget_seconds)
    except Exception:  # the transfer jobs still run; the tag jobs keep their checkpoints for the next minute
        log.exception("tag jobs stopped")
        return 0
