"""`crm dev`: the Firestore and Auth emulators, demo data and demo users, the console built, and the console and
the API served on one origin whose URL is the first line printed."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from crm.devstack.auth_emulator import DEMO_USERS, AuthEmulator
from crm.devstack.console_build import ensure_console_built
from crm.devstack.emulator import FirestoreEmulator
from crm.settings import Settings

if TYPE_CHECKING:
    from crm.settings import Settings

STARTING_PAGE = (b'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="2">'
                 b"<title>CRM</title><p>The CRM is starting (emulators, demo data, console build)&hellip;")


class StartingApp:
    """Answers 'starting' (and reloads itself) until the real application is handed over."""

    def __init__(self) -> None:
        self.target: Callable | None = None

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.target is not None:
            return self.target(environ, start_response)
        start_response("503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8"), ("Retry-After", "2")])
        return [STARTING_PAGE]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_local_stack(*, port: int | None, emulator_port: int | None, demo_customers: int) -> int:
    from crm.cli import load_demo
    from crm.devstack.console_server import ConsoleApp, ConsoleServer, firebase_web_config
    from crm.settings import get_settings

    project = os.environ.get("GOOGLE_CLOUD_PROJECT", "demo-crm")
    front = StartingApp()
    server = ConsoleServer(front, port=port)  # type: ignore[arg-type]
    print(f"CRM console: {server.url}/", flush=True)
    server.start_in_background()
    firestore = FirestoreEmulator(port=emulator_port)
    auth = AuthEmulator(project)
    stop = threading.Event()
    try:
        _say("Starting the Firestore and Auth emulators and building the console...")
        with ThreadPoolExecutor(3) as pool:
            jobs = [pool.submit(firestore.start), pool.submit(auth.start), pool.submit(ensure_console_built)]
            for job in jobs:
                job.result()  # type: ignore[attr-defined]
        os.environ.update({
            "CRM_ENV": "local",
            "FIRESTORE_EMULATOR_HOST": firestore.address,
            "FIREBASE_AUTH_EMULATOR_HOST": auth.address,
            "GOOGLE_CLOUD_PROJECT": project,
        })
        get_settings.cache_clear()
        settings = get_settings()
        loaded = load_demo(demo_customers, settings)
        for user in DEMO_USERS:
            auth.create_user(user)
        front.target = ConsoleApp(settings, firebase_web_config(project, auth.url, firestore.address))
        _deliver_webhooks_in_background(settings, stop)
        _print_ready(server.url, firestore.address, auth.address, loaded)
        print_mcp_endpoint(server.url, settings)
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        while not stop.wait(60):  # the partner programme's minute, as the deployed scheduler runs it
            _partner_programme_minute(settings)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stop()
        auth.stop()
        firestore.stop()
    return 0


def _deliver_webhooks_in_background(settings: object, stop: threading.Event) -> None:
    """Webhooks go out as in production (where a Firestore trigger sends each event): a listener on the outbox."""
    from crm.devstack.webhook_tools import describe
    from crm.outbound.webhooks import watch, webhook_dependencies

    hooks = webhook_dependencies(settings)  # type: ignore[arg-type]
    threading.Thread(target=watch, args=(hooks, stop), kwargs={"report": lambda f: _say(f"webhooks: {describe(f)}")},
                     name="webhook-delivery", daemon=True).start()


def _partner_programme_minute(settings: Settings) -> None:
    from crm.scheduled import partner_programme_minute

    try:
        partner_programme_minute(settings)
    except Exception:  # the local stack keeps serving; the next minute tries again
        logging.getLogger("crm.devstack").exception("the partner programme's minute failed")


def _print_ready(url: str, firestore: str, auth: str, loaded: int) -> None:
    print(f"API:     {url}/api  (docs {url}/api/docs)")
    print(f"Emulators: Firestore {firestore}, Auth {auth}; {loaded} demo customers")
    print("Sign in as (email / password / role):")
    for user in DEMO_USERS:
        print(f"  {user.email:24} {user.password:20} {user.role or 'no role yet'}")
    print("Webhooks are delivered in the background; `.venv/bin/crm webhooks listen` receives them locally.")
    print("Ctrl-C stops everything.", flush=True)


def print_mcp_endpoint(url: str, settings: Settings) -> None:
    """An API key for trying an assistant against the local stack (a manager's; it lives as long as the emulator)."""
    from crm.identity import Role, create_api_key
    from crm.store.api_keys import FirestoreApiKeyStore
    from crm.store.client import firestore_client
    from crm.store.collections import CollectionNames

    keys = FirestoreApiKeyStore(firestore_client(settings), CollectionNames(settings.collection_prefix))
    secret, _ = create_api_key(keys, "Local assistant", Role.MANAGER, created_by="crm dev")
    print(f"MCP:     {url}/api/mcp  (header X-API-Key: {secret}, role manager)", flush=True)
