"""Tools and resources for AI assistants, declared once over the use cases: the MCP server and the JSON-schema tool
list (GET /ai/tools) are both made from ``CATALOG``. A new tool is one more ``AssistantTool`` in a ``TOOLS`` list
below (a people search, for example, next to ``search_customers``)."""

from crm.services.assistants import activity_tools, customer_tools, deal_tools
from crm.services.assistants.catalog import (
    AssistantResource,
    AssistantTool,
    Catalog,
    Change,
    ToolArguments,
    ToolBackend,
    ToolResult,
)
from crm.services.assistants.resources import RESOURCES

CATALOG = Catalog(
    [*customer_tools.TOOLS, *activity_tools.TOOLS, *deal_tools.TOOLS],
    RESOURCES,
)

__all__ = ["CATALOG", "AssistantResource", "AssistantTool", "Catalog", "Change", "ToolArguments", "ToolBackend",
           "ToolResult"]
