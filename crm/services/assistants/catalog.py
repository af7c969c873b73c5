"""What an assistant may call: tools and resources declared once, each with its arguments, its description, the
access it needs and the use case it runs. The MCP server and the JSON-schema tool list are both made from these
declarations, so the two cannot drift apart."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from crm.domain.access import Access, allows
from crm.domain.model import Model
from crm.identity import Caller, Role
from crm.services.assistants.schema import assistant_schema
from crm.services.deal_reports import DealFigures
from crm.services.ports import ActivityReader, AuditReader, CustomerReader, DealReader, Transactions

A = TypeVar("A", bound=BaseModel)


class ToolArguments(Model):
    """A tool's arguments: unknown names are refused, so a misspelt argument is an error rather than ignored."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class ToolBackend:
    """What the tools' use cases are given: the same readers and unit of work the HTTP handlers hand them."""

    customers: CustomerReader
    deals: DealReader
    activities: ActivityReader
    audit: AuditReader
    transactions: Transactions
    reports: DealFigures
    default_language: str
    default_phone_region: str


@dataclass(frozen=True)
class Change:
    """What a write did: the kind of record, its id, and one line saying what changed."""

    record: str
    id: str
    summary: str


@dataclass(frozen=True)
class ToolResult:
    """A tool's answer as JSON-ready data, and for a write the change it made."""

    data: dict[str, Any]
    change: Change | None = None

    def document(self) -> dict[str, Any]:
        """The answer an assistant gets: for a write, ``changed`` first, then the record."""
        if self.change is None:
            return self.data
        changed = {"record": self.change.record, "id": self.change.id, "summary": self.change.summary}
        return {"changed": changed, **self.data}


def written(record: str, model: BaseModel, summary: str) -> ToolResult:
    """The result of a write: the record as it is now, and what changed."""
    data = model.model_dump(mode="json")
    return ToolResult({record: data}, Change(record, str(data["id"]), summary))


def read(model: BaseModel) -> ToolResult:
    return ToolResult(model.model_dump(mode="json"))


@dataclass(frozen=True)
class AssistantTool(Generic[A]):
    """One tool: ``run`` calls one use case with the validated ``arguments``, on behalf of the caller."""

    name: str
    title: str
    description: str
    arguments: type[A]
    access: Access
    run: Callable[[ToolBackend, Caller, A], ToolResult]

    @property
    def read_only(self) -> bool:
        return self.access is not Access.WRITE

    def input_schema(self) -> dict[str, Any]:
        return assistant_schema(self.arguments)

    def function_definition(self) -> dict[str, Any]:
        """The tool as the common assistant APIs take a function: name, description, JSON-schema parameters."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "parameters": self.input_schema(), "access": self.access.value, "read_only": self.read_only}


@dataclass(frozen=True)
class AssistantResource:
    """A record an assistant may read by URI: ``uri_template`` names its one parameter in braces."""

    uri_template: str
    name: str
    title: str
    description: str
    access: Access
    read: Callable[[ToolBackend, Caller, str], ToolResult]

    def match(self, uri: str) -> str | None:
        """The record id ``uri`` names under this template, or None if it is not one of its URIs."""
        prefix, _, rest = self.uri_template.partition("{")
        suffix = rest.partition("}")[2]
        if not (uri.startswith(prefix) and uri.endswith(suffix)):
            return None
        value = uri[len(prefix):len(uri) - len(suffix)]
        return value if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}", value) else None


class Catalog:
    """The tools and resources, in the order assistants are shown them."""

    def __init__(self, tools: list[AssistantTool[Any]], resources: list[AssistantResource]):
        names = [tool.name for tool in tools]
        if len(set(names)) != len(names):
            raise ValueError(f"tool names must be unique: {names}")
        self.tools = tools
        self.resources = resources
        self._by_name: Mapping[str, AssistantTool[Any]] = {tool.name: tool for tool in tools}

    def tools_for(self, role: Role | None) -> list[AssistantTool[Any]]:
        """The tools a caller of ``role`` may call: a viewer gets no write tools, a rep no reports."""
        return [tool for tool in self.tools if allows(role, tool.access)]

    def resources_for(self, role: Role | None) -> list[AssistantResource]:
        return [resource for resource in self.resources if allows(role, resource.access)]

    def tool(self, name: str) -> AssistantTool[Any] | None:
        return self._by_name.get(name)

    def resource_for(self, uri: str) -> tuple[AssistantResource, str] | None:
        for resource in self.resources:
            record_id = resource.match(uri)
            if record_id is not None:
                return resource, record_id
        return None

    def function_definitions(self, role: Role | None) -> list[dict[str, Any]]:
        return [tool.function_definition() for tool in self.tools_for(role)]
