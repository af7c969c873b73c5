"""firebase.json ships the console: built into the Hosting directory before deploy, client routes rewritten to the
app, hashed assets cached for good and the rest revalidated; the built output is not committed."""

from __future__ import annotations

import json
from pathlib import Path

from crm.devstack.console_server import headers_for, hosting_headers

ROOT = Path(__file__).resolve().parents[2]
HOSTING = json.loads((ROOT / "firebase.json").read_text())["hosting"]


def test_the_console_is_built_into_the_hosting_directory_before_deploy():
    assert HOSTING["public"] == "public"
    assert any("run build" in step for step in HOSTING["predeploy"])
    vite_config = (ROOT / "web" / "vite.config.ts").read_text()
    assert 'outDir: "../public"' in vite_config


def test_the_build_output_is_not_committed():
    assert "public/" in (ROOT / ".gitignore").read_text().splitlines()


def test_api_paths_go_to_the_function_and_every_other_path_to_the_app():
    rewrites = HOSTING["rewrites"]
    assert rewrites[0] == {"source": "/api/**", "function": {"functionId": "api", "pinTag": True}}
    assert rewrites[-1] == {"source": "**", "destination": "/index.html"}


def test_hashed_assets_are_immutable_and_pages_revalidate():
    rules = hosting_headers()
    assert headers_for("/assets/index-abc.js", rules)["Cache-Control"] == "public, max-age=31536000, immutable"
    for page in ("/", "/index.html", "/customers/abc"):
        assert headers_for(page, rules)["Cache-Control"] == "no-cache"
        assert "script-src 'self'" in headers_for(page, rules)["Content-Security-Policy"]


def test_the_emulators_run_offline_without_their_ui():
    emulators = json.loads((ROOT / "firebase.json").read_text())["emulators"]
    assert emulators["ui"] == {"enabled": False}
