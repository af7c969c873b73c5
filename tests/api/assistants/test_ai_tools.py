"""GET /api/ai/tools: the tools as JSON-schema function definitions for the caller's role, the same as the MCP server
lists; and a customer's AI context, the summary under the path clients of the earlier API call."""

from __future__ import annotations

import anyio
import pytest

from crm.services.assistants import CATALOG
from tests.api.helpers import assert_error, create_customer
from tests.utils.mcp_clients import http_client

ALL = [tool.name for tool in CATALOG.tools]
WRITES = {tool.name for tool in CATALOG.tools if not tool.read_only}
REPORTS = {"get_pipeline_summary", "get_forecast"}


@pytest.mark.parametrize(("role", "expected"), [
    pytest.param("admin", ALL, id="admin"),
    pytest.param("manager", ALL, id="manager"),
    pytest.param("rep", [n for n in ALL if n not in REPORTS], id="rep: no reports"),
    pytest.param("viewer", [n for n in ALL if n not in WRITES], id="viewer: no writes"),
])
def test_each_role_gets_the_tools_it_may_call(as_user, role, expected):
    body = as_user(f"{role}-1", role).get("/api/ai/tools").get_json()
    assert [tool["name"] for tool in body["tools"]] == expected
    for tool in body["tools"]:
        assert tool["description"] and tool["parameters"]["type"] == "object"
        assert "$ref" not in str(tool["parameters"]) and "$defs" not in tool["parameters"]
    assert {r["uri_template"] for r in body["resources"]} == {"crm://customers/{customer_id}",
                                                              "crm://deals/{deal_id}"}


def test_the_list_and_the_mcp_server_agree(as_user, token_for, mcp_url):
    for role in ("admin", "rep", "viewer"):
        listed = as_user(f"{role}-2", role).get("/ai/tools").get_json()["tools"]

        async def mcp_tools(role: str = role) -> list:
            headers = {"Authorization": f"Bearer {token_for(f'{role}-2', role)}"}
            async with http_client(mcp_url, headers) as client:
                return (await client.list_tools()).tools

        served = anyio.run(mcp_tools)
        assert [(t["name"], t["title"], t["description"], t["parameters"], t["read_only"]) for t in listed] == [
            (t.name, t.title, t.description, t.input_schema, t.annotations.read_only_hint) for t in served]


def test_a_required_argument_is_marked_so(client):
    tools = {tool["name"]: tool for tool in client.get("/api/ai/tools").get_json()["tools"]}
    lost = tools["mark_deal_lost"]["parameters"]
    assert lost["required"] == ["deal_id", "reason"] and lost["additionalProperties"] is False
    assert tools["mark_deal_lost"]["access"] == "write" and tools["mark_deal_lost"]["read_only"] is False
    assert tools["get_forecast"]["access"] == "reports" and "required" not in tools["get_forecast"]["parameters"]


@pytest.mark.parametrize("prefix", ["/api", ""], ids=["/api", "bare"])
def test_ai_context_is_the_customer_summary(client, prefix):
    customer = create_customer(client, name="Context Co")
    alias = client.get(f"{prefix}/customers/{customer['id']}/ai-context")
    summary = client.get(f"/api/crm/customers/{customer['id']}/summary")
    assert alias.status_code == 200 and alias.get_json() == summary.get_json()
    assert "Context Co" in alias.get_json()["text"]


def test_ai_context_follows_ownership(client, as_user):
    other = create_customer(client, owner_id="rep-2")
    assert_error(as_user("rep-1", "rep").get(f"/api/customers/{other['id']}/ai-context"), 404, "NOT_FOUND")
    assert_error(client.get("/api/customers/missing/ai-context"), 404, "NOT_FOUND")
