"""``GET /r/{code}``: a tracked link's redirect, the programme's hottest path. Served by its own function
(``redirect`` in functions/main.py) and straight from the ``api`` function's entry point without building the app
(see crm.http.handle_request), so it imports only Flask, Firestore and the plain-Python rules it needs; the app
serves the same handler under /r/ too (the local console and the tests).

The 302 leaves before the click is written: the click is recorded when the server closes the response (WSGI's
``close``, which gunicorn and Werkzeug call after the last byte is sent, in the same worker thread), so a visitor
waits for no Firestore call, and a graceful shutdown still finishes the write."""

from __future__ import annotations

import functools
import time

from flask import Request, Response

from crm.domain.partners.clicks import Visit, country_from, referrer_host
from crm.http.rate_limits import client_address
from crm.services.partners.clicks import SeenWindows, record, redirect
from crm.settings import Settings
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.partners.click_log import FirestoreClickTracking

PREFIX = "/r/"
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'"}
NOT_FOUND = "This link does not exist or no longer works.\n"


@functools.cache
def _tracking(settings: Settings) -> tuple[FirestoreClickTracking, SeenWindows]:
    names = CollectionNames(settings.collection_prefix)
    return FirestoreClickTracking(firestore_client(settings), names), SeenWindows()


def redirect_response(request: Request, settings: Settings, code: str | None = None) -> Response:
    """302 to the link's destination with the click id, the click recorded once the answer has been sent; 404 for
    a code that names no live link; 405 for anything but GET and HEAD."""
    if request.method not in ("GET", "HEAD"):
        return Response("method not allowed\n", 405, headers={**HEADERS, "Allow": "GET, HEAD"}, mimetype="text/plain")
    if code is None and not request.path.startswith(PREFIX):
        return Response(NOT_FOUND, 404, headers=HEADERS, mimetype="text/plain")
    code = (code if code is not None else request.path[len(PREFIX):]).strip("/")
    tracking, seen = _tracking(settings)
    visit = Visit(code=code, address=client_address(request, settings.proxy_hops) or "", method=request.method,
                  user_agent=request.headers.get("User-Agent"), referrer_host=referrer_host(request.referrer),
                  country=country_from(dict(request.headers)), at=time.time())
    decided = redirect(tracking, seen, visit) if _plausible(code) else None
    if decided is None:
        return Response(NOT_FOUND, 404, headers=HEADERS, mimetype="text/plain")
    response = Response(status=302, headers={**HEADERS, "Location": decided.location})
    response.call_on_close(functools.partial(record, tracking, decided.click))
    return response


def _plausible(code: str) -> bool:
    """A code of a shape no link can have is not looked up (no read for scanners)."""
    return 3 <= len(code) <= 32 and code.replace("-", "").replace("_", "").isalnum() and code.isascii()
