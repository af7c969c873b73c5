"""Idempotency-Key on every POST: a replay within 24 hours gets the first response without acting again."""

from __future__ import annotations

import functools
import hashlib
import json

from flask import Response, request

from crm.domain.common import utc_now
from crm.domain.idempotency import KEY_PATTERN, KeyState, StoredResponse, idempotency_record_id
from crm.errors import (
    AbortedError,
    CrmError,
    InvalidArgumentError,
    ValidationFailedError,
    http_status_for,
)
from crm.http.dependencies import caller, deps
from crm.http.errors import error_response
from crm.http.parsing import json_body
from crm.http.routing import Handler

HEADER = "Idempotency-Key"
KEPT_HEADERS = ("Location", "ETag", "Content-Type")


def idempotent(handler: Handler) -> Handler:
    """Wrap a POST handler so that a request carrying an Idempotency-Key acts at most once."""

    @functools.wraps(handler)
    def wrapper(**kwargs: object) -> Response:
        key = request.headers.get(HEADER)
        if key is None:
            return handler(**kwargs)
        if not KEY_PATTERN.match(key):
            raise InvalidArgumentError(
                f"{HEADER} must be 1-255 visible ASCII characters",
                [{"field": HEADER, "message": "1-255 visible ASCII characters"}],
            )
        store = deps().idempotency
        record_id = idempotency_record_id(caller().uid, key)
        claim = store.claim(record_id, _fingerprint(), utc_now())
        if not claim.same_request:
            raise ValidationFailedError(
                f"this {HEADER} was used for a different request; use a new key for a new request",
                [{"field": HEADER, "message": "already used for a different request"}],
            )
        if claim.state is KeyState.RUNNING:
            raise AbortedError(f"a request with this {HEADER} is still being processed; retry shortly")
        if claim.state is KeyState.DONE and claim.response is not None:
            return _replay(claim.response)
        try:
            response = handler(**kwargs)
        except CrmError as error:
            if http_status_for(error) >= 500:
                store.release(record_id)
                raise
            response = error_response(error)
        except BaseException:
            store.release(record_id)
            raise
        store.complete(record_id, _stored(response), utc_now())
        return response

    return wrapper


def _fingerprint() -> str:
    path = request.path.rstrip("/").removeprefix("/api")
    raw = request.get_data(cache=True)
    try:
        body = json.dumps(json_body(), sort_keys=True, separators=(",", ":")).encode() if raw.strip() else b""
    except CrmError:
        body = raw  # the handler refuses it; the first answer is remembered like any other
    return hashlib.sha256(request.method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def _stored(response: Response) -> StoredResponse:
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    return StoredResponse(response.status_code, response.get_data(as_text=True), headers)


def _replay(stored: StoredResponse) -> Response:
    response = Response(stored.body, status=stored.status, headers=stored.headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def refuse_idempotency_key() -> None:
    """For a POST whose answer holds a secret: a replay would serve it from the stored response, and secrets are
    never stored there.

    Raises:
        InvalidArgumentError: the request carries an Idempotency-Key.
    """
    if HEADER in request.headers:
        raise InvalidArgumentError(f"{HEADER} is not taken here: the response holds a secret that is never stored",
                                   [{"field": HEADER, "message": "not accepted on this endpoint"}])
