"""POST /hooks/leads/{source_id}: leads from web forms (form-encoded or JSON, with the source's form token) and from
ad platforms and other servers (signed with the source's secret). Each answer is the same whether the lead was new,
someone we already have, or spam, so the hook tells a sender nothing about who is in the CRM. Browsers on the
source's allowed origins may read the answers (CORS per source)."""

from __future__ import annotations

import hashlib
import time
import uuid
from typing import Any

from flask import Flask, Response, g, request
from pydantic import ConfigDict, Field

from crm.domain.common import utc_now
from crm.domain.idempotency import KEY_PATTERN, KeyState, StoredResponse, idempotency_record_id
from crm.domain.lead_intake.sources import StoredLeadSource, accepts, origin_allowed
from crm.domain.lead_intake.submissions import flatten, read_submission
from crm.domain.model import Model
from crm.domain.webhooks.signing import HEADER as SIGNATURE
from crm.errors import (
    AbortedError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    UnauthenticatedError,
    UnsupportedMediaTypeError,
    ValidationFailedError,
)
from crm.http.dependencies import deps
from crm.http.parsing import json_body
from crm.http.rate_limits import client_address
from crm.http.routing import api
from crm.services.lead_intake.leads import receive_lead

TAG = "lead hooks"
TOKEN_HEADER = "X-Lead-Token"  # noqa: S105 (a header name)
EVENT_HEADER = "Idempotency-Key"
ALLOWED_HEADERS = f"Content-Type, {TOKEN_HEADER}, {SIGNATURE}, {EVENT_HEADER}"
THANKS = ('<!doctype html><meta charset="utf-8"><title>Thank you</title><p>Thank you! We received your message and '
          "will be in touch.")


class LeadPost(Model):
    """The fields a lead post may carry, as JSON or form fields; other fields are kept with the lead's task."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    name: str | None = Field(None, description="Or first_name and last_name")
    email: str | None = Field(None, description="An email or a phone is required")
    phone: str | None = None
    company: str | None = None
    message: str | None = None
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    utm_term: str | None = None
    utm_content: str | None = None
    page_url: str | None = None
    referrer: str | None = None
    consent_marketing: bool | str | None = Field(None, description='true, or "yes"/"on" from a checkbox')
    consent_privacy: bool | str | None = None
    event_id: str | None = Field(None, description="The sender's id of the lead: a repeat is answered, not acted on")
    token: str | None = Field(None, alias="_token", description=f"The form token (or the {TOKEN_HEADER} header)")
    ts: str | int | None = Field(None, alias="_ts", description="When the page showed the form (unix ms)")


class LeadReceipt(Model):
    status: str = "received"
    receipt: str = Field(description="Quote it when asking about this post")


@api.route("/hooks/leads/<source_id>", "POST", summary="Receive a lead from a web form or an ad platform", tag=TAG,
           public=True, body=LeadPost, response=LeadReceipt, status=202, errors=(401, 403, 404, 409, 429))
def receive_lead_post(source_id: str) -> Response:
    intake = deps().lead_intake
    limits = deps().rate_limits
    address = client_address(request, deps().settings.proxy_hops)
    limits.check_failures(address)
    fields = _fields()  # a body that is not a form or JSON object is refused before any lookup
    source = intake.sources.get(source_id)
    if source is None:
        limits.record_failure(address)
        raise NotFoundError(f"no lead source {source_id}")
    g.lead_source_origins = source.allowed_origins
    if not source.enabled:
        raise PermissionDeniedError("this lead source is disabled")
    intake.take(source.id, address)
    body = request.get_data(cache=True)
    token = request.headers.get(TOKEN_HEADER) or _text(fields.get("_token")) or request.args.get("token")
    if not accepts(source, source.secret, token=token, signature=request.headers.get(SIGNATURE), body=body,
                   now=int(time.time())):
        limits.record_failure(address)
        raise UnauthenticatedError(f"sign the post with the source's secret ({SIGNATURE})"
                                   + ("" if source.signature_required else f" or send its form token ({TOKEN_HEADER}"
                                                                           " or the _token field)"))
    if not origin_allowed(source, request.headers.get("Origin")):
        raise PermissionDeniedError("this lead source does not take posts from pages of this origin")
    submission = read_submission(flatten(fields), source, phone_region=deps().settings.default_phone_region)
    event_id = request.headers.get(EVENT_HEADER) or submission.event_id
    return _once(source, event_id, body, lambda: _receive(source, submission))


def _receive(source: StoredLeadSource, submission: Any) -> Response:
    receive_lead(deps().transactions, deps().lead_intake.matcher, deps().lead_intake.sources, source, submission,
                 now=utc_now(), default_language=deps().settings.default_language)
    receipt = LeadReceipt(receipt=uuid.uuid4().hex[:16])
    return Response(receipt.model_dump_json(), status=202, mimetype="application/json")


def _once(source: StoredLeadSource, event_id: str | None, body: bytes, act: Any) -> Response:
    """Act once per sender's event id (kept 24 hours, like Idempotency-Key): a repeat gets the first answer."""
    if not event_id:
        return _answer(source, act())
    if not KEY_PATTERN.match(event_id):
        raise InvalidArgumentError("the event id must be 1-255 visible ASCII characters",
                                   [{"field": "event_id", "message": "1-255 visible ASCII characters"}])
    store = deps().idempotency
    record_id = idempotency_record_id(f"leadsource:{source.id}", event_id)
    claim = store.claim(record_id, hashlib.sha256(body).hexdigest(), utc_now())
    if claim.state is KeyState.RUNNING:
        raise AbortedError("a post with this event id is still being processed; retry shortly")
    if claim.state is KeyState.DONE and claim.response is not None:
        replayed = Response(claim.response.body, status=claim.response.status, mimetype="application/json")
        replayed.headers["Idempotent-Replayed"] = "true"
        return _answer(source, replayed)
    try:
        response = act()
    except BaseException:
        store.release(record_id)
        raise
    store.complete(record_id, StoredResponse(response.status_code, response.get_data(as_text=True)), utc_now())
    return _answer(source, response)


