"""Ports the test session owns, for services a test may point a client at before (or instead of) running them."""

from __future__ import annotations

import socket
import threading


class HeldPort:
    """A loopback port bound and listening for the whole session, so that no other program can take it. Until a
    real service is started there, every connection is accepted and closed at once, so a client fails fast (as on
    a refused connection) instead of waiting for an answer."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self._socket.getsockname()[1]}"
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._refuse, name=f"held-port-{self.address}", daemon=True)
        self._thread.start()

    def _refuse(self) -> None:
        while not self._closing.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            connection.close()

    def close(self) -> None:
        self._closing.set()
        self._socket.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> HeldPort:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
