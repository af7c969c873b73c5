"""Running jobs in this process, for the local stack and the tests: each job queued here runs on a background
thread, step after step, until it finishes (the deployed function does the same, a step per invocation)."""

from __future__ import annotations

import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from crm.services.transfer.jobs import TransferServices, advance_job

LOCAL_STEP_SECONDS = 20.0
log = logging.getLogger(__name__)


class LocalJobRunner:
    def __init__(self, services: TransferServices, workers: int = 2):
        self._services = services
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="crm-job")
        self._worker = f"local-{uuid.uuid4().hex[:8]}"
        self._lock = threading.Lock()

    def submit(self, job_id: str) -> None:
        self._pool.submit(self.run, job_id)

    def run(self, job_id: str) -> None:
        """Step the job until it finishes (or another worker holds it)."""
        try:
            while True:
                job = advance_job(self._services, job_id, self._worker, LOCAL_STEP_SECONDS)
                if job is None or job.status.finished:
                    return
        except Exception:  # a background thread has no caller to answer: log it, the job stays resumable
            log.exception("job %s stopped", job_id)

    def resume_all(self) -> int:
        """Queue every job left unfinished (its worker gone): what the deployed sweep does every few minutes."""
        found = self._services.jobs.runnable(50)
        for job_id in found:
            self.submit(job_id)
        return len(found)
