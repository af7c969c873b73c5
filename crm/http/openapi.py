"""The OpenAPI 3.1 document, generated from the operation registry and its pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from crm.domain.access import ROLES_WITH
from crm.http.routing import Operation, OperationRegistry, path_shape
from crm.identity import Role

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
    412: "The record changed since the version named in If-Match",
    413: "Body too large",
    415: "Body not sent as application/json",
    422: "Body failed validation",
    429: "Too many requests from this caller (or failed authentications from this address); retry after the "
         "Retry-After delay",
    503: "Database unavailable; retry after the Retry-After delay",
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Makes the request safe to retry: a repeat within 24 hours gets the first response",
    "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,255}$"},
}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": "The version (ETag) the change applies to; 412 if the record has changed since",
    "schema": {"type": "string"},
}
VERSIONED_TAGS = frozenset({"customers", "deals", "orders", "activities", "pipelines", "webhooks", "lead sources",
                           "views"})
RETRY_AFTER = {"description": "Seconds to wait before retrying", "required": True, "schema": {"type": "integer"}}
SECURITY_SCHEMES = {
    "firebaseIdToken": {"type": "http", "scheme": "bearer", "bearerFormat": "Firebase ID token"},
    "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
}


def openapi_document(registry: OperationRegistry, base_path: str) -> dict[str, Any]:
    models = _models(registry.operations)
    refs, schemas = models_json_schema(models, ref_template="#/components/schemas/{model}")
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


def _models(operations: list[Operation]) -> list[tuple[type[BaseModel], JsonSchemaMode]]:
    found: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {}
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
    if op.access is not None:
        roles = ", ".join(sorted(role.value for role in ROLES_WITH[op.access]))
        own = "; a rep only reaches the records they own" if Role.REP in ROLES_WITH[op.access] else ""
        spec["description"] = f"Needs {op.access.value} access (roles: {roles}){own}."
        spec["x-access"] = op.access.value
    parameters = [_path_parameter(name) for name in op.path_parameters]
    if op.query:
        schema = schemas[refs[(op.query, "validation")]["$ref"].rsplit("/", 1)[1]]
        required = set(schema.get("required", []))
        for name, prop in schema["properties"].items():
            if name in op.path_parameters:
                continue  # the path gives it; a nested list ignores the query parameter
            param = {"name": name, "in": "query", "required": name in required, "schema": prop}
            if "description" in prop:
                param["description"] = prop["description"]
            parameters.append(param)
    if _idempotent(op):
        parameters.append(IDEMPOTENCY_KEY)
    if _versioned(op):
        parameters.append(IF_MATCH)
    if parameters:
        spec["parameters"] = parameters
    if op.body:
        content = {"application/json": {"schema": refs[(op.body, "validation")]}}
        spec["requestBody"] = {"required": True, "content": content}
    success: dict[str, Any] = {"description": "Success"}
    if op.response:
        success["content"] = {"application/json": {"schema": refs[(op.response, "serialization")]}}
    responses: dict[str, Any] = {str(op.status): success}
    responses |= {str(status): {"description": description} for status, description in op.other_answers}
    statuses = set(op.errors) | _implied_statuses(op)
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for status in sorted(statuses):
        responses[str(status)] = {"description": ERROR_DESCRIPTIONS[status], "content": error_content}
    for status in {429, 503} & statuses:
        responses[str(status)]["headers"] = {"Retry-After": RETRY_AFTER}
    spec["responses"] = responses
    if op.public:
        spec["security"] = []
    return spec


def _path_parameter(name: str) -> dict[str, Any]:
    shape = path_shape(name)
    schema: dict[str, Any] = {"type": "string"}
    if shape is not None:
        schema |= {"pattern": shape.pattern, "maxLength": shape.max_length}
    return {"name": name, "in": "path", "required": True, "schema": schema,
            "description": shape.description if shape else name}


def _idempotent(op: Operation) -> bool:
    return op.method == "POST" and not op.public


def _implied_statuses(op: Operation) -> set[int]:
    """The errors an operation can answer by its shape alone, whatever its handler declares."""
    statuses = set()
    if not op.public:
        statuses |= {401, 403, 429, 503}
    if op.query:
        statuses.add(400)
    if op.path_parameters:
        statuses.add(404)
    if op.body:
        statuses |= {400, 413, 415, 422}  # malformed or empty JSON, too large, not JSON, invalid
    if _idempotent(op):
        statuses |= {400, 409, 422}  # malformed key, same key still running, same key for another request
    if _versioned(op):
        statuses |= {400, 412}  # malformed If-Match, changed since
    return statuses


def _versioned(op: Operation) -> bool:
    """Changes of a single record, which take If-Match (so do the transitions that declare a 412)."""
    changes = op.method in {"PUT", "PATCH", "DELETE"} or (op.method == "POST" and 412 in op.errors)
    return changes and op.tag in VERSIONED_TAGS and bool(op.path_parameters)
