"""The local one-origin server mirrors Hosting: the API under /api, the console's files with index.html as the
fallback, firebase.json's headers (later rules win a key), the CSP widened to the emulators only locally."""

from __future__ import annotations

from pathlib import Path

import pytest
from werkzeug.test import Client

from crm.devstack.console_server import ConsoleApp, firebase_web_config, headers_for, hosting_headers, local_csp
from crm.settings import settings_from_env


@pytest.fixture
def client(tmp_path: Path) -> Client:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>CRM</title>")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)")
    settings = settings_from_env({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": "127.0.0.1:1",
                                  "GOOGLE_CLOUD_PROJECT": "demo-x"})
    config = firebase_web_config("demo-x", "http://127.0.0.1:2", "127.0.0.1:3")
    return Client(ConsoleApp(settings, config, public=tmp_path))


def test_client_routes_fall_back_to_the_console_without_caching(client):
    response = client.get("/customers/abc")
    assert response.status_code == 200
    assert b"<title>CRM</title>" in response.data
    assert response.headers["Cache-Control"] == "no-cache"


def test_hashed_assets_are_cached_for_good_and_missing_ones_are_not_the_console(client):
    asset = client.get("/assets/index-abc123.js")
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset.mimetype in ("text/javascript", "application/javascript")
    assert client.get("/assets/missing.js").status_code == 404


def test_the_api_answers_under_api(client):
    assert client.get("/api/health").json == {"status": "ok"}
    assert client.get("/api/crm/customers").status_code == 401


def test_the_firebase_config_names_the_emulators(client):
    config = client.get("/__/firebase/init.json").json
    assert config["projectId"] == "demo-x"
    assert config["emulators"] == {"auth": "http://127.0.0.1:2", "firestore": {"host": "127.0.0.1", "port": 3}}


def test_the_csp_allows_the_emulators_locally_and_only_there(client):
    local = client.get("/").headers["Content-Security-Policy"]
    assert "connect-src 'self'" in local and "http://127.0.0.1:2" in local and "http://127.0.0.1:3" in local
    deployed = headers_for("/", hosting_headers())["Content-Security-Policy"]
    assert "127.0.0.1" not in deployed
    assert "frame-ancestors 'none'" in deployed


def test_paths_outside_the_console_folder_are_not_served(client):
    response = client.get("/../pyproject.toml")
    assert b"<title>CRM</title>" in response.data


def test_local_csp_touches_only_connect_src():
    assert local_csp("default-src 'self'; connect-src 'self'", ["http://h:1"]) == (
        "default-src 'self';connect-src 'self' http://h:1")
