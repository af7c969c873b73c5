"""Every assistant tool called once, in the order a sales conversation would use them, and the resources read; run
over each MCP transport by the tests (and timed by the MCP benchmark)."""

from __future__ import annotations

from typing import Any

from mcp import Client

from crm.services.assistants import CATALOG
from tests.utils.mcp_clients import structured


async def every_tool(client: Client, word: str, owner: str) -> dict[str, Any]:
    """Call each tool of the catalog as a manager (or admin) whose uid is ``owner``; returns the records made."""
    called: set[str] = set()

    async def call(tool: str, /, **arguments: Any) -> dict[str, Any]:
        called.add(tool)
        return structured(await client.call_tool(tool, arguments))

    made = await call("create_customer", name=f"Ada {word}", organization=f"{word} Labs", email=f"ada@{word}.example",
                      phone="+30 210 555 0101", tags=["VIP"], city="Athens", note="Met at the fair")
    customer = made["customer"]
    assert made["changed"]["record"] == "customer" and made["changed"]["id"] == customer["id"]
    assert f"'Ada {word}'" in made["changed"]["summary"] and customer["tags"] == ["vip"]
    assert customer["location"]["city"] == "Athens" and customer["owner_id"] == owner

    found = await call("search_customers", search=f"{word} ada")
    assert [c["id"] for c in found["results"]] == [customer["id"]] and found["results"][0]["match"]

    noted = await call("add_customer_note", customer_id=customer["id"], text="Asked for a quote")
    assert [n["text"] for n in noted["customer"]["notes"]] == ["Met at the fair", "Asked for a quote"]

    stages = (await call("list_pipelines"))["results"][0]["stages"]
    assert [s["id"] for s in stages][:2] == ["lead", "qualified"]

    deal = (await call("create_deal", customer_id=customer["id"], title="20 licences", value="1200.00",
                       expected_close_date="2030-03-31"))["deal"]
    assert (deal["stage"], deal["value"], deal["currency"]) == ("lead", "1200.00", "EUR")
    moved = await call("move_deal", deal_id=deal["id"], stage="qualified")
    assert moved["deal"]["stage"] == "qualified" and "from stage lead to qualified" in moved["changed"]["summary"]
    other = (await call("create_deal", customer_id=customer["id"], title="Support plan", value="300"))["deal"]
    lost = await call("mark_deal_lost", deal_id=other["id"], reason="Chose a competitor")
    assert (lost["deal"]["status"], lost["deal"]["lost_reason"]) == ("lost", "Chose a competitor")
    won = await call("mark_deal_won", deal_id=deal["id"])
    assert won["deal"]["status"] == "won" and "won" in won["changed"]["summary"]

    activity = (await call("log_activity", type="call", subject="Follow up on the quote", customer_id=customer["id"],
                           due_at="2020-01-02T09:00:00+02:00"))["activity"]
    assert activity["status"] == "scheduled" and activity["due_at"].startswith("2020-01-02T07:00:00")
    overdue = await call("list_my_overdue_activities")
    assert [a["id"] for a in overdue["results"]] == [activity["id"]]
    done = await call("complete_activity", activity_id=activity["id"])
    assert done["activity"]["status"] == "completed" and done["changed"]["summary"].startswith("Completed call")

    summary = await call("get_customer_summary", customer_id=customer["id"])
    assert summary["customer"]["lifetime_value"] == "1200.00" and summary["customer"]["status"] == "customer"
    assert "No open deals." in summary["text"] and summary["latest_notes"][0]["text"] == "Asked for a quote"
    timeline = await call("get_customer_timeline", customer_id=customer["id"], entity="deal")
    assert {e["entity_id"] for e in timeline["results"]} == {deal["id"], other["id"]}

    pipeline = await call("get_pipeline_summary")
    by_stage = {s["id"]: s["count"] for s in pipeline["stages"]}
    assert (by_stage["closed_won"], by_stage["closed_lost"]) == (1, 1)
    forecast = await call("get_forecast", from_month="2030-01", to_month="2030-06")
    assert forecast["won_count"] == 1 and forecast["closed_revenue"]["total"] == "1200.00"

    assert called == {tool.name for tool in CATALOG.tools}, "a tool of the catalog was not called"

    read = await client.read_resource(f"crm://customers/{customer['id']}")
    assert read.contents[0].mime_type == "application/json" and f"Ada {word}" in read.contents[0].text
    read = await client.read_resource(f"crm://deals/{deal['id']}")
    assert '"status": "won"' in read.contents[0].text
    return {"customer": customer, "deal": deal}
