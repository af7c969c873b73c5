"""The domain error hierarchy and the one table that maps its codes to HTTP statuses."""

from __future__ import annotations

from typing import Any


class CrmError(Exception):
    """Base of every error the service means to report to a caller."""

    code = "INTERNAL"

    def __init__(self, message: str, details: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


class InvalidArgumentError(CrmError):
    code = "INVALID_ARGUMENT"


class ValidationFailedError(CrmError):
    code = "VALIDATION_FAILED"


class UnauthenticatedError(CrmError):
    code = "UNAUTHENTICATED"


class PermissionDeniedError(CrmError):
    code = "PERMISSION_DENIED"


class NotFoundError(CrmError):
    code = "NOT_FOUND"


class MethodNotAllowedError(CrmError):
    code = "METHOD_NOT_ALLOWED"


class AlreadyExistsError(CrmError):
    code = "ALREADY_EXISTS"


class FailedPreconditionError(CrmError):
    code = "FAILED_PRECONDITION"


class AbortedError(CrmError):
    """A concurrent request holds what this one needs (e.g. the same idempotency key); retry shortly."""

    code = "ABORTED"


class PreconditionFailedError(CrmError):
    """The record changed since the version the request names in If-Match."""

    code = "PRECONDITION_FAILED"


class PayloadTooLargeError(CrmError):
    code = "PAYLOAD_TOO_LARGE"


class UnsupportedMediaTypeError(CrmError):
    code = "UNSUPPORTED_MEDIA_TYPE"


class ResourceExhaustedError(CrmError):
    """The caller sent more requests than its budget allows; ``retry_after`` says in how many seconds it may again."""

    code = "RESOURCE_EXHAUSTED"

    def __init__(self, message: str, details: list[dict[str, Any]] | None = None, *, retry_after: int = 1):
        super().__init__(message, details)
        self.retry_after = retry_after


class UnavailableError(CrmError):
    code = "UNAVAILABLE"


class TooManyWritesError(Exception):
    """A transaction staged more writes than one commit may carry (Firestore's limit), refused before it is sent:
    the caller splits its work, so it never reaches a client (not a CrmError)."""


HTTP_STATUS_BY_CODE: dict[str, int] = {
    InvalidArgumentError.code: 400,
    UnauthenticatedError.code: 401,
    PermissionDeniedError.code: 403,
    NotFoundError.code: 404,
    MethodNotAllowedError.code: 405,
    AlreadyExistsError.code: 409,
    FailedPreconditionError.code: 409,
    AbortedError.code: 409,
    PreconditionFailedError.code: 412,
    PayloadTooLargeError.code: 413,
    UnsupportedMediaTypeError.code: 415,
    ValidationFailedError.code: 422,
    ResourceExhaustedError.code: 429,
    CrmError.code: 500,
    UnavailableError.code: 503,
}


def http_status_for(error: CrmError) -> int:
    return HTTP_STATUS_BY_CODE.get(error.code, 500)
