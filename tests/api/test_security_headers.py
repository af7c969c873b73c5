"""Headers that protect browsers: no MIME sniffing and no caching of API answers, a Content-Security-Policy on every
response, and API docs whose Swagger UI comes from this origin (a Python package), not a CDN."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.api.helpers import CUSTOMERS

SAME_ORIGIN_ONLY = re.compile(r"""(?:src|href)="(?!/)""")


@pytest.mark.parametrize(("who", "path", "status"), [
    pytest.param("client", CUSTOMERS, 200, id="a list"),
    pytest.param("anonymous", CUSTOMERS, 401, id="an error"),
    pytest.param("anonymous", "/api/crm/nothing-here", 404, id="no such endpoint"),
    pytest.param("anonymous", "/api/health", 200, id="health"),
    pytest.param("anonymous", "/api/openapi.json", 200, id="the OpenAPI document"),
])
def test_api_answers_are_not_sniffed_cached_or_framed(request, who, path, status):
    response = request.getfixturevalue(who).get(path)
    assert response.status_code == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("base", ["/api", ""])
def test_the_docs_page_loads_only_same_origin_assets_under_a_strict_policy(anonymous, base):
    response = anonymous.get(f"{base}/docs")
    page = response.get_data(as_text=True)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    assert "http" not in policy and "cdn" not in page
    assert not SAME_ORIGIN_ONLY.search(page), page
    assert re.findall(r"<script>", page) == []  # no inline script: each one is a same-origin file
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert len(assets) == 3 and all(a.startswith(f"{base}/docs/assets/") for a in assets)
    for url in assets:
        served = anonymous.get(url)
        assert served.status_code == 200, url
        assert served.mimetype in ("text/css", "text/javascript") and served.headers["X-Content-Type-Options"]
        assert len(served.data) > 50
    assert f'data-spec="{base}/openapi.json"' in page


def test_only_the_documentation_assets_are_served(anonymous):
    for name in ["swagger-editor-bundle.js", "..%2F__init__.py", "LICENSE", "index.html"]:
        assert anonymous.get(f"/api/docs/assets/{name}").status_code == 404


def test_the_swagger_ui_package_is_never_imported():
    """Its files are read, not its code: serving the app and its docs imports nothing of it (nor its YAML)."""
    script = """
import os, sys
os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": "127.0.0.1:1", "GOOGLE_CLOUD_PROJECT": "p"})
from crm.http import create_app
from crm.settings import settings_from_env
client = create_app(settings_from_env()).test_client()
assert client.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200
print(sorted(m for m in sys.modules if m.split(".")[0] in ("swagger_ui", "yaml")))
"""
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
