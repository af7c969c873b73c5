"""Cross-origin calls from browsers: preflights answered and CORS headers added for the origins listed in the
settings (none by default), by flask-cors, with exact origin matching. Credentials travel in the Authorization or
X-API-Key header, never in cookies, so Access-Control-Allow-Credentials is never sent, and an unlisted origin gets
no CORS header at all: its page cannot read any answer."""

from __future__ import annotations

from flask import Flask

from crm.settings import Settings

REQUEST_HEADERS = ["Authorization", "Content-Type", "X-API-Key", "Idempotency-Key", "If-Match"]
EXPOSED_HEADERS = ["ETag", "Location", "Retry-After", "Idempotent-Replayed"]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
PREFLIGHT_CACHE_SECONDS = 600


def allow_listed_origins(app: Flask, settings: Settings) -> None:
    if not settings.cors_origins:
        return
    from flask_cors import CORS  # only an app that allows other origins pays for the import

    CORS(app, origins=list(settings.cors_origins), methods=METHODS, allow_headers=REQUEST_HEADERS,
         expose_headers=EXPOSED_HEADERS, supports_credentials=False, max_age=PREFLIGHT_CACHE_SECONDS,
         vary_header=True)
