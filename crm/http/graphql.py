"""HTTP handlers of the GraphQL API: POST /graphql runs a document for the authenticated caller (the same caller,
rate limit and Idempotency-Key handling as every POST), and GET /graphql serves GraphiQL in local mode only.
Strawberry is imported on the first GraphQL request, so the function's cold start does not pay for it."""

from __future__ import annotations

import json
from typing import Any

from flask import Response
from pydantic import ConfigDict, Field

from crm.domain.access import Access
from crm.domain.model import Model
from crm.errors import NotFoundError
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_body
from crm.http.routing import api

TAG = "graphql"
MAX_DOCUMENT_LENGTH = 20_000
GRAPHIQL_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline' https://unpkg.com; style-src 'self' "
                "'unsafe-inline' https://unpkg.com; img-src 'self' data:; font-src https://unpkg.com; connect-src "
                "'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


class GraphQLRequest(Model):
    """A GraphQL request (GraphQL over HTTP, JSON encoding)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    query: str = Field(min_length=1, max_length=MAX_DOCUMENT_LENGTH, description="The GraphQL document")
    variables: dict[str, Any] | None = None
    operation_name: str | None = Field(None, alias="operationName", max_length=200,
                                       description="Which operation of the document to run")
    extensions: dict[str, Any] | None = Field(None, description="Accepted and ignored")


class GraphQLResponse(Model):
    data: dict[str, Any] | None = Field(None, description="Left out when the document could not run at all")
    errors: list[dict[str, Any]] | None = Field(None, description="Each with message, locations, path and "
                                                                  "extensions {code, status, details}: the codes "
                                                                  "of the REST API's errors")


@api.route("/graphql", "POST", summary="The GraphQL API: customers, deals, pipelines, forecast and dashboard; "
           "mutations of customers, notes, deals and activities", tag=TAG, access=Access.READ, body=GraphQLRequest,
           response=GraphQLResponse, errors=(422,))
def graphql_request() -> Response:
    request = parse_body(GraphQLRequest)
    from crm.graphql.context import Context  # Strawberry loads only when a GraphQL request comes
    from crm.graphql.schema import run

    d = deps()
    body = run(Context(d, caller()), request.query, request.variables, request.operation_name,
               introspection=d.settings.local_mode)
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")


@api.route("/graphql", "GET", summary="GraphiQL, to try the GraphQL API in a browser (local mode only; 404 "
           "otherwise)", tag=TAG, public=True, errors=(404,))
def graphiql_page() -> Response:
    if not deps().settings.local_mode:
        raise NotFoundError("no such endpoint")
    from strawberry.http.ides import get_graphql_ide_html

    response = Response(get_graphql_ide_html("graphiql"), mimetype="text/html")
    response.headers["Content-Security-Policy"] = GRAPHIQL_CSP
    return response
