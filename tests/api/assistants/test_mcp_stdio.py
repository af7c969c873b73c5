"""The MCP server over stdio: `crm mcp` started as a subprocess with an API key in its environment, driven by the MCP
SDK's own client, as a desktop assistant starts and drives it."""

from __future__ import annotations

import subprocess
import sys

import anyio
from mcp import Client

from crm.identity import Role, create_api_key, revoke_api_key
from crm.services.assistants import CATALOG
from tests.api.helpers import create_customer
from tests.utils.assistant_journey import every_tool
from tests.utils.mcp_clients import refusal, stdio_parameters, structured


def _key(app, role: Role) -> tuple[str, str]:
    secret, key = create_api_key(app.extensions["crm"].api_keys, f"Desktop {role.value}", role, "admin-1")
    return secret, key.prefix


def test_every_tool_over_stdio(app, settings):
    secret, prefix = _key(app, Role.MANAGER)

    async def run() -> None:
        async with Client(stdio_parameters(settings, secret)) as client:
            assert [t.name for t in (await client.list_tools()).tools] == [t.name for t in CATALOG.tools]
            await every_tool(client, "stdio", owner=f"apikey:{prefix}")

    anyio.run(run)


def test_the_key_s_role_and_ownership_apply(app, settings, client):
    viewer, _ = _key(app, Role.VIEWER)
    rep, rep_prefix = _key(app, Role.REP)
    someone_elses = create_customer(client, name="Stdio Other", owner_id="rep-2")
    theirs = create_customer(client, name="Stdio Own", owner_id=f"apikey:{rep_prefix}")

    async def run() -> None:
        async with Client(stdio_parameters(settings, viewer)) as mcp:
            assert not {t.name for t in (await mcp.list_tools()).tools} & {"create_customer", "mark_deal_won"}
            refusal(await mcp.call_tool("create_customer", {"name": "Nope"}), "PERMISSION_DENIED")
        async with Client(stdio_parameters(settings, rep)) as mcp:
            found = structured(await mcp.call_tool("search_customers", {"search": "stdio"}))
            assert [c["id"] for c in found["results"]] == [theirs["id"]]
            refusal(await mcp.call_tool("get_customer_timeline", {"customer_id": someone_elses["id"]}), "NOT_FOUND")
            error = refusal(await mcp.call_tool("add_customer_note", {"customer_id": theirs["id"]}),
                            "VALIDATION_FAILED")
            assert [d["field"] for d in error["details"]] == ["text"]

    anyio.run(run)


def test_a_revoked_key_stops_working_mid_session(app, settings, monkeypatch):
    secret, prefix = _key(app, Role.ADMIN)

    async def run() -> None:
        parameters = stdio_parameters(settings, secret)
        parameters.env = {**(parameters.env or {}), "CRM_API_KEY_CACHE_SECONDS": "0"}
        async with Client(parameters) as mcp:
            structured(await mcp.call_tool("search_customers", {}))
            revoke_api_key(app.extensions["crm"].api_keys, prefix)
            refusal(await mcp.call_tool("search_customers", {}), "UNAUTHENTICATED")

    anyio.run(run)


def test_a_bad_or_missing_key_is_refused_at_start(settings):
    for key, said in (("crm_not-a-key", "UNAUTHENTICATED: the API key is not valid"), (None, "set CRM_API_KEY")):
        parameters = stdio_parameters(settings, key)
        done = subprocess.run([sys.executable, *parameters.args], env=parameters.env, input="", capture_output=True,
                              text=True, timeout=60, check=False)
        assert done.returncode == 2 and said in done.stderr and done.stdout == ""
