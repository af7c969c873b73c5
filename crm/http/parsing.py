"""Reading requests: JSON bodies and query strings into pydantic models, with field-level errors."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from flask import g, request
from pydantic import BaseModel, ValidationError

from crm.domain.common import InputModel
from crm.errors import InvalidArgumentError, UnsupportedMediaTypeError, ValidationFailedError
from crm.http.dependencies import deps
from crm.http.errors import validation_details

M = TypeVar("M", bound=BaseModel)


MAX_JSON_DEPTH = 32
_NOT_PARSED = object()


def json_body() -> Any:
    """The request's JSON document, parsed once per request (the idempotency fingerprint reads the same one).

    Raises:
        UnsupportedMediaTypeError: a body that is not declared as JSON.
        InvalidArgumentError: a missing or malformed JSON document, or one nested deeper than MAX_JSON_DEPTH.
    """
    parsed = g.get("json_body", _NOT_PARSED)
    if parsed is _NOT_PARSED:
        parsed = g.json_body = _parse_json(request.get_data(cache=True))
    return parsed


def _parse_json(raw: bytes) -> Any:
    if not raw.strip():
        raise InvalidArgumentError("a JSON body is required")
    if not request.is_json:
        raise UnsupportedMediaTypeError("send the body as JSON with Content-Type: application/json")
    try:
        document = json.loads(raw)
    except RecursionError:
        document = None  # nested deeper than the parser goes: far deeper than the limit
        depth = MAX_JSON_DEPTH + 1
    except ValueError:
        raise InvalidArgumentError("the body is not valid JSON") from None
    else:
        depth = nesting_depth(document, MAX_JSON_DEPTH + 1)
    if depth > MAX_JSON_DEPTH:
        raise InvalidArgumentError(f"the body nests objects and lists more than {MAX_JSON_DEPTH} levels deep")
    return document


def nesting_depth(document: Any, stop_at: int) -> int:
    """How deeply objects and lists nest in ``document`` (a scalar is 0), counted without recursion up to
    ``stop_at``."""
    deepest, level = 0, [(document, 1)]
    while level:
        value, depth = level.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest >= stop_at:
            return deepest
        level.extend((child, depth + 1) for child in children)
    return deepest


def parse_body(model: type[M]) -> M:
    """Validate the JSON body as ``model``.

    Raises:
        ValidationFailedError: with one detail per field that is wrong, unknown or server-owned.
    """
    return validate_document(model, json_body())


def validate_document(model: type[M], data: Any, prefix: tuple[str | int, ...] = ()) -> M:
    """Validate ``data`` (a body, or a GraphQL input) as ``model``, with the same refusals as ``parse_body``; the
    details' fields start with ``prefix``.

    Raises:
        ValidationFailedError: with one detail per field that is wrong, unknown or server-owned.
    """
    if not isinstance(data, dict):
        detail = {"field": None, "message": "expected an object"}
        raise ValidationFailedError("the body must be a JSON object", [detail])
    server_owned = model.server_owned_fields if issubclass(model, InputModel) else frozenset()
    owned = sorted(set(data) & server_owned)
    if owned:
        message = "set by the server; it cannot be written"
        details = [{"field": ".".join(map(str, (*prefix, f))), "message": message, "type": "server_owned"}
                   for f in owned]
        raise ValidationFailedError(f"fields set by the server cannot be written: {', '.join(owned)}", details)
    try:
        return model.model_validate(data, context={"phone_region": deps().settings.default_phone_region})
    except ValidationError as exc:
        raise ValidationFailedError("the request body is not valid", validation_details(exc, prefix)) from None


def optional_body(model: type[M]) -> M:
    """Like ``parse_body``, but an empty body stands for an empty object."""
    if not request.get_data(cache=True).strip():
        return model()
    return parse_body(model)


def parse_query(model: type[M]) -> M:
    """Validate the query string as ``model``; a repeated parameter is an error.

    Raises:
        InvalidArgumentError: with one detail per parameter that is wrong or unknown.
    """
    args = request.args
    repeated = sorted(key for key in args if len(args.getlist(key)) > 1)
    if repeated:
        details = [{"field": key, "message": "given more than once", "type": "repeated"} for key in repeated]
        raise InvalidArgumentError(f"query parameters given more than once: {', '.join(repeated)}", details)
    try:
        return model.model_validate(args.to_dict())
    except ValidationError as exc:
        raise InvalidArgumentError("the query parameters are not valid", validation_details(exc)) from None


def if_match() -> str | None:
    """The version named by an If-Match header (its ETag, quotes and W/ optional); None when absent or ``*``.

    Raises:
        InvalidArgumentError: more than one version, or an empty one.
    """
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    versions = [v.strip().removeprefix("W/").strip('"') for v in header.split(",")]
    if len(versions) != 1 or not versions[0]:
        detail = {"field": "If-Match", "message": "one version, as the ETag header gave it"}
        raise InvalidArgumentError("If-Match takes one version, as the ETag header gave it", [detail])
    return versions[0]
