"""The MCP server over streamable HTTP (/api/mcp), through the MCP SDK's own client against a real local server:
every tool, the resources, role and ownership, refusals as error results, and both protocol eras."""

from __future__ import annotations

import anyio
import pytest
from mcp import MCPError

from crm.services.assistants import CATALOG
from tests.api.helpers import create_customer
from tests.utils.assistant_journey import every_tool
from tests.utils.mcp_clients import http_client, refusal, structured

WRITE_TOOLS = {tool.name for tool in CATALOG.tools if not tool.read_only}
REPORT_TOOLS = {"get_pipeline_summary", "get_forecast"}


def bearer(token_for, uid: str, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(uid, role)}"}


@pytest.mark.parametrize("mode", ["auto", "legacy"], ids=["2026-07-28, stateless", "2025-11-25, initialize"])
def test_every_tool_over_http(mcp_url, token_for, mode):
    async def run() -> None:
        async with http_client(mcp_url, bearer(token_for, "mgr-1", "manager"), mode) as client:
            listed = await client.list_tools()
            assert [t.name for t in listed.tools] == [t.name for t in CATALOG.tools]
            templates = await client.list_resource_templates()
            assert {t.uri_template for t in templates.resource_templates} == {"crm://customers/{customer_id}",
                                                                              "crm://deals/{deal_id}"}
            await every_tool(client, "http" + mode, owner="mgr-1")

    anyio.run(run)


def test_a_viewer_sees_no_write_tool_and_cannot_call_one(mcp_url, token_for, client):
    customer = create_customer(client)

    async def run() -> None:
        async with http_client(mcp_url, bearer(token_for, "viewer-1", "viewer")) as mcp:
            names = {t.name for t in (await mcp.list_tools()).tools}
            assert names == {t.name for t in CATALOG.tools} - WRITE_TOOLS
            error = refusal(await mcp.call_tool("create_customer", {"name": "Nope"}), "PERMISSION_DENIED")
            assert "needs write access" in error["message"]
            refusal(await mcp.call_tool("add_customer_note", {"customer_id": customer["id"], "text": "x"}),
                    "PERMISSION_DENIED")
            assert structured(await mcp.call_tool("get_customer_summary", {"customer_id": customer["id"]}))

    anyio.run(run)
    assert client.get(f"/api/crm/customers/{customer['id']}").get_json()["notes"] == []


def test_a_rep_reaches_only_their_own_records_and_no_reports(mcp_url, token_for, client):
    theirs = create_customer(client, name="Theirs Rep", owner_id="rep-1")
    someone_elses = create_customer(client, name="Theirs Other", owner_id="rep-2")

    async def run() -> None:
        async with http_client(mcp_url, bearer(token_for, "rep-1", "rep")) as mcp:
            names = {t.name for t in (await mcp.list_tools()).tools}
            assert names == {t.name for t in CATALOG.tools} - REPORT_TOOLS
            found = structured(await mcp.call_tool("search_customers", {"search": "theirs"}))
            assert [c["id"] for c in found["results"]] == [theirs["id"]]
            refusal(await mcp.call_tool("get_customer_summary", {"customer_id": someone_elses["id"]}), "NOT_FOUND")
            refusal(await mcp.call_tool("add_customer_note", {"customer_id": someone_elses["id"], "text": "x"}),
                    "NOT_FOUND")
            error = refusal(await mcp.call_tool("create_deal", {"customer_id": someone_elses["id"], "title": "x"}),
                            "VALIDATION_FAILED")
            assert [d["field"] for d in error["details"]] == ["customer_id"]
            refusal(await mcp.call_tool("create_customer", {"name": "Given away", "owner_id": "rep-2"}),
                    "PERMISSION_DENIED")
            refusal(await mcp.call_tool("get_forecast", {}), "PERMISSION_DENIED")
            with pytest.raises(MCPError) as raised:
                await mcp.read_resource(f"crm://customers/{someone_elses['id']}")
            assert raised.value.error.code == -32002
            own = await mcp.read_resource(f"crm://customers/{theirs['id']}")
            assert "Theirs Rep" in own.contents[0].text

    anyio.run(run)


@pytest.mark.parametrize(("tool", "arguments", "fields"), [
    pytest.param("create_customer", {}, ["name"], id="missing name"),
    pytest.param("create_customer", {"name": "A", "email": "not-an-email"}, ["email"], id="bad email"),
    pytest.param("create_customer", {"nmae": "A"}, ["name", "nmae"], id="misspelt argument"),
    pytest.param("create_customer", {"name": "A", "tags": ["x" * 51]}, ["tags.0"], id="tag too long"),
    pytest.param("log_activity", {"type": "call", "subject": "A", "customer_id": "c1", "due_at": "2026-05-01T09:00"},
                 ["due_at"], id="due_at without a timezone"),
    pytest.param("log_activity", {"type": "visit", "subject": "A", "customer_id": "c1"}, ["type"], id="bad type"),
    pytest.param("log_activity", {"type": "call", "subject": "A"}, ["customer_id", "deal_id"], id="no link"),
    pytest.param("create_deal", {"customer_id": "c1", "title": "A", "value": "-1"}, ["value"], id="negative value"),
    pytest.param("mark_deal_lost", {"deal_id": "d1"}, ["reason"], id="lost without a reason"),
    pytest.param("search_customers", {"page_size": 500}, ["page_size"], id="page too large"),
    pytest.param("get_forecast", {"from_month": "2026-13"}, ["from_month"], id="bad month"),
])
def test_bad_arguments_are_validation_errors_naming_the_field(mcp_url, token_for, tool, arguments, fields):
    async def run() -> None:
        async with http_client(mcp_url, bearer(token_for, "admin-1", "admin")) as mcp:
            error = refusal(await mcp.call_tool(tool, arguments), "VALIDATION_FAILED")
            assert sorted(d["field"] for d in error["details"]) == fields

    anyio.run(run)


def test_use_case_refusals_keep_their_codes(mcp_url, token_for, client):
    customer = create_customer(client, email="taken@example.com")

    async def run() -> None:
        async with http_client(mcp_url, bearer(token_for, "admin-1", "admin")) as mcp:
            error = refusal(await mcp.call_tool("create_customer", {"name": "Twin", "email": "taken@example.com"}),
                            "ALREADY_EXISTS")
            assert customer["id"] in error["message"] or customer["id"] in str(error["details"])
            refusal(await mcp.call_tool("get_customer_summary", {"customer_id": "missing"}), "NOT_FOUND")
            deal = structured(await mcp.call_tool("create_deal", {"customer_id": customer["id"], "title": "D"}))
            refusal(await mcp.call_tool("move_deal", {"deal_id": deal["deal"]["id"], "stage": "closed_lost"}),
                    "VALIDATION_FAILED")
            structured(await mcp.call_tool("mark_deal_won", {"deal_id": deal["deal"]["id"]}))
            refusal(await mcp.call_tool("mark_deal_won", {"deal_id": deal["deal"]["id"]}), "FAILED_PRECONDITION")
            with pytest.raises(MCPError, match="no tool named 'delete_everything'"):
                await mcp.call_tool("delete_everything", {})

    anyio.run(run)
