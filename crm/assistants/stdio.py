"""The MCP server over stdio, for a desktop assistant that starts ``crm mcp`` itself: the API key in the environment
is the caller, authenticated exactly as over HTTP."""

from __future__ import annotations

import logging
import sys

import anyio
from mcp.server.stdio import stdio_server

from crm.assistants.mcp_server import build_server
from crm.assistants.sessions import ApiKeySession, tool_backend
from crm.errors import CrmError
from crm.http.dependencies import Dependencies
from crm.settings import Settings

API_KEY_VARIABLE = "CRM_API_KEY"


def serve_stdio(settings: Settings, api_key: str) -> int:
    """Serve until the assistant closes stdin; 2 when the key is refused at the start (said on stderr)."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)  # stdout carries the protocol only
    deps = Dependencies(settings)
    session = ApiKeySession(tool_backend(deps), deps, api_key)
    try:
        who = session.caller()
    except CrmError as error:
        print(f"crm mcp: {error.code}: {error.message}", file=sys.stderr)
        return 2
    print(f"crm mcp: serving as {who.uid} (role {who.role})", file=sys.stderr)
    server = build_server(session)

    async def run() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(run)
    return 0