def _answer(source: StoredLeadSource, response: Response) -> Response:
    """A browser that posted the plain form (no script) is shown a page, or sent to the source's thank-you page."""
    if "text/html" not in request.headers.get("Accept", ""):
        return response
    if source.thank_you_url:
        return Response(status=303, headers={"Location": source.thank_you_url})
    return Response(THANKS, status=200, mimetype="text/html")


def _fields() -> dict[str, Any]:
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return {key: values[0] if len(values) == 1 else values for key, values in request.form.lists()}
    if not request.get_data(cache=True).strip():
        raise InvalidArgumentError("the post is empty")
    if not request.is_json:
        raise UnsupportedMediaTypeError("post the lead as JSON or as form fields "
                                        "(application/x-www-form-urlencoded or multipart/form-data)")
    document = json_body()
    if not isinstance(document, dict):
        raise ValidationFailedError("the body must be an object of fields", [{"field": None,
                                                                                "message": "expected an object"}])
    return document


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def allow_source_origins(app: Flask) -> None:
    """CORS for each lead source's own origins: preflights answered, and answers (errors too) readable there."""

    @app.before_request
    def _preflight() -> Response | None:
        if request.method != "OPTIONS" or not _is_hook():
            return None
        source_id = (request.view_args or {}).get("source_id", "")
        source = deps().lead_intake.sources.get(source_id)
        response = Response(status=204)
        origin = request.headers.get("Origin")
        if source is not None and origin and origin.rstrip("/") in source.allowed_origins:
            response.headers.update({"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "POST",
                                     "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                                     "Access-Control-Max-Age": "600", "Vary": "Origin"})
        return response

    @app.after_request
    def _readable(response: Response) -> Response:
        origin = request.headers.get("Origin")
        if origin and _is_hook() and origin.rstrip("/") in g.get("lead_source_origins", ()):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Expose-Headers"] = "Retry-After, Idempotent-Replayed"
            response.headers.add("Vary", "Origin")
        return response


def _is_hook() -> bool:
    return (request.endpoint or "").endswith(".receive_lead_post")

