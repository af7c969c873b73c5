"""MCP clients for the tests, all the SDK's own: over streamable HTTP to a real local server of the Flask app, and
over stdio to `crm mcp` started as a subprocess; and the calls the tests make through them."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2
from flask import Flask
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult
from werkzeug.serving import make_server

from crm.settings import Settings


@contextlib.contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app on a real HTTP server on a free loopback port, for the length of the block; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="mcp-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@contextlib.asynccontextmanager
async def http_client(url: str, headers: dict[str, str], mode: str = "auto") -> AsyncIterator[Client]:
    """The SDK's client over streamable HTTP, sending ``headers`` (the credential) with every request."""
    async with (httpx2.AsyncClient(headers=headers, timeout=60) as http,
                Client(streamable_http_client(url, http_client=http), mode=mode) as client):
        yield client


def stdio_parameters(settings: Settings, api_key: str | None) -> StdioServerParameters:
    """`crm mcp` as a desktop assistant starts it: the API key and the Firestore settings in its environment."""
    env = {"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": settings.firestore_emulator_host or "",
           "GOOGLE_CLOUD_PROJECT": settings.project_id, "CRM_COLLECTION_PREFIX": settings.collection_prefix,
           "PATH": os.environ.get("PATH", "")}
    if settings.auth_emulator_host:
        env["FIREBASE_AUTH_EMULATOR_HOST"] = settings.auth_emulator_host
    if api_key is not None:
        env["CRM_API_KEY"] = api_key
    return StdioServerParameters(command=sys.executable, args=["-m", "crm.cli", "mcp"], env=env)


def structured(result: CallToolResult) -> dict[str, Any]:
    """A tool's successful answer."""
    assert not result.is_error, result.content
    assert isinstance(result.structured_content, dict)
    return result.structured_content


def refusal(result: CallToolResult, code: str) -> dict[str, Any]:
    """A tool's refusal: an error result carrying the REST API's error document."""
    assert result.is_error, result.structured_content
    error = (result.structured_content or {})["error"]
    assert error["code"] == code, error
    assert result.content[0].text.startswith(f"{code}: ")
    return error
