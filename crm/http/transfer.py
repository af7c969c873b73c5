"""HTTP handlers for data in and out: uploads, imports (with a preview), exports, bulk actions and their jobs."""

from __future__ import annotations

from flask import Response, request, stream_with_context, url_for

from crm.domain.access import Access
from crm.domain.model import Model
from crm.domain.transfer.bulk import BulkJobRequest, BulkRequest, BulkResult
from crm.domain.transfer.jobs import Job
from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.domain.transfer.requests import (
    ExportRequest,
    ImportPreview,
    ImportRequest,
    JobErrors,
    JobsPage,
    Upload,
    UploadCreate,
    UploadPart,
)
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_body, parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.transfer import bulk, jobs, uploads

TAG = "data in and out"
JOB = "/crm/jobs/<job_id>"
MEDIA = {FileFormat.CSV: "text/csv; charset=utf-8", FileFormat.JSONL: "application/x-ndjson; charset=utf-8"}


class ErrorsQuery(Model):
    after: int = 0
    limit: int = 100

    def bounded(self) -> tuple[int, int]:
        return max(0, self.after), max(1, min(self.limit, 500))


def _accepted(job: Job) -> Response:
    return json_response(job, 202, {"Location": url_for(f"{request.blueprint}.get_job", job_id=job.id)})


@api.route("/crm/uploads", "POST", summary="Start uploading a file to import", tag=TAG, access=Access.WRITE,
           body=UploadCreate, response=Upload, status=201, errors=(422,))
def create_upload() -> Response:
    return json_response(uploads.create_upload(deps().transfer, parse_body(UploadCreate), caller()), 201)


@api.route("/crm/uploads/<upload_id>/parts", "POST", summary="Add the next part of an upload", tag=TAG,
           access=Access.WRITE, body=UploadPart, response=Upload, errors=(404, 409, 413, 422))
def add_upload_part(upload_id: str) -> Response:
    return json_response(uploads.add_part(deps().transfer, upload_id, parse_body(UploadPart), caller()))


@api.route("/crm/imports/preview", "POST", summary="Preview an import: the first rows as they would go in", tag=TAG,
           access=Access.WRITE, body=ImportRequest, response=ImportPreview, errors=(400, 404, 409, 422))
def preview_import() -> Response:
    return json_response(jobs.preview_import(deps().transfer, parse_body(ImportRequest), caller()))


@api.route("/crm/imports", "POST", summary="Import a file (a job: poll it)", tag=TAG, access=Access.WRITE,
           body=ImportRequest, response=Job, status=202, errors=(403, 404, 409, 413, 422))
def create_import() -> Response:
    return _accepted(jobs.start_import(deps().transfer, parse_body(ImportRequest), caller()))


@api.route("/crm/exports", "POST", summary="Export a list's records (a job: poll it, then download)", tag=TAG,
           access=Access.READ, body=ExportRequest, response=Job, status=202, errors=(400, 403, 422))
def create_export() -> Response:
    return _accepted(jobs.start_export(deps().transfer, parse_body(ExportRequest), caller()))


@api.route("/crm/jobs", "GET", summary="The caller's recent jobs (an admin's: everyone's)", tag=TAG,
           access=Access.READ, response=JobsPage)
def list_jobs() -> Response:
    return json_response(JobsPage(results=jobs.list_jobs(deps().transfer, caller())))


@api.route(JOB, "GET", summary="A job: its status, progress and first errors", tag=TAG, access=Access.READ,
           response=Job, errors=(404,))
def get_job(job_id: str) -> Response:
    return json_response(jobs.get_job(deps().transfer, job_id, caller()))


@api.route(f"{JOB}/errors", "GET", summary="A job's errors, in line order", tag=TAG, access=Access.READ,
           query=ErrorsQuery, response=JobErrors, errors=(400, 404))
def get_job_errors(job_id: str) -> Response:
    after, limit = parse_query(ErrorsQuery).bounded()
    found, next_after = jobs.job_errors(deps().transfer, job_id, caller(), after, limit)
    return json_response(JobErrors(results=found, next_after=next_after))


@api.route(f"{JOB}/cancel", "POST", summary="Stop a job after its current batch", tag=TAG, access=Access.READ,
           response=Job, errors=(404, 409))
def cancel_job(job_id: str) -> Response:
    return json_response(jobs.cancel_job(deps().transfer, job_id, caller()))


@api.route(f"{JOB}/download", "GET", summary="Download a finished export", tag=TAG, access=Access.READ,
           errors=(404, 409))
def download_export(job_id: str) -> Response:
    job, parts = jobs.download(deps().transfer, job_id, caller())
    media = MEDIA[job.format or FileFormat.CSV]
    headers = {"Content-Disposition": f'attachment; filename="{job.file_name}"'}
    if job.download_bytes is not None:
        headers["Content-Length"] = str(job.download_bytes)
    return Response(stream_with_context(part.encode() for part in parts), headers=headers, content_type=media)


def _bulk(kind: TransferKind) -> Response:
    return json_response(bulk.bulk_request(deps().transactions, kind, parse_body(BulkRequest), caller()))


def _bulk_job(kind: TransferKind) -> Response:
    return _accepted(jobs.start_bulk(deps().transfer, kind, parse_body(BulkJobRequest), caller()))


@api.route("/crm/customers/bulk", "POST", summary="One change to up to 500 customers", tag=TAG, access=Access.WRITE,
           body=BulkRequest, response=BulkResult, errors=(403, 409, 422))
def bulk_customers() -> Response:
    return _bulk(TransferKind.CUSTOMERS)


@api.route("/crm/deals/bulk", "POST", summary="One change to up to 500 deals", tag=TAG, access=Access.WRITE,
           body=BulkRequest, response=BulkResult, errors=(403, 409, 422))
def bulk_deals() -> Response:
    return _bulk(TransferKind.DEALS)


@api.route("/crm/activities/bulk", "POST", summary="One change to up to 500 activities", tag=TAG,
           access=Access.WRITE, body=BulkRequest, response=BulkResult, errors=(403, 409, 422))
def bulk_activities() -> Response:
    return _bulk(TransferKind.ACTIVITIES)


@api.route("/crm/customers/bulk-jobs", "POST", summary="One change to every customer a filter matches (a job)",
           tag=TAG, access=Access.WRITE, body=BulkJobRequest, response=Job, status=202, errors=(400, 403, 409, 422))
def bulk_customers_job() -> Response:
    return _bulk_job(TransferKind.CUSTOMERS)


@api.route("/crm/deals/bulk-jobs", "POST", summary="One change to every deal a filter matches (a job)", tag=TAG,
           access=Access.WRITE, body=BulkJobRequest, response=Job, status=202, errors=(400, 403, 409, 422))
def bulk_deals_job() -> Response:
    return _bulk_job(TransferKind.DEALS)


@api.route("/crm/activities/bulk-jobs", "POST", summary="One change to every activity a filter matches (a job)",
           tag=TAG, access=Access.WRITE, body=BulkJobRequest, response=Job, status=202, errors=(400, 403, 409, 422))
def bulk_activities_job() -> Response:
    return _bulk_job(TransferKind.ACTIVITIES)
