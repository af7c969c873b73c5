"""Jobs: starting an import, export or bulk action in the background, reading where it stands, and advancing it a
bounded step at a time (by the deployed function, or the local runner), from its checkpoint."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from crm.domain import access
from crm.domain.activity_queries import ActivityListParams
from crm.domain.common import utc_now
from crm.domain.customer_queries import CustomerListParams
from crm.domain.deal_queries import DealListParams
from crm.domain.orders import OrderListParams
from crm.domain.transfer.bulk import BulkChange, BulkJobRequest
from crm.domain.transfer.jobs import Job, JobCheckpoint, JobStatus, JobType
from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.domain.transfer.mapping import ColumnMapping, mapped_values, resolve_columns, unmapped_headers
from crm.domain.transfer.reading import FileUnreadable, lines_of, read_rows
from crm.domain.transfer.requests import ExportRequest, ImportPreview, ImportRequest
from crm.domain.transfer.rows import RowError
from crm.errors import FailedPreconditionError, InvalidArgumentError, NotFoundError, ValidationFailedError
from crm.identity import Caller, Role
from crm.services.transfer.bulk import bulk_change, unsupported
from crm.services.transfer.exporting import export_pages, scoped
from crm.services.transfer.import_kinds import ImportContext
from crm.services.transfer.importing import BatchResult, ImportPlan, import_kind, import_rows, prepare
from crm.services.transfer.ports import FileStore, ImportTransactions, JobStore, RecordStream

LIST_PARAMS: dict[TransferKind, type[Any]] = {
    TransferKind.CUSTOMERS: CustomerListParams, TransferKind.DEALS: DealListParams,
    TransferKind.ORDERS: OrderListParams, TransferKind.ACTIVITIES: ActivityListParams,
}
PAGING = ("page", "page_size", "cursor")
STEP_SECONDS = 300.0
LEASE_MARGIN = 120.0
BULK_PAGE = 100
EXPORT_PAGE = 500
PART_LIMIT = 400_000


@dataclass
class TransferServices:
    """What jobs need: their store, their files, the transactions imports run in, each kind's record stream, and
    how the local runner (or the deployed function) is told a job has work."""

    jobs: JobStore
    files: FileStore
    transactions: ImportTransactions
    streams: dict[TransferKind, RecordStream]
    default_language: str = "el"
    phone_region: str = "GR"
    enqueue: Callable[[str], None] = field(default=lambda job_id: None)


def list_params(kind: TransferKind, filters: dict[str, str]) -> Any:
    """The list's parameters for ``filters`` (paging left out).

    Raises:
        InvalidArgumentError: a filter the list does not take, or a value it refuses.
    """
    model = LIST_PARAMS.get(kind)
    if model is None:
        raise FailedPreconditionError(f"{kind.value} cannot be exported or changed in bulk here yet")
    given = {k: v for k, v in filters.items() if k not in PAGING}
    try:
        return model.model_validate(given)
    except ValidationError as exc:
        details = [{"field": f"filter.{'.'.join(map(str, e['loc']))}", "message": e["msg"]} for e in exc.errors()]
        raise InvalidArgumentError("the filters are not valid for this list", details) from None


def _new_job(services: TransferServices, job_type: JobType, kind: TransferKind, caller: Caller, **fields: Any) -> Job:
    now = utc_now()
    job_id = services.jobs.new_id()
    return Job(id=job_id, type=job_type, kind=kind, created_by=caller.uid, created_at=now, updated_at=now, **fields)


def _internal(caller: Caller, **plan: Any) -> dict[str, Any]:
    return {"caller": caller.model_dump(mode="json"), "plan": plan, "checkpoint": JobCheckpoint().model_dump()}


def start_import(services: TransferServices, request: ImportRequest, caller: Caller) -> Job:
    """Queue an import of an uploaded or inline file.

    Raises:
        PermissionDeniedError: a rep named another owner.
        NotFoundError: no such upload of the caller's.
        FailedPreconditionError: the kind cannot be imported here yet.
    """
    import_kind(request.kind)
    if request.owner_id is not None and request.owner_id != caller.uid and caller.role not in access.ASSIGNS_OWNERS:
        access.check_owner_change(caller, _OwnerOnly(request.owner_id))
    file_id = request.upload_id
    name = request.file_name
    if file_id is not None:
        info = services.files.info(file_id)
        if info is None or info.get("owner_id") != caller.uid:
            raise NotFoundError(f"upload {file_id} not found")
        name = name or info.get("name")
    else:
        file_id = services.files.new_id()
        services.files.create(file_id, caller.uid, name or "inline")
        services.files.append(file_id, 0, request.content or "")
    mapping = request.column_mapping()
    job = _new_job(services, JobType.IMPORT, request.kind, caller, dry_run=request.dry_run, file_name=name,
                   format=request.format or FileFormat.of_name(name or ""),
                   params={"preset": request.preset, "mapping": mapping.model_dump(mode="json"),
                           "owner_id": request.owner_id})
    services.jobs.create(job, _internal(caller, file_id=file_id))
    services.enqueue(job.id)
    return job


def start_export(services: TransferServices, request: ExportRequest, caller: Caller) -> Job:
    """Queue an export of what the list with ``request.filters`` holds for the caller.

    Raises:
        InvalidArgumentError: filters the list does not take.
        PermissionDeniedError: a rep asked for another owner's records.
    """
    params = scoped(list_params(request.kind, request.filters), caller)
    file_id = services.files.new_id()
    job = _new_job(services, JobType.EXPORT, request.kind, caller, format=request.format,
                   file_name=f"{request.kind.value}-{utc_now():%Y%m%d-%H%M%S}.{request.format.value}",
                   params={"filters": params.model_dump(mode="json", exclude_none=True, exclude=set(PAGING))})
    services.files.create(file_id, caller.uid, job.file_name or "export")
    services.jobs.create(job, _internal(caller, file_id=file_id))
    services.enqueue(job.id)
    return job


def start_bulk(services: TransferServices, kind: TransferKind, request: BulkJobRequest, caller: Caller) -> Job:
    """Queue a bulk action on every record of ``kind`` that ``request.filter`` matches for the caller."""
    refused = unsupported(kind, request)
    if refused:
        raise refused
    if request.action.value == "reassign":
        access.check_owner_change(caller, _OwnerOnly(request.owner_id or ""))
    params = scoped(list_params(kind, request.filter or {}), caller)
    job = _new_job(services, JobType.BULK, kind, caller,
                   params={**request.model_dump(mode="json", exclude={"filter"}, exclude_none=True),
                           "filter": params.model_dump(mode="json", exclude_none=True, exclude=set(PAGING))})
    services.jobs.create(job, _internal(caller))
    services.enqueue(job.id)
    return job


@dataclass
class _OwnerOnly:
    owner_id: str | None

    @property
    def model_fields_set(self) -> set[str]:
        return {"owner_id"}


def get_job(services: TransferServices, job_id: str, caller: Caller) -> Job:
    """A job of the caller's (an admin sees every job).

    Raises:
        NotFoundError: no such job that the caller may see.
    """
    job = services.jobs.get(job_id)
    if job is None or (job.created_by != caller.uid and caller.role is not Role.ADMIN):
        raise NotFoundError(f"job {job_id} not found")
    return job


def list_jobs(services: TransferServices, caller: Caller, limit: int = 20) -> list[Job]:
    return services.jobs.list_for(None if caller.role is Role.ADMIN else caller.uid, limit)


def job_errors(services: TransferServices, job_id: str, caller: Caller, after: int, limit: int
               ) -> tuple[list[RowError], int | None]:
    get_job(services, job_id, caller)
    errors = services.jobs.errors(job_id, after, limit + 1)
    more = len(errors) > limit
    errors = errors[:limit]
    return errors, errors[-1].line if more and errors else None


def cancel_job(services: TransferServices, job_id: str, caller: Caller) -> Job:
    """Ask a job to stop after its current batch (what it did stays done)."""
    job = get_job(services, job_id, caller)
    if job.status.finished:
        raise FailedPreconditionError(f"job {job_id} has already {job.status.value}")
    services.jobs.request_cancel(job_id)
    return job


def download(services: TransferServices, job_id: str, caller: Caller) -> tuple[Job, Iterator[str]]:
    """A succeeded export's file, in parts.

    Raises:
        NotFoundError: no such export of the caller's.
        FailedPreconditionError: the export has not succeeded (yet).
    """
    job = get_job(services, job_id, caller)
    if job.type is not JobType.EXPORT:
        raise NotFoundError(f"job {job_id} has no file to download")
    if job.status is not JobStatus.SUCCEEDED:
        raise FailedPreconditionError(f"export {job_id} is {job.status.value}: download it once it has succeeded")
    return job, services.files.parts(services.jobs.internal(job_id)["plan"]["file_id"])


# ---------------------------------------------------------------- running


def advance_job(services: TransferServices, job_id: str, worker: str, budget_seconds: float = STEP_SECONDS
                ) -> Job | None:
    """Run a job for up to ``budget_seconds`` from its checkpoint, holding its lease meanwhile; returns it as it
    then stands (None if another worker holds it or it is finished)."""
    if not services.jobs.lease(job_id, worker, budget_seconds + LEASE_MARGIN):
        return None
    try:
        job = services.jobs.get(job_id)
        internal = services.jobs.internal(job_id)
        if job is None:
            return None
        deadline = time.monotonic() + budget_seconds
        step = {JobType.IMPORT: _import_step, JobType.EXPORT: _export_step, JobType.BULK: _bulk_step}[job.type]
        try:
            finished = step(services, job, internal, lambda: time.monotonic() > deadline or _cancelled(services, job))
        except (FileUnreadable, InvalidArgumentError, ValidationFailedError, FailedPreconditionError) as exc:
            return _finish(services, job, JobStatus.FAILED, str(exc))
        if _cancelled(services, job):
            return _finish(services, job, JobStatus.CANCELLED, "cancelled; what was done before stays done")
        if finished:
            return _finish(services, services.jobs.get(job_id) or job, JobStatus.SUCCEEDED, None)
        return services.jobs.get(job_id)
    finally:
        services.jobs.release(job_id, worker)


def _cancelled(services: TransferServices, job: Job) -> bool:
    return bool(services.jobs.internal(job.id).get("cancel"))


def _finish(services: TransferServices, job: Job, status: JobStatus, message: str | None) -> Job:
    done = job.model_copy(update={"status": status, "message": message, "finished_at": utc_now()})
    services.jobs.finish(done)
    return done


def _caller(internal: dict[str, Any]) -> Caller:
    return Caller.model_validate(internal["caller"])


def _checkpoint(internal: dict[str, Any]) -> JobCheckpoint:
    return JobCheckpoint.model_validate(internal.get("checkpoint") or {})


def _import_step(services: TransferServices, job: Job, internal: dict[str, Any], stop: Callable[[], bool]) -> bool:
    file_id = internal["plan"]["file_id"]
    caller = _caller(internal)
    plan = ImportPlan(kind=job.kind, mapping=ColumnMapping.model_validate(job.params["mapping"]),
                      dry_run=job.dry_run, owner_id=job.params.get("owner_id"),
                      default_language=services.default_language, phone_region=services.phone_region)
    progress = job.progress
    if progress.total is None:
        _, counted = read_rows(lines_of(services.files.parts(file_id)), job.format or FileFormat.CSV)
        progress = progress.model_copy(update={"total": sum(1 for _ in counted)})
    checkpoint = _checkpoint(internal)
    headers, rows = read_rows(lines_of(services.files.parts(file_id)), job.format or FileFormat.CSV)
    stopped = False

    def saved(batch: BatchResult) -> bool:
        nonlocal progress, stopped
        counts = dict(progress.counts)
        for what, n in batch.counts.items():
            counts[what] = counts.get(what, 0) + n
        progress = progress.model_copy(update={"done": sum(counts.values()), "counts": counts})
        services.jobs.save_progress(job.id, progress, JobCheckpoint(line=batch.last_line), batch.errors)
        stopped = stop()
        return stopped

    result = import_rows(services.transactions, headers, rows, plan, caller, after_line=checkpoint.line,
                         on_batch=saved)
    if not stopped:
        services.jobs.save_progress(job.id, progress, JobCheckpoint(line=result.last_line, done=True), [])
    return not stopped


def _export_step(services: TransferServices, job: Job, internal: dict[str, Any], stop: Callable[[], bool]) -> bool:
    file_id = internal["plan"]["file_id"]
    checkpoint = _checkpoint(internal)
    if checkpoint.done:
        return True
    params = list_params(job.kind, job.params.get("filters", {}))
    progress = job.progress
    part = checkpoint.part
    for page in export_pages(services.streams[job.kind], job.kind, job.format or FileFormat.CSV, params,
                             after=checkpoint.cursor, page_size=EXPORT_PAGE, header=checkpoint.part == 0,
                             stop=stop):
        for start in range(0, len(page.text), PART_LIMIT):
            services.files.append(file_id, part, page.text[start : start + PART_LIMIT])
            part += 1
        records = progress.counts.get("records", 0) + page.records
        progress = progress.model_copy(update={"done": records, "counts": {"records": records}})
        checkpoint = JobCheckpoint(cursor=page.cursor, part=part, done=page.cursor is None)
        services.jobs.save_progress(job.id, progress, checkpoint, [])
    if checkpoint.done:
        info = services.files.info(file_id) or {}
        services.jobs.finish(job.model_copy(update={"download_bytes": info.get("bytes", 0), "progress": progress,
                                                    "status": JobStatus.RUNNING}))
    return checkpoint.done


def _bulk_step(services: TransferServices, job: Job, internal: dict[str, Any], stop: Callable[[], bool]) -> bool:
    caller = _caller(internal)
    request = BulkChange.model_validate({k: v for k, v in job.params.items() if k != "filter"})
    params = list_params(job.kind, job.params.get("filter", {}))
    checkpoint = _checkpoint(internal)
    progress = job.progress
    cursor = checkpoint.cursor
    while not checkpoint.done:
        ids, cursor = services.streams[job.kind].ids(params, cursor, BULK_PAGE)
        result = bulk_change(services.transactions, job.kind, request, ids, caller)
        counts = dict(progress.counts)
        counts["succeeded"] = counts.get("succeeded", 0) + result.succeeded
        counts["failed"] = counts.get("failed", 0) + result.failed
        progress = progress.model_copy(update={"done": counts["succeeded"] + counts["failed"], "counts": counts})
        failed = [r for r in result.results if not r.ok]
        errors = [RowError(progress.done - len(failed) + n + 1, r.id, f"{r.code}: {r.message}")
                  for n, r in enumerate(failed)]
        checkpoint = JobCheckpoint(cursor=cursor, done=cursor is None)
        services.jobs.save_progress(job.id, progress, checkpoint, errors)
        if not checkpoint.done and stop():
            return False
    return True


PREVIEW_ROWS = 10


def preview_import(services: TransferServices, request: ImportRequest, caller: Caller) -> ImportPreview:
    """The file's first rows as the import would take them (checked as a create would be, nothing read or written
    but the file): its headers, the fields they fill, and each row's values and errors.

    Raises:
        NotFoundError: no such upload of the caller's.
        FailedPreconditionError: the kind cannot be imported here yet.
        InvalidArgumentError: the file cannot be read.
    """
    declared = import_kind(request.kind)
    if request.upload_id is not None:
        info = services.files.info(request.upload_id)
        if info is None or info.get("owner_id") != caller.uid:
            raise NotFoundError(f"upload {request.upload_id} not found")
        lines = lines_of(services.files.parts(request.upload_id))
        name = request.file_name or info.get("name") or ""
    else:
        lines = lines_of([request.content or ""])
        name = request.file_name or ""
    file_format = request.format or FileFormat.of_name(name)
    try:
        headers, rows = read_rows(lines, file_format)
    except FileUnreadable as exc:
        raise InvalidArgumentError(str(exc), [{"field": "content", "message": str(exc)}]) from None
    mapping = request.column_mapping()
    columns = resolve_columns(mapping, request.kind, headers)
    context = ImportContext(caller, request.owner_id, mapping.source, services.default_language,
                            services.phone_region, services.transactions)
    shown: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for raw in itertools.islice(rows, PREVIEW_ROWS):
        row_columns = columns if headers else resolve_columns(mapping, request.kind, list(raw.values))
        values = mapped_values(raw.values, row_columns, mapping) if not raw.problem else {}
        shown.append({"line": raw.line, "values": values})
        result = BatchResult(0)
        prepare(declared, raw, mapping, row_columns, context, result)
        errors.extend(e.as_dict() for e in result.errors)
    return ImportPreview(headers=headers, columns=columns, unmapped=unmapped_headers(columns, headers), rows=shown,
                         errors=errors)
