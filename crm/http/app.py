"""The Flask app behind the `api` function: routes under /api and bare (as a direct function URL delivers them)."""

from __future__ import annotations

import functools
import io
import logging

import flask
from flask import Flask, g, request

from crm.domain import access
from crm.errors import NotFoundError, UnauthenticatedError
from crm.http import docs
from crm.http.cors import allow_listed_origins
from crm.http.credentials import credential_from
from crm.http.dependencies import Dependencies, deps
from crm.http.errors import register_error_handlers
from crm.http.idempotency import idempotent
from crm.http.rate_limits import client_address
from crm.http.routing import Handler, Operation, api, path_shape
from crm.http.security_headers import add_security_headers
from crm.identity import Caller
from crm.settings import Settings, get_settings

PREFIXES = {"api": "/api", "bare": ""}


def create_app(settings: Settings) -> Flask:
    app = Flask("crm")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["crm"] = Dependencies(settings)
    for name, prefix in PREFIXES.items():
        app.register_blueprint(api.blueprint(name, wrap=_with_idempotency), url_prefix=prefix or None)
    for prefix in PREFIXES.values():
        app.register_blueprint(docs.assets, url_prefix=prefix or None, name=f"docs_assets{prefix.replace('/', '_')}")
    register_error_handlers(app)
    app.after_request(add_security_headers)
    allow_listed_origins(app, settings)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.before_request(_authenticate)
    app.before_request(_refuse_impossible_path_parameters)
    return app


def _with_idempotency(operation: Operation) -> Handler:
    return idempotent(operation.handler) if operation.method == "POST" and not operation.public else operation.handler


def _refuse_impossible_path_parameters() -> None:
    """A path parameter of a shape nothing can have (an id like "..", a 200-character uid) is simply not found."""
    for name, value in (request.view_args or {}).items():
        shape = path_shape(name)
        if shape is not None and not shape.matches(value):
            raise NotFoundError(f"nothing has the {name} {value[:130]!r}",
                                [{"field": name, "message": shape.description, "type": "path"}])


def _authenticate() -> None:
    endpoint = (request.endpoint or "").rpartition(".")[2]
    operation = api.find(endpoint)
    if operation is None or operation.access is None or request.method == "OPTIONS":
        return  # a preflight carries no credentials; it is answered with what the origin may send
    caller = _caller_within_limits()
    access.require(caller, operation.access)
    g.caller = caller


def _caller_within_limits() -> Caller:
    """The request's caller; refused before its credential is checked once its address has failed too often, and
    after, once the caller has spent its budget of requests."""
    limits = deps().rate_limits
    address = client_address(request, deps().settings.proxy_hops)
    limits.check_failures(address)
    try:
        caller = deps().authenticator.authenticate(credential_from(request.headers))
    except UnauthenticatedError:
        limits.record_failure(address)
        raise
    limits.take(caller.uid)
    return caller


@functools.cache
def _default_app() -> Flask:
    logging.basicConfig(level=logging.INFO)
    return create_app(get_settings())


def handle_request(req: flask.Request) -> flask.Response:
    """Serve one request handed over by Cloud Functions (functions-framework or firebase-functions).

    The body is read once and handed on, so the outer framework can still read its own request afterwards.
    """
    app = _default_app()
    environ = {**req.environ, "wsgi.input": io.BytesIO(req.get_data(cache=True))}
    with app.request_context(environ):
        return app.full_dispatch_request()
