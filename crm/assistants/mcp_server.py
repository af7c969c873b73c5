"""The MCP server: the catalog's tools and resources as the MCP Python SDK's low-level ``Server``, for one session.

A tool's refusal (permission, validation, not found, conflict...) is a tool result with ``isError`` and the REST
API's error document as its structured content, so the assistant reads the code and the fields at fault; an unknown
tool or resource is a protocol error, as MCP asks.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
import mcp_types as types
from mcp.server import Server, ServerRequestContext
from mcp.shared.exceptions import MCPError

from crm.assistants import dispatch
from crm.assistants.sessions import ToolSession
from crm.errors import CrmError, NotFoundError, http_status_for
from crm.services.assistants import CATALOG, AssistantTool, ToolResult

SERVER_NAME = "crm"
RESOURCE_NOT_FOUND = -32002  # the code MCP gives a resource that does not exist
INSTRUCTIONS = (
    "Tools over a CRM's customers, deals and activities. Find a customer's id with search_customers before using "
    "the other customer tools; list_pipelines gives the stage ids that create_deal and move_deal take. Write tools "
    "answer with `changed` (the record, its id and one line saying what changed) and the record as it is now. A "
    "refusal comes back as an error result whose `error.code` is the REST API's (PERMISSION_DENIED, NOT_FOUND, "
    "VALIDATION_FAILED with `details` naming each field at fault, FAILED_PRECONDITION, ...)."
)


def build_server(session: ToolSession) -> Server[Any]:
    """A server answering for ``session``'s caller: it lists only the tools their role may call."""

    async def list_tools(ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
                         ) -> types.ListToolsResult:
        caller = await _caller(session)
        return types.ListToolsResult(tools=[mcp_tool(tool) for tool in CATALOG.tools_for(caller.role)])

    async def call_tool(ctx: ServerRequestContext[Any], params: types.CallToolRequestParams) -> types.CallToolResult:
        try:
            result = await _in_thread(dispatch.call_tool, session, params.name, dict(params.arguments or {}))
        except dispatch.UnknownToolError as exc:
            raise MCPError(code=types.INVALID_PARAMS, message=exc.message) from None
        except Exception as exc:  # every refusal and failure becomes the REST API's error, as a tool result
            return error_result(dispatch.as_crm_error(exc))
        return tool_result(result)

    async def list_resources(ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
                             ) -> types.ListResourcesResult:
        return types.ListResourcesResult(resources=[])  # records are many: reach them through the templates

    async def list_templates(ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
                             ) -> types.ListResourceTemplatesResult:
        caller = await _caller(session)
        templates = [types.ResourceTemplate(uri_template=r.uri_template, name=r.name, title=r.title,
                                            description=r.description, mime_type="application/json")
                     for r in CATALOG.resources_for(caller.role)]
        return types.ListResourceTemplatesResult(resource_templates=templates)

    async def read_resource(ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams
                            ) -> types.ReadResourceResult:
        try:
            result = await _in_thread(dispatch.read_resource, session, str(params.uri))
        except Exception as exc:
            error = dispatch.as_crm_error(exc)
            code = (RESOURCE_NOT_FOUND if isinstance(error, NotFoundError)
                    else types.INTERNAL_ERROR if http_status_for(error) >= 500 else types.INVALID_REQUEST)
            raise MCPError(code=code, message=error.message, data=dispatch.error_document(error)["error"]) from None
        text = json.dumps(result.document(), ensure_ascii=False)
        document = types.TextResourceContents(uri=str(params.uri), mime_type="application/json", text=text)
        contents: list[types.TextResourceContents | types.BlobResourceContents] = [document]
        return types.ReadResourceResult(contents=contents)

    def input_schema(name: str) -> dict[str, Any] | None:
        tool = CATALOG.tool(name)
        return tool.input_schema() if tool else None

    return Server(SERVER_NAME, version="1.0.0", title="CRM", instructions=INSTRUCTIONS,
                  get_tool_input_schema=input_schema, on_list_tools=list_tools,
                  on_call_tool=call_tool, on_list_resources=list_resources,
                  on_list_resource_templates=list_templates, on_read_resource=read_resource)


def mcp_tool(tool: AssistantTool[Any]) -> types.Tool:
    hints = types.ToolAnnotations(title=tool.title, read_only_hint=tool.read_only, destructive_hint=False,
                                  open_world_hint=False)
    return types.Tool(name=tool.name, title=tool.title, description=tool.description,
                      input_schema=tool.input_schema(), annotations=hints)


def tool_result(result: ToolResult) -> types.CallToolResult:
    document = result.document()
    text = json.dumps(document, ensure_ascii=False)
    if result.change is not None:
        text = f"{result.change.summary}\n{text}"
    return types.CallToolResult(content=[types.TextContent(type="text", text=text)], structured_content=document)


def error_result(error: CrmError) -> types.CallToolResult:
    document = dispatch.error_document(error)
    fields = "; ".join(f"{d.get('field')}: {d.get('message')}" for d in error.details if d.get("field"))
    text = f"{error.code}: {error.message}" + (f" ({fields})" if fields else "")
    return types.CallToolResult(content=[types.TextContent(type="text", text=text)], structured_content=document,
                                is_error=True)


async def _caller(session: ToolSession) -> Any:
    """The session's caller; a credential refused since the session began is a protocol error naming its code."""
    try:
        return await _in_thread(session.caller)
    except CrmError as error:
        raise MCPError(code=types.INVALID_REQUEST, message=error.message,
                       data=dispatch.error_document(error)["error"]) from None


async def _in_thread(function: Any, *args: Any) -> Any:
    """Run blocking Firestore work off the event loop."""
    return await anyio.to_thread.run_sync(function, *args)
