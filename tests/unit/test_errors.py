"""The error hierarchy and its one code -> HTTP status table."""

from __future__ import annotations

import pytest

from crm import errors
from crm.errors import HTTP_STATUS_BY_CODE, CrmError, http_status_for


def all_error_classes() -> list[type[CrmError]]:
    found, pending = [], [CrmError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__ == errors.__name__]


@pytest.mark.parametrize("error_class", [pytest.param(c, id=c.__name__) for c in all_error_classes()])
def test_every_error_class_has_a_status(error_class: type[CrmError]) -> None:
    assert error_class.code in HTTP_STATUS_BY_CODE
    assert http_status_for(error_class("boom")) == HTTP_STATUS_BY_CODE[error_class.code]


def test_codes_are_unique_per_class() -> None:
    codes = [cls.code for cls in all_error_classes()]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("error_class", "status"),
    [
        pytest.param(errors.InvalidArgumentError, 400, id="INVALID_ARGUMENT"),
        pytest.param(errors.UnauthenticatedError, 401, id="UNAUTHENTICATED"),
        pytest.param(errors.PermissionDeniedError, 403, id="PERMISSION_DENIED"),
        pytest.param(errors.NotFoundError, 404, id="NOT_FOUND"),
        pytest.param(errors.MethodNotAllowedError, 405, id="METHOD_NOT_ALLOWED"),
        pytest.param(errors.AlreadyExistsError, 409, id="ALREADY_EXISTS"),
        pytest.param(errors.FailedPreconditionError, 409, id="FAILED_PRECONDITION"),
        pytest.param(errors.PayloadTooLargeError, 413, id="PAYLOAD_TOO_LARGE"),
        pytest.param(errors.UnsupportedMediaTypeError, 415, id="UNSUPPORTED_MEDIA_TYPE"),
        pytest.param(errors.ValidationFailedError, 422, id="VALIDATION_FAILED"),
        pytest.param(errors.UnavailableError, 503, id="UNAVAILABLE"),
        pytest.param(errors.CrmError, 500, id="INTERNAL"),
    ],
)
def test_documented_statuses(error_class: type[CrmError], status: int) -> None:
    assert HTTP_STATUS_BY_CODE[error_class.code] == status
    assert http_status_for(error_class("boom")) == status


def test_unknown_code_is_a_500() -> None:
    class StrangeError(CrmError):
        code = "STRANGE"

    assert http_status_for(StrangeError("boom")) == 500


def test_error_keeps_message_and_details() -> None:
    details = [{"field": "name", "message": "required"}]
    error = errors.ValidationFailedError("bad body", details)
    assert (str(error), error.message, error.details) == ("bad body", "bad body", details)
    assert errors.NotFoundError("gone").details == []
