"""HTTP handlers for administration: API keys (created, listed, revoked) and users' roles."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from flask import Response, request
from pydantic import ConfigDict, Field, StringConstraints

from crm import identity
from crm.domain.access import Access
from crm.domain.model import Model
from crm.errors import InvalidArgumentError
from crm.http.dependencies import caller, deps
from crm.http.idempotency import HEADER
from crm.http.parsing import parse_body
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.identity import ApiKeyName, Role

TAG = "admin"
KEYS = "/crm/admin/api-keys"
Uid = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class ApiKeyCreate(Model):
    model_config = ConfigDict(extra="forbid")

    name: ApiKeyName
    role: Role = Role.REP


class ApiKeyPublic(Model):
    """An API key as listed: never its secret or its hash."""

    prefix: str
    name: str
    role: Role
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None


class ApiKeyCreated(ApiKeyPublic):
    secret: str = Field(description="The key to send as X-API-Key; shown only in this response")


class ApiKeysPage(Model):
    results: list[ApiKeyPublic]
    total: int


class RoleChange(Model):
    model_config = ConfigDict(extra="forbid")

    role: Role


class UserRole(Model):
    uid: Uid
    role: Role


@api.route(KEYS, "POST", summary="Create an API key; its secret is shown once", tag=TAG, access=Access.ADMIN,
           body=ApiKeyCreate, response=ApiKeyCreated, status=201, errors=(413, 422))
def create_api_key() -> Response:
    if HEADER in request.headers:
        # a replay would serve the secret from the stored response: secrets are never stored
        raise InvalidArgumentError(f"{HEADER} is not taken here: the response holds a secret that is never stored",
                                   [{"field": HEADER, "message": "not accepted on this endpoint"}])
    data = parse_body(ApiKeyCreate)
    secret, key = identity.create_api_key(deps().api_keys, data.name, data.role, caller().uid)
    return json_response(ApiKeyCreated(**key.model_dump(exclude={"key_hash"}), secret=secret), 201)


@api.route(KEYS, "GET", summary="List API keys, revoked ones included", tag=TAG, access=Access.ADMIN,
           response=ApiKeysPage)
def list_api_keys() -> Response:
    keys = [ApiKeyPublic(**key.model_dump(exclude={"key_hash"})) for key in identity.list_api_keys(deps().api_keys)]
    return json_response(ApiKeysPage(results=keys, total=len(keys)))


@api.route(f"{KEYS}/<prefix>", "DELETE", summary="Revoke an API key (within the key cache time)", tag=TAG,
           access=Access.ADMIN, status=204, errors=(404,))
def revoke_api_key(prefix: str) -> Response:
    identity.revoke_api_key(deps().api_keys, prefix)
    return no_content()


@api.route("/crm/admin/users/<uid>/role", "PUT", summary="Set a user's role (takes effect on their next token)",
           tag=TAG, access=Access.ADMIN, body=RoleChange, response=UserRole, errors=(404, 413, 422))
def set_user_role(uid: str) -> Response:
    role = identity.set_user_role(deps().user_roles, uid, parse_body(RoleChange).role)
    return json_response(UserRole(uid=uid, role=role))
