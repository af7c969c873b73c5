"""Endpoints about the service itself: health, the OpenAPI document and a page that renders it."""

from __future__ import annotations

from flask import Response, jsonify, request

from crm.http import docs as documentation
from crm.http.openapi import openapi_document
from crm.http.routing import api

TAG = "service"


@api.route("/health", "GET", summary="Liveness check", tag=TAG, public=True)
def health() -> Response:
    return jsonify({"status": "ok"})


@api.route("/openapi.json", "GET", summary="This OpenAPI document", tag=TAG, public=True)
def openapi_json() -> Response:
    return jsonify(openapi_document(api, "/api"))


@api.route("/docs", "GET", summary="Interactive API documentation", tag=TAG, public=True)
def docs() -> Response:
    return documentation.page(request.path.rstrip("/").removesuffix("/docs"))
