"""The assistant tools' declarations: names and schemas assistant APIs accept, access by role, resource URIs."""

from __future__ import annotations

import json
import re

import pytest

from crm.domain.access import Access
from crm.identity import Caller, Role
from crm.services.assistants import CATALOG, AssistantTool, Catalog, ToolResult
from crm.services.assistants.customer_tools import CustomerSearch

TOOLS = [pytest.param(tool, id=tool.name) for tool in CATALOG.tools]


@pytest.mark.parametrize("tool", TOOLS)
def test_a_tool_reads_well_to_an_assistant(tool: AssistantTool):
    assert re.fullmatch(r"[a-z][a-z_]{2,63}", tool.name)
    assert tool.title and len(tool.description) > 40 and tool.description.endswith(".")
    schema = tool.input_schema()
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert not _keywords(schema) & {"$ref", "$defs", "title"} and '"null"' not in json.dumps(schema)
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{tool.name}.{name} has no description"


def _keywords(schema: object) -> set[str]:
    """Every JSON Schema keyword used, at any depth (property names are not keywords)."""
    if isinstance(schema, list):
        return set().union(*(_keywords(item) for item in schema))
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        found |= set().union(*(_keywords(v) for v in value.values())) if key == "properties" else _keywords(value)
    return found


def test_names_are_unique():
    with pytest.raises(ValueError, match="unique"):
        Catalog([CATALOG.tools[0], CATALOG.tools[0]], [])


@pytest.mark.parametrize(("role", "absent"), [
    (Role.ADMIN, set()),
    (Role.MANAGER, set()),
    (Role.REP, {"get_pipeline_summary", "get_forecast"}),
    (Role.VIEWER, {t.name for t in CATALOG.tools if t.access is Access.WRITE}),
    (None, {t.name for t in CATALOG.tools}),
])
def test_each_role_gets_only_what_it_may_call(role, absent):
    names = [d["name"] for d in CATALOG.function_definitions(role)]
    assert names == [t.name for t in CATALOG.tools if t.name not in absent]


def test_every_write_is_marked_so():
    writes = {t.name for t in CATALOG.tools if not t.read_only}
    assert writes == {"create_customer", "add_customer_note", "log_activity", "complete_activity", "create_deal",
                      "move_deal", "mark_deal_won", "mark_deal_lost"}


@pytest.mark.parametrize(("uri", "found"), [
    ("crm://customers/abc-1", ("customer", "abc-1")),
    ("crm://deals/D_9", ("deal", "D_9")),
    ("crm://customers/", None),
    ("crm://customers/a/b", None),
    ("crm://customers/..", None),
    ("crm://orders/abc", None),
    ("https://customers/abc", None),
])
def test_resource_uris(uri, found):
    match = CATALOG.resource_for(uri)
    assert (None if match is None else (match[0].name, match[1])) == found


def test_a_new_tool_is_one_declaration():
    def search_people(backend, caller: Caller, args: CustomerSearch) -> ToolResult:
        return ToolResult({"results": []})

    people = AssistantTool("search_people", "Search people", "Find the people who work at customers, by name.",
                           CustomerSearch, Access.READ, search_people)
    catalog = Catalog([*CATALOG.tools, people], CATALOG.resources)
    assert catalog.function_definitions(Role.VIEWER)[-1]["name"] == "search_people"
    assert catalog.tool("search_people") is people
