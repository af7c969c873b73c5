"""One streamable-HTTP exchange, served by the MCP SDK's own transport in its stateless JSON-response mode, inside a
synchronous request handler: every POST stands alone (no session to keep between function instances), and the
answer is one JSON document (no event stream to hold open)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import anyio
from mcp.server import Server
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager


@dataclass
class Exchange:
    """What the SDK answered: status, headers and body."""

    status: int = 500
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


def serve_exchange(server: Server[Any], method: str, path: str, headers: Iterable[tuple[str, str]],
                   body: bytes) -> Exchange:
    """Hand one HTTP request to the SDK and collect its answer.

    A request with no Accept header (or one without JSON) is read as accepting JSON, the only form answered here.
    """
    raw = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
           if name.lower() != "accept"]
    raw.append((b"accept", b"application/json, text/event-stream"))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "https",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": raw,
             "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 443)}
    exchange = Exchange()
    if _event_loop_in_this_thread():
        # a server that runs handlers inside an event loop: the exchange gets a thread (and a loop) of its own
        worker = threading.Thread(target=anyio.run, args=(_serve, server, scope, body, exchange),
                                  name="mcp-exchange")
        worker.start()
        worker.join()
    else:
        anyio.run(_serve, server, scope, body, exchange)
    return exchange


def _event_loop_in_this_thread() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def _serve(server: Server[Any], scope: dict[str, Any], body: bytes, exchange: Exchange) -> None:
    manager = StreamableHTTPSessionManager(app=server, json_response=True, stateless=True)
    delivered = False

    async def receive() -> MutableMapping[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            exchange.status = message["status"]
            exchange.headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            exchange.body += message.get("body", b"")

    async with manager.run():
        await manager.handle_request(scope, receive, send)
