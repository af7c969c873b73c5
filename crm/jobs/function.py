"""What the deployed scheduled function ``transfer_jobs`` does each minute: advance the jobs waiting for a worker
(queued ones, and running ones whose worker stopped: its lease ran out), each from its checkpoint, within the
invocation's time."""

from __future__ import annotations

import logging
import time
import uuid

from crm.jobs.wiring import transfer_services
from crm.services.transfer.jobs import STEP_SECONDS, advance_job
from crm.settings import Settings, get_settings

INVOCATION_SECONDS = 420.0
LEAST_STEP_SECONDS = 30.0
log = logging.getLogger(__name__)


def run_due_jobs(settings: Settings | None = None, budget_seconds: float = INVOCATION_SECONDS) -> int:
    """Advance the jobs that wait for a worker, oldest first, until ``budget_seconds`` are spent; returns how many
    it took on. A job still unfinished at the end keeps its checkpoint, and the next invocation goes on with it
    once its lease has run out."""
    services = transfer_services(settings or get_settings(), local_runner=False)
    worker = f"function-{uuid.uuid4().hex[:8]}"
    deadline = time.monotonic() + budget_seconds
    taken = 0
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
