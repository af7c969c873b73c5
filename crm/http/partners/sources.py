"""HTTP handlers for conversion sources (admins): each signs its postbacks with a secret shown once."""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.model import Model
from crm.domain.partners.sources import ConversionSource, ConversionSourceCreate, ConversionSourcesPage
from crm.domain.partners.sources import ConversionSourceWithSecret as SourceWithSecret
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_body
from crm.http.partners.common import readers, refuse_idempotency_key
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.partners import sources

TAG = "partners"
SOURCES = "/crm/partner-conversion-sources"


class SourceChange(Model):
    active: bool


@api.route(SOURCES, "GET", summary="List conversion sources (never their secrets)", tag=TAG, access=Access.ADMIN,
           response=ConversionSourcesPage)
def list_conversion_sources() -> Response:
    return json_response(sources.list_sources(readers().sources))


@api.route(SOURCES, "POST", summary="Create a conversion source; its secret is shown once", tag=TAG,
           access=Access.ADMIN, body=ConversionSourceCreate, response=SourceWithSecret, status=201,
           errors=(400, 409, 413, 422))
def create_conversion_source() -> Response:
    refuse_idempotency_key()
    return json_response(sources.create_source(deps().transactions, parse_body(ConversionSourceCreate), caller()),
                         201)


@api.route(f"{SOURCES}/<source_id>/rotate-secret", "POST", summary="A new secret, shown once; the previous one "
           "works for another day", tag=TAG, access=Access.ADMIN, response=SourceWithSecret, errors=(400, 404))
def rotate_conversion_source_secret(source_id: str) -> Response:
    refuse_idempotency_key()
    return json_response(sources.rotate_secret(deps().transactions, source_id, caller()))


@api.route(f"{SOURCES}/<source_id>", "PATCH", summary="Switch a conversion source off (its postbacks are refused) "
           "or on", tag=TAG, access=Access.ADMIN, body=SourceChange, response=ConversionSource,
           errors=(404, 413, 422))
def patch_conversion_source(source_id: str) -> Response:
    active = parse_body(SourceChange).active
    return json_response(sources.set_source_active(deps().transactions, source_id, active, caller()))
