"""Tool arguments as the JSON Schema assistants read best: self-contained (no $ref), optional fields plain rather
than "X or null", no generated titles, descriptions kept."""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema


class _AssistantJsonSchema(GenerateJsonSchema):
    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        generated = super().default_schema(schema)
        if generated.get("default", ...) is None:
            del generated["default"]  # an absent optional argument is simply left out
        return generated


def assistant_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of ``model``'s input, every $ref inlined: made once per model (it takes milliseconds), a
    fresh copy for each caller."""
    loaded: dict[str, Any] = json.loads(_schema_text(model))
    return loaded


@functools.cache
def _schema_text(model: type[BaseModel]) -> str:
    generated = model.model_json_schema(schema_generator=_AssistantJsonSchema, mode="validation")
    definitions = generated.pop("$defs", {})
    generated.pop("title", None)
    return json.dumps(_inline(generated, definitions))


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            target = dict(definitions[node["$ref"].rsplit("/", 1)[1]])
            target.pop("title", None)
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            return _inline(merged, definitions)
        return {key: _inline(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    return node
