"""What the deployed scheduled function does (crm.jobs.function): it finds the jobs waiting for a worker and runs
them from their checkpoints, and leaves alone a job another worker holds; it also finishes the tag renames and
merges no one polls."""

from __future__ import annotations

from google.cloud.firestore_v1 import FieldFilter

from crm.domain.tags.jobs import TagJobStatus
from crm.domain.tags.registry import tag_id
from crm.domain.transfer.jobs import JobStatus
from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.domain.transfer.requests import ExportRequest, ImportRequest
from crm.jobs.function import run_due_jobs
from crm.jobs.wiring import transfer_services
from crm.services.tags import jobs as tag_jobs
from crm.services.transfer import jobs
from crm.store.tags.jobs import FirestoreTagJobs

CSV = "name,email\nAda Lovelace,ada@example.com\nGrace Hopper,grace@example.com\nBad,not-an-email\n"


def test_queued_jobs_wait_for_the_scheduled_function_which_runs_them_to_the_end(settings, caller, create):
    create(name="Katherine Johnson", email="katherine@example.com")
    services = transfer_services(settings, local_runner=False)
    imported = jobs.start_import(services, ImportRequest(kind=TransferKind.CUSTOMERS, content=CSV), caller)
    exported = jobs.start_export(services, ExportRequest(kind=TransferKind.CUSTOMERS, format=FileFormat.JSONL),
                                 caller)
    assert services.jobs.get(imported.id).status is JobStatus.QUEUED  # nothing runs them in this process

    assert run_due_jobs(settings) >= 2

    done = services.jobs.get(imported.id)
    assert done.status is JobStatus.SUCCEEDED and done.progress.counts == {"created": 2, "failed": 1}
    export = services.jobs.get(exported.id)
    assert export.status is JobStatus.SUCCEEDED and export.progress.done in (1, 3)
    assert run_due_jobs(settings) == 0  # nothing left to do


def test_a_job_another_worker_holds_is_left_to_it(settings, caller):
    services = transfer_services(settings, local_runner=False)
    job = jobs.start_import(services, ImportRequest(kind=TransferKind.CUSTOMERS, content=CSV), caller)
    assert services.jobs.lease(job.id, "another-worker", 600)

    run_due_jobs(settings)

    assert services.jobs.get(job.id).status is JobStatus.RUNNING
    assert services.jobs.get(job.id).progress.done == 0


def test_a_tag_rename_no_one_polls_is_finished_by_the_scheduled_function(settings, db, names, transactions, caller,
                                                                        create):
    made = [create(tags=["vip"]) for _ in range(3)]
    job = tag_jobs.start_rename(transactions, tag_id("vip"), "gold", caller)  # started, never run by a request

    run_due_jobs(settings)

    done = FirestoreTagJobs(db, names).get(job.id)
    assert done is not None and (done.status, done.changed) == (TagJobStatus.DONE, 3)
    assert {tuple(snapshot.get("tags")) for snapshot in db.collection(names.customers).stream()} == {("gold",)}
    audit = db.collection(names.audit).where(filter=FieldFilter("entity_id", "in", [c.id for c in made]))
    retags = [entry.to_dict() for entry in audit.stream() if entry.get("action") == "update"]
    assert len(retags) == 3 and {entry["by"] for entry in retags} == {caller.uid}
