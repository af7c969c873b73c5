"""Tag jobs in Firestore: the job documents (progress and checkpoint), and the records a job walks: the customers,
then the deals, that carry a tag, in id order from a checkpoint (one array-membership query a batch)."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.tags.jobs import TagJob, TagJobPhase, TagJobStatus
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.unit_of_work import UnitOfWork

RECENT_JOBS = 20


def job_to_document(job: TagJob) -> dict[str, Any]:
    return job.model_dump(exclude={"id"}) | {"lease_id": job.lease_id}


def job_from_snapshot(snapshot: firestore.DocumentSnapshot) -> TagJob:
    return TagJob(**(snapshot.to_dict() or {}), id=snapshot.id)


class TxTagJobs:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._jobs = uow.db.collection(uow.names.tag_jobs)

    def new_id(self) -> str:
        return self._jobs.document().id

    def get(self, job_id: str) -> TagJob | None:
        snapshot = self._uow.get(self._jobs.document(job_id))
        return job_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, job: TagJob) -> None:
        self._uow.set(self._jobs.document(job.id), job_to_document(job))


class FirestoreTagJobs:
    """Jobs outside transactions, and the ids of the records a job still has to look at."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._jobs = db.collection(names.tag_jobs)
        self._records = {TagJobPhase.CUSTOMERS: db.collection(names.customers),
                         TagJobPhase.DEALS: db.collection(names.deals)}

    def get(self, job_id: str) -> TagJob | None:
        snapshot = self._jobs.document(job_id).get()
        read_meter.record_lookups(1)
        return job_from_snapshot(snapshot) if snapshot.exists else None

    def recent(self) -> list[TagJob]:
        query = self._jobs.order_by("started_at", direction=firestore.Query.DESCENDING).limit(RECENT_JOBS)
        snapshots = list(query.stream())
        read_meter.record_documents(len(snapshots))
        return [job_from_snapshot(s) for s in snapshots]

    def unfinished(self, limit: int) -> list[TagJob]:
        query = self._jobs.where(filter=FieldFilter("status", "==", TagJobStatus.RUNNING.value)).limit(limit)
        snapshots = list(query.stream())
        read_meter.record_documents(len(snapshots))
        return sorted((job_from_snapshot(s) for s in snapshots), key=lambda job: job.started_at)

    def carrying(self, phase: TagJobPhase, tag: str, after_id: str | None, limit: int) -> list[str]:
        """The ids of up to ``limit`` records of ``phase`` that carry ``tag``, after ``after_id`` in id order
        (deleted customers too: a restored one comes back with the new tag)."""
        collection = self._records[phase]
        query = collection.where(filter=FieldFilter("tags", "array_contains", tag)).order_by(FieldPath.document_id())
        if after_id is not None:
            query = query.start_after([collection.document(after_id)])
        snapshots = list(query.select([]).limit(limit).stream())
        read_meter.record_documents(len(snapshots))
        return [s.id for s in snapshots]
