"""POSTing webhook requests: the receiver's name is resolved at every request and, outside local mode, refused if
any of its addresses is private, loopback, link-local or reserved (so a public name that later points inside cannot
reach internal services); the request then goes to the address that was checked (TLS still verifies the name). No
redirects are followed, and a request gives up after ``timeout`` seconds."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import certifi
import urllib3

from crm.domain.webhooks.deliveries import MAX_RESPONSE_EXCERPT, SendResult
from crm.domain.webhooks.endpoints import public_address

CONNECT_SECONDS = 5.0
TIMEOUT_SECONDS = 10.0
READ_LIMIT = 64 * 1024
Resolver = Callable[..., list[Any]]


class HttpWebhookSender:
    """Sends over keep-alive connections, one pool per (scheme, address, port, name)."""

    def __init__(self, *, allow_private: bool, timeout: float = TIMEOUT_SECONDS,
                 resolve: Resolver = socket.getaddrinfo):
        self._allow_private = allow_private
        self._timeout = urllib3.Timeout(connect=CONNECT_SECONDS, read=timeout, total=timeout + CONNECT_SECONDS)
        self._resolve = resolve
        self._pools: dict[tuple[str, str, int, str], urllib3.HTTPConnectionPool] = {}
        self._lock = threading.Lock()

    def send(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        started = time.monotonic()

        def elapsed() -> int:
            return round((time.monotonic() - started) * 1000)

        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        try:
            address = self._address(host, port)
        except (OSError, UnicodeError) as exc:
            return SendResult(None, elapsed(), f"could not resolve {host}: {exc}")
        if address is None:
            return SendResult(None, elapsed(), f"refused: {host} resolves to a private or reserved address")
        target = parts.path or "/"
        if parts.query:
            target += f"?{parts.query}"
        pool = self._pool(parts.scheme, address, port, host)
        host_header = host if parts.port is None else f"{host}:{parts.port}"
        try:
            response = pool.urlopen("POST", target, body=body, headers={**headers, "Host": host_header},
                                    redirect=False, retries=False, preload_content=False, timeout=self._timeout)
        except urllib3.exceptions.HTTPError as exc:
            return SendResult(None, elapsed(), _describe(exc))
        try:
            excerpt = response.read(READ_LIMIT, decode_content=True)
        except urllib3.exceptions.HTTPError:
            excerpt = b""
        finally:
            response.release_conn()
        text = excerpt[:MAX_RESPONSE_EXCERPT].decode("utf-8", "replace") if excerpt else None
        return SendResult(response.status, elapsed(), None if 200 <= response.status < 300 else
                          f"answered {response.status}", text)

    def _address(self, host: str, port: int) -> str | None:
        """The address to connect to: the first of the name's, if every one may be reached; None if one may not."""
        infos = self._resolve(host, port, type=socket.SOCK_STREAM)
        addresses = [str(info[4][0]) for info in infos]
        if not addresses:
            raise OSError("no addresses")
        if not self._allow_private and not all(public_address(ipaddress.ip_address(a.split("%")[0]))
                                               for a in addresses):
            return None
        return addresses[0]

    def _pool(self, scheme: str, address: str, port: int, host: str) -> urllib3.HTTPConnectionPool:
        key = (scheme, address, port, host)
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                if scheme == "https":
                    pool = urllib3.HTTPSConnectionPool(address, port, maxsize=4, server_hostname=host,
                                                       assert_hostname=host, cert_reqs="CERT_REQUIRED",
                                                       ca_certs=certifi.where())
                else:
                    pool = urllib3.HTTPConnectionPool(address, port, maxsize=4)
                self._pools[key] = pool
            return pool


def _describe(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    if isinstance(exc, urllib3.exceptions.TimeoutError) or isinstance(reason, urllib3.exceptions.TimeoutError):
        return "timed out"
    return f"{type(reason).__name__}: {reason}"[:300]
