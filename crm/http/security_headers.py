"""Headers every response carries: no MIME sniffing, no caching of API answers, and a Content-Security-Policy that
lets a JSON answer run nothing and be framed nowhere (pages that need more, the API docs, set their own)."""

from __future__ import annotations

from flask import Response

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def add_security_headers(response: Response) -> Response:
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("Content-Security-Policy", API_CSP)
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response
