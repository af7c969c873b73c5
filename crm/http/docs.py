"""The interactive API documentation: Swagger UI served from the swagger-ui-py package on this origin (no CDN), under
a Content-Security-Policy that lets the page run only those same-origin scripts and styles.

The package is found on first use, never imported: its files are read from its folder, so serving the API costs
nothing at cold start and nothing of the package runs.
"""

from __future__ import annotations

import functools
import html
import importlib.util
from pathlib import Path

from flask import Blueprint, Response

from crm.errors import NotFoundError

DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
}
INIT_SCRIPT = """window.ui = SwaggerUIBundle({url: document.currentScript.dataset.spec, dom_id: "#docs"});\n"""
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>CRM API</title>
<link rel="stylesheet" href="{base}/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="{base}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{base}/docs/assets/init.js" data-spec="{base}/openapi.json"></script>
</body></html>"""
ASSET_CACHE_SECONDS = 3600

assets = Blueprint("docs_assets", __name__)


def page(base: str) -> Response:
    """The documentation page, for the API served under ``base`` ("/api", or "" on a direct function URL)."""
    response = Response(PAGE.format(base=html.escape(base)), mimetype="text/html")
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response


@assets.route("/docs/assets/<name>", methods=["GET"])
def asset(name: str) -> Response:
    if name == "init.js":
        body, mimetype = INIT_SCRIPT.encode(), "text/javascript"
    elif name in ASSETS:
        body, mimetype = _read(name), ASSETS[name]
    else:
        raise NotFoundError(f"no documentation asset {name[:100]!r}")
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = f"public, max-age={ASSET_CACHE_SECONDS}"
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response


@functools.cache
def _read(name: str) -> bytes:
    return (_static_folder() / name).read_bytes()


def _static_folder() -> Path:
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise LookupError("the swagger-ui-py package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "static"
