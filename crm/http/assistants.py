"""HTTP handlers for AI assistants: the MCP server over streamable HTTP, the tools as JSON-schema functions, and a
customer's AI context. The MCP SDK is imported only when /mcp is called, so the function's cold start does not pay
for it."""

from __future__ import annotations

from typing import Any, Literal

from flask import Response, request
from pydantic import ConfigDict, Field, field_validator

from crm.domain.access import Access
from crm.domain.customer_summary import CustomerSummary
from crm.domain.model import Model
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_body
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.assistants import CATALOG
from crm.services.customer_summary import customer_summary

TAG = "assistants"
PASSED_HEADERS = ("content-type", "mcp-protocol-version", "mcp-method", "mcp-name", "last-event-id")


class McpMessage(Model):
    """A JSON-RPC 2.0 request or notification of the Model Context Protocol."""

    model_config = ConfigDict(extra="forbid")

    jsonrpc: Literal["2.0"]
    id: int | str | None = Field(None, description="Left out for a notification")
    method: str = Field(max_length=200, description="e.g. initialize, tools/list, tools/call, resources/read")
    params: dict[str, Any] | None = None

    @field_validator("id")
    @classmethod
    def _not_null(cls, value: int | str | None) -> int | str:
        if value is None:
            raise ValueError("a request's id is a string or a number; leave it out for a notification")
        return value


class McpError(Model):
    code: int
    message: str
    data: Any = None


class McpReply(Model):
    """The JSON-RPC answer: ``result`` or ``error``. A tool's refusal is a result with ``isError`` true and the
    REST API's error document as ``structuredContent``."""

    jsonrpc: Literal["2.0"]
    id: int | str | None
    result: dict[str, Any] | None = None
    error: McpError | None = None


class AssistantFunction(Model):
    name: str
    title: str
    description: str
    parameters: dict[str, Any] = Field(description="The arguments as JSON Schema")
    access: Access = Field(description="What the tool needs of the caller's role")
    read_only: bool = Field(description="False for a tool that changes records")


class AssistantResourceTemplate(Model):
    uri_template: str
    name: str
    title: str
    description: str


class AssistantTools(Model):
    tools: list[AssistantFunction] = Field(description="The tools the caller's role may call, as function "
                                                       "definitions (name, description, parameters)")
    resources: list[AssistantResourceTemplate] = Field(description="Records an MCP client may read by URI")


@api.route("/mcp", "POST", summary="The MCP server (Model Context Protocol, streamable HTTP; stateless, JSON "
           "answers)", tag=TAG, access=Access.READ, body=McpMessage, response=McpReply,
           other_answers=((202, "A notification, accepted"),))
def mcp_exchange() -> Response:
    parse_body(McpMessage)
    from crm.assistants.http_exchange import serve_exchange  # the MCP SDK loads only when an assistant calls
    from crm.assistants.mcp_server import build_server
    from crm.assistants.sessions import AuthenticatedSession, tool_backend

    server = build_server(AuthenticatedSession(tool_backend(deps()), caller()))
    headers = [(name, value) for name, value in request.headers.items() if name.lower() in PASSED_HEADERS]
    answer = serve_exchange(server, "POST", request.path, headers, request.get_data(cache=True))
    kept = {name: value for name, value in answer.headers if name.lower() not in ("content-length",)}
    return Response(answer.body, status=answer.status, headers=kept)


@api.route("/ai/tools", "GET", summary="The assistant tools as JSON-schema function definitions, for the caller's "
           "role", tag=TAG, access=Access.READ, response=AssistantTools)
def list_ai_tools() -> Response:
    role = caller().role
    templates = [AssistantResourceTemplate(uri_template=r.uri_template, name=r.name, title=r.title,
                                           description=r.description) for r in CATALOG.resources_for(role)]
    functions = [AssistantFunction.model_validate(d) for d in CATALOG.function_definitions(role)]
    return json_response(AssistantTools(tools=functions, resources=templates))


@api.route("/customers/<customer_id>/ai-context", "GET", summary="A customer's AI context: the customer summary "
           "(the same as /crm/customers/{customer_id}/summary)", tag=TAG, access=Access.READ,
           response=CustomerSummary, errors=(404,))
def get_customer_ai_context(customer_id: str) -> Response:
    d = deps()
    return json_response(customer_summary(d.customers, d.deals, d.activities, customer_id, caller()))
