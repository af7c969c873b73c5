"""Every error becomes one JSON shape: {"error": {"code", "message", "details"}}; unknown ones a bare 500."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from flask import Flask, Response, jsonify
from google.api_core import exceptions as google_exceptions
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from crm.errors import (
    CrmError,
    InvalidArgumentError,
    MethodNotAllowedError,
    NotFoundError,
    PayloadTooLargeError,
    ResourceExhaustedError,
    UnavailableError,
    http_status_for,
)

logger = logging.getLogger("crm.http")

RETRY_AFTER_SECONDS = "5"
_UNAVAILABLE = (
    google_exceptions.ServiceUnavailable,
    google_exceptions.DeadlineExceeded,
    google_exceptions.RetryError,
    google_exceptions.Aborted,
)
_BY_HTTP_STATUS: dict[int, type[CrmError]] = {
    404: NotFoundError,
    405: MethodNotAllowedError,
    413: PayloadTooLargeError,
}


def error_response(error: CrmError) -> Response:
    body: dict[str, Any] = {"code": error.code, "message": error.message, "details": error.details}
    response = jsonify({"error": body})
    response.status_code = http_status_for(error)
    if isinstance(error, UnavailableError):
        response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    elif isinstance(error, ResourceExhaustedError):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def validation_details(error: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[dict[str, Any]]:
    details = []
    for item in error.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in (*prefix, *item["loc"]))
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        details.append({"field": field or None, "message": message, "type": item["type"]})
    return details


def _caused_by_unavailable(exc: BaseException | None) -> bool:
    """Whether the database being unavailable is behind ``exc``: itself, or an error it was raised from or while
    handling (a transaction that could not begin fails again on its rollback, hiding the first error)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, _UNAVAILABLE):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CrmError, error_response)

    @app.errorhandler(HTTPException)
    def _http_exception(exc: HTTPException) -> Response:
        error_class = _BY_HTTP_STATUS.get(exc.code or 500, InvalidArgumentError)
        messages = {404: "no such endpoint", 405: "method not allowed on this endpoint"}
        message = messages.get(exc.code or 0, exc.description or exc.name)
        if exc.code == 413:
            message = "request body is too large"
        response = error_response(error_class(message))
        if exc.code == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        return error_response(unexpected_error(exc))


def unexpected_error(exc: BaseException) -> CrmError:
    """What a caller is told of an exception no code expected: the database being unavailable, or an internal error
    with an incident number, logged with its traceback; never the exception's own text."""
    if _caused_by_unavailable(exc):
        logger.warning("Firestore unavailable: %s", exc)
        return UnavailableError("the database is unavailable; retry shortly")
    incident = uuid.uuid4().hex[:12]
    logger.error("unhandled error, incident %s", incident, exc_info=exc)
    return CrmError(f"internal error (incident {incident})")
