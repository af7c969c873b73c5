"""GraphQL errors in the REST API's terms: ``extensions.code`` is the code of crm.errors' one table (with its HTTP
status and the same details), whatever raised it: a use case, a limit, or GraphQL's own validation."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from crm.errors import CrmError, InvalidArgumentError, http_status_for
from crm.http.errors import unexpected_error


def graphql_error(error: GraphQLError) -> dict[str, Any]:
    """The error as the response's ``errors`` holds it: message, locations, path and extensions {code, status,
    details}."""
    formatted: dict[str, Any] = dict(error.formatted)
    crm_error = _as_crm_error(error)
    formatted["message"] = crm_error.message
    formatted["extensions"] = {"code": crm_error.code, "status": http_status_for(crm_error),
                               "details": crm_error.details}
    return formatted


def _as_crm_error(error: GraphQLError) -> CrmError:
    original = error.original_error
    if isinstance(original, CrmError):
        return original
    if original is not None and not isinstance(original, GraphQLError):
        return unexpected_error(original)
    # not GraphQL, not valid against the schema, or over a limit (crm.graphql.limits, whose details name it)
    # (or variables of the wrong type, which graphql-core reports as a GraphQLError of its own)
    return InvalidArgumentError(error.message, (error.extensions or {}).get("details", []))
