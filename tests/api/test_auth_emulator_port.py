"""The Firebase Auth clients of the tests talk to a port the session holds, never to a fixed one another program
could hold: nothing else can bind it, and a call to it fails at once as an unavailable service (503), not a hang."""

from __future__ import annotations

import errno
import os
import socket
import time

import pytest

from crm.errors import UnavailableError
from crm.identity import Role
from crm.identity.firebase_users import FirebaseUserRoles


def test_the_auth_emulator_address_is_a_port_this_session_holds(local_env, auth_emulator_address):
    assert os.environ["FIREBASE_AUTH_EMULATOR_HOST"] == local_env["FIREBASE_AUTH_EMULATOR_HOST"]
    assert local_env["FIREBASE_AUTH_EMULATOR_HOST"] == auth_emulator_address
    host, port = auth_emulator_address.rsplit(":", 1)
    assert host == "127.0.0.1" and port != "9099"
    with socket.socket() as other, pytest.raises(OSError) as taken:
        other.bind((host, int(port)))
    assert taken.value.errno == errno.EADDRINUSE


def test_a_firebase_auth_call_fails_fast_as_unavailable(settings):
    started = time.monotonic()
    with pytest.raises(UnavailableError):
        FirebaseUserRoles(settings).set_role("someone", Role.REP)
    assert time.monotonic() - started < 10


def test_setting_a_role_over_http_is_503_with_retry_after(client):
    response = client.put("/api/crm/admin/users/someone/role", json={"role": "rep"})
    assert response.status_code == 503 and response.headers["Retry-After"]
