"""Calling a tool or reading a resource for a session: look it up, check the caller's access, validate the
arguments, run the use case. Every refusal is a CrmError, with the same code and details as over the REST API."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from crm.assistants.sessions import ToolSession
from crm.domain import access
from crm.errors import CrmError, NotFoundError, UnavailableError, ValidationFailedError
from crm.http.errors import _caused_by_unavailable, validation_details
from crm.services.assistants import CATALOG, AssistantTool, ToolResult

logger = logging.getLogger("crm.assistants")


class UnknownToolError(NotFoundError):
    """No tool has the name asked for (a protocol error in MCP, not a tool's result)."""


def call_tool(session: ToolSession, name: str, arguments: dict[str, Any] | None) -> ToolResult:
    """Run tool ``name`` with ``arguments`` for the session's caller.

    Raises:
        UnknownToolError: no tool has this name.
        CrmError: the caller may not, the arguments are not valid, or the use case refused (its own error).
    """
    tool = CATALOG.tool(name)
    if tool is None:
        raise UnknownToolError(f"no tool named {name!r}")
    caller = session.caller()
    access.require(caller, tool.access)
    args = _arguments(tool, arguments or {}, session.backend.default_phone_region)
    return _guarded(lambda: tool.run(session.backend, caller, args))


def read_resource(session: ToolSession, uri: str) -> ToolResult:
    """The record ``uri`` names, as the session's caller may see it.

    Raises:
        NotFoundError: no resource template matches ``uri``, or no such record (that the caller may see).
        CrmError: the caller may not read it.
    """
    found = CATALOG.resource_for(uri)
    if found is None:
        raise NotFoundError(f"no resource has the URI {uri[:200]!r}")
    resource, record_id = found
    caller = session.caller()
    access.require(caller, resource.access)
    return _guarded(lambda: resource.read(session.backend, caller, record_id))


def error_document(error: CrmError) -> dict[str, Any]:
    """The one error shape of the REST API: {"error": {"code", "message", "details"}}."""
    return {"error": {"code": error.code, "message": error.message, "details": error.details}}


def as_crm_error(exc: Exception) -> CrmError:
    """``exc`` as the error a caller is told: itself if it is one, else UNAVAILABLE or a logged INTERNAL."""
    if isinstance(exc, CrmError):
        return exc
    if _caused_by_unavailable(exc):
        logger.warning("Firestore unavailable: %s", exc)
        return UnavailableError("the database is unavailable; retry shortly")
    incident = uuid.uuid4().hex[:12]
    logger.error("unhandled error in an assistant tool, incident %s", incident, exc_info=exc)
    return CrmError(f"internal error (incident {incident})")


def _arguments(tool: AssistantTool[Any], arguments: dict[str, Any], phone_region: str) -> Any:
    try:
        return tool.arguments.model_validate(arguments, context={"phone_region": phone_region})
    except ValidationError as exc:
        raise ValidationFailedError(f"the arguments of {tool.name} are not valid", validation_details(exc)) from None


def _guarded(run: Callable[[], ToolResult]) -> ToolResult:
    """Run a use case; arguments that pass the tool's own model but not the domain's are reported the same way."""
    try:
        return run()
    except ValidationError as exc:
        raise ValidationFailedError("the arguments are not valid", validation_details(exc)) from None
