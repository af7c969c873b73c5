"""The console and the API on one local origin, as Firebase Hosting serves them: /api/** through the Flask app,
/__/firebase/init.json with the emulators' addresses, every other path from the built console with index.html as
the fallback, and the headers of firebase.json (the console's CSP widened to the emulators)."""

from __future__ import annotations

import fnmatch
import json
import mimetypes
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from crm.devstack.emulator import free_port
from crm.http.app import create_app
from crm.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = ROOT / "public"
FIREBASE_JSON = ROOT / "firebase.json"
HASHED_ASSETS = "/assets/"


def hosting_headers(firebase_json: Path = FIREBASE_JSON) -> list[tuple[str, dict[str, str]]]:
    """firebase.json's hosting header rules, in order: (source glob, headers)."""
    hosting = json.loads(firebase_json.read_text())["hosting"]
    return [(rule["source"], {h["key"]: h["value"] for h in rule["headers"]}) for rule in hosting.get("headers", [])]


def headers_for(path: str, rules: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    """The headers of every rule whose glob matches ``path``; a later rule wins a key, as in Hosting."""
    headers: dict[str, str] = {}
    for source, values in rules:
        if fnmatch.fnmatchcase(path, source):
            headers.update(values)
    return headers


def local_csp(csp: str, emulator_origins: Iterable[str]) -> str:
    """The production CSP with the emulators' origins added to connect-src."""
    extra = " ".join(emulator_origins)
    return ";".join(
        f"{part.strip()} {extra}" if part.strip().startswith("connect-src") else part.strip()
        for part in csp.split(";") if part.strip()
    )


class ConsoleApp:
    """The WSGI application of the local origin."""

    def __init__(self, settings: Settings, firebase_config: dict[str, Any], public: Path = PUBLIC):
        self.api = create_app(settings)
        self.public = public.resolve()
        self.init_json = json.dumps(firebase_config).encode()
        emulators = firebase_config.get("emulators", {})
        origins = [emulators["auth"]] if emulators.get("auth") else []
        if emulators.get("firestore"):
            origins.append(f"http://{emulators['firestore']['host']}:{emulators['firestore']['port']}")
        self.header_rules = [
            (source, {key: local_csp(value, origins) if key == "Content-Security-Policy" else value
                      for key, value in values.items()})
            for source, values in hosting_headers()
        ]

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if path == "/api" or path.startswith(("/api/", "/r/")):
            return self.api(environ, start_response)
        request = Request(environ)
        return self._static(request)(environ, start_response)

    def _static(self, request: Request) -> Response:
        path = request.path
        if path == "/__/firebase/init.json":
            return Response(self.init_json, mimetype="application/json", headers={"Cache-Control": "no-cache"})
        if request.method not in ("GET", "HEAD"):
            return Response("method not allowed", status=405)
        file = (self.public / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.public) or not file.is_file():
            if path.startswith(HASHED_ASSETS):
                return Response("not found", status=404)
            file = self.public / "index.html"
        if not file.is_file():
            return Response("The console is not built: run bin/dev or `npm run build` in web/.", status=503)
        headers = headers_for(path, self.header_rules)
        mimetype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return Response(file.read_bytes(), mimetype=mimetype, headers=headers)


class ConsoleServer:
    """A threaded local HTTP server for ConsoleApp, bound at construction (so its URL can be told at once)."""

    def __init__(self, app: ConsoleApp, *, host: str = "127.0.0.1", port: int | None = None):
        self.server: BaseWSGIServer = make_server(host, port or free_port(host), app, threaded=True)
        self.url = f"http://{host}:{self.server.server_port}"
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        self.server.serve_forever()

    def start_in_background(self) -> ConsoleServer:
        self._thread = threading.Thread(target=self.server.serve_forever, name="console-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def firebase_web_config(project_id: str, auth_url: str, firestore_address: str) -> dict[str, Any]:
    """What /__/firebase/init.json says on the local stack: the demo project and where its emulators are."""
    host, _, port = firestore_address.rpartition(":")
    return {
        "apiKey": "demo-api-key",
        "authDomain": "127.0.0.1",
        "projectId": project_id,
        "emulators": {"auth": auth_url, "firestore": {"host": host, "port": int(port)}},
    }
