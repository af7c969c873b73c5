"""The OpenAPI 3.1 document, generated from the operation registry and its pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from crm.http.routing import Operation, OperationRegistry

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "array", "items": {"type": "object"}},
            },
        }
    },
}
ERROR_DESCRIPTIONS = {
    400: "Bad request parameters",
    401: "No valid credentials",
    403: "Not allowed for this caller",
    404: "Not found",
    409: "Conflicts with the current state",
    413: "Body too large",
    422: "Body failed validation",
    503: "Database unavailable; retry after the Retry-After delay",
}
SECURITY_SCHEMES = {
    "firebaseIdToken": {"type": "http", "scheme": "bearer", "bearerFormat": "Firebase ID token"},
    "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
}


def openapi_document(registry: OperationRegistry, base_path: str) -> dict[str, Any]:
    models = _models(registry.operations)
    refs, schemas = models_json_schema(
        [(model, mode) for model, mode in models], ref_template="#/components/schemas/{model}"
    )
    schemas = schemas.get("$defs", {})
    schemas["Error"] = ERROR_SCHEMA
    paths: dict[str, dict[str, Any]] = {}
    for op in registry.operations:
        paths.setdefault(base_path + op.openapi_path, {})[op.method.lower()] = _operation(op, refs, schemas)
    return {
        "openapi": "3.1.0",
        "info": {"title": "CRM API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": SECURITY_SCHEMES},
        "security": [{"firebaseIdToken": []}, {"apiKey": []}],
    }


def _models(operations: list[Operation]) -> list[tuple[type[BaseModel], str]]:
    found: dict[tuple[type[BaseModel], str], None] = {}
    for op in operations:
        if op.body:
            found[(op.body, "validation")] = None
        if op.query:
            found[(op.query, "validation")] = None
        if op.response:
            found[(op.response, "serialization")] = None
    return list(found)


def _operation(op: Operation, refs: dict[Any, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = {"summary": op.summary, "operationId": op.endpoint, "tags": [op.tag]}
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in op.path_parameters
    ]
    if op.query:
        schema = schemas[refs[(op.query, "validation")]["$ref"].rsplit("/", 1)[1]]
        required = set(schema.get("required", []))
        for name, prop in schema["properties"].items():
            param = {"name": name, "in": "query", "required": name in required, "schema": prop}
            if "description" in prop:
                param["description"] = prop["description"]
            parameters.append(param)
    if parameters:
        spec["parameters"] = parameters
    if op.body:
        content = {"application/json": {"schema": refs[(op.body, "validation")]}}
        spec["requestBody"] = {"required": True, "content": content}
    success: dict[str, Any] = {"description": "Success"}
    if op.response:
        success["content"] = {"application/json": {"schema": refs[(op.response, "serialization")]}}
    responses: dict[str, Any] = {str(op.status): success}
    statuses = set(op.errors) | ({400} if op.query else set()) | ({401, 503} if not op.public else set())
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for status in sorted(statuses):
        responses[str(status)] = {"description": ERROR_DESCRIPTIONS[status], "content": error_content}
    spec["responses"] = responses
    if op.public:
        spec["security"] = []
    return spec
