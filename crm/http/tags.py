"""HTTP handlers for the tag registry, and the jobs that rename or merge a tag on every record."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.tags.jobs import TagJob, TagJobsPage, TagMerge, TagRename
from crm.domain.tags.registry import Tag, TagCreate, TagListParams, TagsPage, TagUpdate
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services.tags import jobs, registry

TAG = "tags"
ONE = "/crm/tags/<tag_id>"
JOB = "/crm/tag-jobs/<job_id>"


@api.route("/crm/tags", "GET", summary="The tag registry by name, with counts", tag=TAG, access=Access.READ,
           query=TagListParams, response=TagsPage, errors=(400,))
def list_tags() -> Response:
    return json_response(registry.list_tags(deps().tags, parse_query(TagListParams), caller()))


@api.route("/crm/tags", "POST", summary="Register a tag with its colour", tag=TAG, access=Access.ADMIN,
           body=TagCreate, response=Tag, status=201, errors=(409, 413, 422))
def create_tag() -> Response:
    created = registry.create_tag(deps().transactions, parse_body(TagCreate), caller())
    location = url_for(f"{request.blueprint}.get_tag", tag_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a tag", tag=TAG, access=Access.READ, response=Tag, errors=(404,))
def get_tag(tag_id: str) -> Response:
    return json_response(registry.get_tag(deps().tags, tag_id, caller()))


@api.route(ONE, "PATCH", summary="Change a tag's colour or description", tag=TAG, access=Access.ADMIN,
           body=TagUpdate, response=Tag, errors=(404, 413, 422))
def patch_tag(tag_id: str) -> Response:
    return json_response(registry.update_tag(deps().transactions, tag_id, parse_body(TagUpdate), caller()))


@api.route(ONE, "DELETE", summary="Remove a tag no record carries", tag=TAG, access=Access.ADMIN, status=204,
           errors=(404, 409))
def delete_tag(tag_id: str) -> Response:
    registry.delete_tag(deps().transactions, tag_id, caller())
    return no_content()


@api.route(f"{ONE}/rename", "POST", summary="Rename a tag on every record (a job: poll it)", tag=TAG,
           access=Access.ADMIN, body=TagRename, response=TagJob, status=202, errors=(404, 409, 422))
def rename_tag(tag_id: str) -> Response:
    job = jobs.start_rename(deps().transactions, tag_id, parse_body(TagRename).name, caller())
    return _running(job)


@api.route(f"{ONE}/merge", "POST", summary="Merge a tag into another on every record (a job: poll it)", tag=TAG,
           access=Access.ADMIN, body=TagMerge, response=TagJob, status=202, errors=(404, 409, 422))
def merge_tag(tag_id: str) -> Response:
    job = jobs.start_merge(deps().transactions, tag_id, parse_body(TagMerge).into, caller())
    return _running(job)


@api.route("/crm/tag-jobs", "GET", summary="Recent tag renames and merges", tag=TAG, access=Access.ADMIN,
           response=TagJobsPage)
def list_tag_jobs() -> Response:
    return json_response(jobs.list_tag_jobs(deps().tag_jobs))


@api.route(JOB, "GET", summary="A tag job's progress", tag=TAG, access=Access.ADMIN, response=TagJob,
           errors=(404,))
def get_tag_job(job_id: str) -> Response:
    return json_response(jobs.get_tag_job(deps().tag_jobs, job_id))


@api.route(f"{JOB}/run", "POST", summary="Work on a tag job for a few seconds, from its checkpoint", tag=TAG,
           access=Access.ADMIN, response=TagJob, errors=(404, 409))
def run_tag_job(job_id: str) -> Response:
    return json_response(jobs.run_tag_job(deps().transactions, deps().tag_jobs, job_id, caller()))


def _running(job: TagJob) -> Response:
    """A started job, run for a first slice (a small tag is done by then: its status says)."""
    ran = jobs.run_tag_job(deps().transactions, deps().tag_jobs, job.id, caller())
    location = url_for(f"{request.blueprint}.get_tag_job", job_id=ran.id)
    return json_response(ran, 202, {"Location": location})
