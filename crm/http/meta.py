"""Endpoints about the service itself: health, the OpenAPI document and a page that renders it."""

from __future__ import annotations

from flask import Response, jsonify, request

from crm.http.openapi import openapi_document
from crm.http.routing import api

TAG = "service"
DOCS_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>CRM API</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "%s", dom_id: "#docs"});</script>
</body></html>"""


@api.route("/health", "GET", summary="Liveness check", tag=TAG, public=True)
def health() -> Response:
    return jsonify({"status": "ok"})


@api.route("/openapi.json", "GET", summary="This OpenAPI document", tag=TAG, public=True)
def openapi_json() -> Response:
    return jsonify(openapi_document(api, "/api"))


@api.route("/docs", "GET", summary="Interactive API documentation", tag=TAG, public=True)
def docs() -> Response:
    spec_url = request.path.rstrip("/").removesuffix("/docs") + "/openapi.json"
    return Response(DOCS_PAGE % spec_url, mimetype="text/html")
