"""Security rules on the emulator (started with --rules): requests as web-app users over the REST API, which the
emulator authenticates with unsigned tokens; seeding goes through the Admin client, which rules do not bind."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from google.cloud import firestore

from crm.devstack.tokens import emulator_id_token
from crm.settings import Settings
from crm.store.client import firestore_client


class RulesClient:
    """A web-app user talking to Firestore directly; ``uid=None`` is a signed-out visitor."""

    def __init__(self, address: str, project_id: str, uid: str | None, role: str | None):
        self._base = f"http://{address}/v1/projects/{project_id}/databases/(default)/documents"
        self._headers = {"Content-Type": "application/json"}
        if uid is not None:
            self._headers["Authorization"] = f"Bearer {emulator_id_token(project_id, uid, role=role)}"

    def _send(self, method: str, url: str, body: dict[str, Any] | None = None) -> int:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=self._headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def get(self, path: str) -> int:
        return self._send("GET", f"{self._base}/{path}")

    def write(self, path: str) -> int:
        return self._send("PATCH", f"{self._base}/{path}", {"fields": {"name": {"stringValue": "x"}}})

    def query(self, collection: str, owner_id: str | None = None) -> int:
        query: dict[str, Any] = {"from": [{"collectionId": collection}], "limit": 5}
        if owner_id is not None:
            query["where"] = {"fieldFilter": {"field": {"fieldPath": "owner_id"}, "op": "EQUAL",
                                              "value": {"stringValue": owner_id}}}
        return self._send("POST", f"{self._base}:runQuery", {"structuredQuery": query})


@pytest.fixture
def admin_db(settings: Settings) -> firestore.Client:
    return firestore_client(settings)


@pytest.fixture
def as_user(emulator_address: str, settings: Settings) -> Callable[[str | None, str | None], RulesClient]:
    return lambda uid, role: RulesClient(emulator_address, settings.project_id, uid, role)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:12]
