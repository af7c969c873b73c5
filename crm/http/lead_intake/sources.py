"""HTTP handlers for lead sources (admins only): create (the signing secret shown once), list, get, change, delete,
rotate the secret or the form token, and the form to embed in a website."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.lead_intake.sources import (
    FormSnippet,
    LeadSource,
    LeadSourceCreate,
    LeadSourcesList,
    LeadSourceUpdate,
    LeadSourceWithSecret,
)
from crm.http.dependencies import caller, deps
from crm.http.idempotency import refuse_idempotency_key
from crm.http.parsing import if_match, parse_body
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services.lead_intake import sources as service

TAG = "lead sources"
SOURCES = "/crm/admin/lead-sources"
ONE = f"{SOURCES}/<source_id>"


@api.route(SOURCES, "GET", summary="List lead sources", tag=TAG, access=Access.ADMIN, response=LeadSourcesList)
def list_lead_sources() -> Response:
    return json_response(service.list_sources(deps().lead_intake.sources))


@api.route(SOURCES, "POST", summary="Create a lead source; its signing secret is shown once", tag=TAG,
           access=Access.ADMIN, body=LeadSourceCreate, response=LeadSourceWithSecret, status=201,
           errors=(409, 413, 422))
def create_lead_source() -> Response:
    refuse_idempotency_key()
    created = service.create_source(deps().transactions, deps().lead_intake.sources, parse_body(LeadSourceCreate),
                                    caller())
    location = url_for(f"{request.blueprint}.get_lead_source", source_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a lead source (never its secret)", tag=TAG, access=Access.ADMIN,
           response=LeadSource, errors=(404,))
def get_lead_source(source_id: str) -> Response:
    return json_response(service.get_source(deps().lead_intake.sources, source_id))


@api.route(ONE, "PATCH", summary="Change a lead source", tag=TAG, access=Access.ADMIN, body=LeadSourceUpdate,
           response=LeadSource, errors=(404, 413, 422))
def patch_lead_source(source_id: str) -> Response:
    data = parse_body(LeadSourceUpdate)
    return json_response(service.update_source(deps().transactions, source_id, data, caller(), if_match()))


@api.route(ONE, "DELETE", summary="Delete a lead source (its posts are refused from then on)", tag=TAG,
           access=Access.ADMIN, status=204, errors=(404,))
def delete_lead_source(source_id: str) -> Response:
    service.delete_source(deps().transactions, source_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/rotate-secret", "POST", summary="A new signing secret, shown once", tag=TAG, access=Access.ADMIN,
           response=LeadSourceWithSecret, errors=(404,))
def rotate_lead_source_secret(source_id: str) -> Response:
    refuse_idempotency_key()
    return json_response(service.rotate_secret(deps().transactions, source_id, caller()))


@api.route(f"{ONE}/rotate-token", "POST", summary="A new form token (embed the form again)", tag=TAG,
           access=Access.ADMIN, response=LeadSource, errors=(404,))
def rotate_lead_source_token(source_id: str) -> Response:
    return json_response(service.rotate_token(deps().transactions, source_id, caller()))


@api.route(f"{ONE}/snippet", "GET", summary="The HTML form to embed in a website", tag=TAG, access=Access.ADMIN,
           response=FormSnippet, errors=(404,))
def get_lead_form_snippet(source_id: str) -> Response:
    return json_response(service.snippet(deps().lead_intake.sources, source_id, hook_url(source_id)))


def hook_url(source_id: str) -> str:
    """Where the source posts: this API's public address (as the proxy in front of it, e.g. Firebase Hosting, was
    asked for it)."""
    scheme = request.headers.get("X-Forwarded-Proto", request.scheme).split(",")[0].strip()
    host = request.headers.get("X-Forwarded-Host", request.host).split(",")[0].strip()
    return f"{scheme}://{host}/api/hooks/leads/{source_id}"
