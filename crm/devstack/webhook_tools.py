"""`crm webhooks deliver` and `crm webhooks listen`: delivery from the command line (once, or watching the outbox as
the Firestore trigger would), and a local receiver that prints what arrives and checks its signature."""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from crm.domain.webhooks.signing import HEADER, verify
from crm.outbound.webhooks import watch, webhook_dependencies
from crm.services.webhooks.delivery import DeliveryFigures


def describe(figures: DeliveryFigures) -> str:
    disabled = f", {len(figures.disabled)} endpoint(s) disabled" if figures.disabled else ""
    return (f"{figures.events} event(s) dispatched, {figures.attempts} attempt(s): {figures.delivered} delivered, "
            f"{figures.retrying} to retry, {figures.given_up} given up{disabled}")


def deliver(*, once: bool) -> int:
    """Once: dispatch every waiting event and send everything due, then stop. Otherwise watch until Ctrl-C."""
    hooks = webhook_dependencies()
    if once:
        print(describe(hooks.deliverer.drain()))
        return 0
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("delivering webhooks as events arrive (Ctrl-C stops)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        watch(hooks, stop, report=lambda figures: print(f"{time.strftime('%H:%M:%S')} {describe(figures)}",
                                                          flush=True))
    return 0


def listen(port: int, secret: str | None) -> int:
    """Receive webhooks on a local port and print each one; with ``secret``, check its signature too."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            signed = "" if secret is None else (" signature ok" if verify(self.headers.get(HEADER), secret, body,
                                                                         int(time.time())) else " BAD SIGNATURE")
            try:
                event: Any = json.loads(body)
                subject = event.get("subject") or {}
                line = f"{event.get('type')} {subject.get('type', '')} {subject.get('id', '')}"
            except ValueError:
                line = f"{len(body)} bytes, not JSON"
            print(f"{time.strftime('%H:%M:%S')} {line}{signed}", flush=True)
            self.send_response(200 if "BAD" not in signed else 400)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's signature)
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/ (add it as an endpoint; Ctrl-C stops)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(deliver(once=True))
