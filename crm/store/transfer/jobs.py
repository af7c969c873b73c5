"""Jobs in Firestore: ``transfer_jobs/{id}`` holds the job as its caller sees it, with what only the worker reads
(who runs it, its plan, its checkpoint and lease) under ``internal``; its rows' errors are the documents of
``transfer_jobs/{id}/row_errors`` (ordered by line). Progress and checkpoint are written together, after each batch."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.common import utc_now
from crm.domain.transfer.jobs import MAX_ERRORS_ON_JOB, Job, JobCheckpoint, JobProgress, JobStatus
from crm.domain.transfer.rows import RowError
from crm.store.collections import CollectionNames

ROW_ERRORS = "row_errors"
MAX_ERROR_DOCUMENTS = 10_000


class FirestoreJobs:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._jobs = db.collection(names.transfer_jobs)

    def new_id(self) -> str:
        return self._jobs.document().id

    def create(self, job: Job, internal: dict[str, Any]) -> None:
        self._jobs.document(job.id).set({**job.model_dump(mode="json"), "created_at": job.created_at,
                                          "updated_at": job.updated_at, "internal": internal})

    def get(self, job_id: str) -> Job | None:
        snapshot = self._jobs.document(job_id).get()
        return _job(snapshot) if snapshot.exists else None

    def internal(self, job_id: str) -> dict[str, Any]:
        snapshot = self._jobs.document(job_id).get(field_paths=["internal"])
        return (snapshot.to_dict() or {}).get("internal", {}) if snapshot.exists else {}

    def list_for(self, owner_id: str | None, limit: int) -> list[Job]:
        query: Any = self._jobs
        if owner_id is not None:
            query = query.where(filter=FieldFilter("created_by", "==", owner_id))
        query = query.order_by("created_at", direction=firestore.Query.DESCENDING).limit(limit)
        return [_job(s) for s in query.stream()]

    def lease(self, job_id: str, holder: str, seconds: float) -> bool:
        """Take the job for ``seconds`` unless another worker holds it (or it is finished)."""
        ref = self._jobs.document(job_id)

        @firestore.transactional
        def take(transaction: firestore.Transaction) -> bool:
            snapshot = ref.get(transaction=transaction, field_paths=["status", "internal.lease"])
            if not snapshot.exists or JobStatus(snapshot.get("status")).finished:
                return False
            lease = (snapshot.to_dict() or {}).get("internal", {}).get("lease") or {}
            now = utc_now()
            if lease.get("holder") not in (None, holder) and lease.get("until") and lease["until"] > now:
                return False
            transaction.update(ref, {"internal.lease": {"holder": holder, "until": now + timedelta(seconds=seconds)},
                                     "status": JobStatus.RUNNING.value, "updated_at": now})
            return True

        return bool(take(self._db.transaction()))

    def release(self, job_id: str, holder: str) -> None:
        ref = self._jobs.document(job_id)
        snapshot = ref.get(field_paths=["internal.lease"])
        lease = (snapshot.to_dict() or {}).get("internal", {}).get("lease") or {}
        if lease.get("holder") == holder:
            ref.update({"internal.lease": None})

    def save_progress(self, job_id: str, progress: JobProgress, checkpoint: JobCheckpoint,
                      errors: list[RowError]) -> None:
        ref = self._jobs.document(job_id)
        batch = self._db.batch()
        update: dict[str, Any] = {"progress": progress.model_dump(mode="json"),
                                  "internal.checkpoint": checkpoint.model_dump(mode="json"), "updated_at": utc_now()}
        if errors:
            update["error_count"] = firestore.Increment(len(errors))
            update["errors"] = firestore.ArrayUnion([e.as_dict() for e in errors[:MAX_ERRORS_ON_JOB]])
            for error in errors[:MAX_ERROR_DOCUMENTS]:
                batch.set(ref.collection(ROW_ERRORS).document(f"{error.line:010d}-{_field_id(error)}"),
                          error.as_dict())
        batch.update(ref, update)
        batch.commit()

    def finish(self, job: Job) -> None:
        ref = self._jobs.document(job.id)
        data = job.model_dump(mode="json", include={"status", "message", "download_bytes", "progress"})
        ref.update({**data, "finished_at": job.finished_at, "updated_at": utc_now(), "internal.lease": None})
        snapshot = ref.get(field_paths=["errors"])
        kept = (snapshot.to_dict() or {}).get("errors", [])
        if len(kept) > MAX_ERRORS_ON_JOB:
            ref.update({"errors": sorted(kept, key=lambda e: e.get("line", 0))[:MAX_ERRORS_ON_JOB]})

    def errors(self, job_id: str, after_line: int, limit: int) -> list[RowError]:
        query = self._jobs.document(job_id).collection(ROW_ERRORS).order_by("line")
        query = query.where(filter=FieldFilter("line", ">", after_line)).limit(limit)
        return [RowError(**{k: v for k, v in (s.to_dict() or {}).items()}) for s in query.stream()]

    def runnable(self, limit: int) -> list[str]:
        """Jobs not finished, oldest first: queued ones, and running ones whose worker stopped."""
        query = self._jobs.where(filter=FieldFilter("status", "in", [JobStatus.QUEUED.value,
                                                                     JobStatus.RUNNING.value])).limit(limit)
        now = utc_now()
        found = []
        for snapshot in query.stream():
            lease = (snapshot.to_dict() or {}).get("internal", {}).get("lease") or {}
            if not lease.get("until") or lease["until"] <= now:
                found.append(snapshot.id)
        return found

    def request_cancel(self, job_id: str) -> None:
        self._jobs.document(job_id).update({"internal.cancel": True, "updated_at": utc_now()})

    def restart(self, job_id: str, job: Job, internal: dict[str, Any]) -> None:
        """Start ``job_id`` over: its errors gone, its checkpoint at the start."""
        errors = self._jobs.document(job_id).collection(ROW_ERRORS)
        while True:
            found = list(errors.limit(400).stream())
            if not found:
                break
            batch = self._db.batch()
            for snapshot in found:
                batch.delete(snapshot.reference)
            batch.commit()
        self.create(job, internal)


def _field_id(error: RowError) -> str:
    return "".join(c if c.isalnum() else "_" for c in (error.field or "row"))[:40]


def _job(snapshot: firestore.DocumentSnapshot) -> Job:
    data = snapshot.to_dict() or {}
    data.pop("internal", None)
    return Job(**data)

