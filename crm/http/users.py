"""The users' directory over HTTP: who can sign in, by name, for showing and choosing owners."""

from __future__ import annotations

from flask import Response

from crm import identity
from crm.domain.access import Access
from crm.http.dependencies import deps
from crm.http.parsing import parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.identity import UserListParams, UsersPage


@api.route("/crm/users", "GET", summary="The users' directory: uid, name, email and role, by name", tag="identity",
           access=Access.READ, query=UserListParams, response=UsersPage, errors=(400,))
def list_users() -> Response:
    return json_response(identity.list_users(deps().user_directory, parse_query(UserListParams)))
