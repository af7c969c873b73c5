"""The HTTP face of the service: routing, parsing, identity, error responses and the OpenAPI document.

Importing this package costs nothing: the app, its operations and their models are imported when the first request
arrives (or an app is created), so a new function instance starts as fast as a bare function."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import flask

    from crm.settings import Settings


def handle_request(req: flask.Request) -> flask.Response:
    """Serve one request handed over by Cloud Functions; see ``crm.http.app.handle_request``."""
    from crm.http.app import handle_request as handle

    return handle(req)


def create_app(settings: Settings) -> flask.Flask:
    """The Flask app serving every operation; see ``crm.http.app.create_app``."""
    from crm.http.app import create_app as create

    return create(settings)


__all__ = ["create_app", "handle_request"]
