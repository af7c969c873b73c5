"""The HTTP face of the service: routing, parsing, identity, error responses and the OpenAPI document.

Importing this package costs nothing: the app, its operations and their models are imported when the first request
arrives (or an app is created), so a new function instance starts as fast as a bare function."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import flask

    from crm.settings import Settings


def handle_request(req: flask.Request) -> flask.Response:
    """Serve one request handed over by Cloud Functions; see ``crm.http.app.handle_request``. A tracked link's
    redirect (``/r/{code}``) is answered without building the app, as the programme's hottest path."""
    if req.path.startswith("/r/"):
        return handle_redirect(req)
    from crm.http.app import handle_request as handle

    return handle(req)


def handle_redirect(req: flask.Request) -> flask.Response:
    """Serve a tracked link's ``/r/{code}`` (the ``redirect`` function's only path; anything else is a 404)."""
    from crm.http.partners.redirect import redirect_response
    from crm.settings import get_settings

    return redirect_response(req, get_settings())


def create_app(settings: Settings) -> flask.Flask:
    """The Flask app serving every operation; see ``crm.http.app.create_app``."""
    from crm.http.app import create_app as create

    return create(settings)


__all__ = ["create_app", "handle_redirect", "handle_request"]
