"""``POST /hooks/conversions/{source}``: conversion events from a source, signed with its secret (see
crm.domain.partners.sources), kept once per event id."""

from __future__ import annotations

from flask import Response, request

from crm.domain.common import utc_now
from crm.domain.partners.clicks import is_click_id
from crm.domain.partners.conversions import Conversion, ConversionEvent
from crm.domain.partners.sources import SIGNATURE_HEADER, verify_signature
from crm.errors import NotFoundError, UnauthenticatedError
from crm.http.dependencies import deps
from crm.http.parsing import parse_body
from crm.http.partners.common import readers
from crm.http.rate_limits import client_address
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.partners.conversions import Locale, receive_conversion


@api.route("/hooks/conversions/<source>", "POST", summary="Receive an install, sign-up, purchase or refund event "
           f"(signed: {SIGNATURE_HEADER}); 201 when new, 200 when the event id was seen before", tag="partners",
           public=True, body=ConversionEvent, response=Conversion, status=201, errors=(401, 404, 413, 415, 422, 429))
def receive_partner_conversion(source: str) -> Response:
    limits, address = deps().rate_limits, client_address(request, deps().settings.proxy_hops)
    limits.check_failures(address)
    try:
        _check_signature(source)
    except (UnauthenticatedError, NotFoundError):
        limits.record_failure(address)
        raise
    event = parse_body(ConversionEvent)
    settings = deps().settings
    hint = readers().activity.click_partner(event.click_id) if event.click_id and is_click_id(event.click_id) else None
    received = receive_conversion(deps().transactions, source, event,
                                  Locale(settings.default_phone_region, settings.default_language), hint)
    if received.created:
        return json_response(received.conversion, 201)
    return json_response(received.conversion, 200, {"Idempotent-Replayed": "true"})


def _check_signature(source_id: str) -> None:
    """The source's secrets as this instance remembers them, and once more as stored when they do not match (a
    rotation made elsewhere, or the source switched on again, within the last half minute)."""
    try:
        _verify(source_id, fresh=False)
    except (UnauthenticatedError, NotFoundError):
        _verify(source_id, fresh=True)


def _verify(source_id: str, *, fresh: bool) -> None:
    found = readers().sources.for_postback(source_id, fresh=fresh)
    if found is None or not found[0].active:
        raise NotFoundError(f"no active conversion source {source_id}")
    now = utc_now()
    verify_signature(found[1].valid(now), request.headers.get(SIGNATURE_HEADER), request.get_data(cache=True), now)
