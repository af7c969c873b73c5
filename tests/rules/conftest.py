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
        return self._exchange(method, url, body)[0]

    def _exchange(self, method: str, url: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=self._headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, None

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

    def run(self, collection: str, equals: dict[str, str | None], order: tuple[str, str] | None = None,
            ) -> tuple[int, list[str]]:
        """A query as the web SDK sends it (``== null`` as an IS_NULL filter): its status and the ids it returned."""
        filters = [_equality(field, value) for field, value in equals.items()]
        query: dict[str, Any] = {"from": [{"collectionId": collection}]}
        if filters:
            query["where"] = filters[0] if len(filters) == 1 else {"compositeFilter": {"op": "AND",
                                                                                       "filters": filters}}
        if order:
            query["orderBy"] = [{"field": {"fieldPath": order[0]}, "direction": order[1]}]
        status, rows = self._exchange("POST", f"{self._base}:runQuery", {"structuredQuery": query})
        ids = [row["document"]["name"].rsplit("/", 1)[1] for row in rows or [] if "document" in row]
        return status, ids


def _equality(field: str, value: str | None) -> dict[str, Any]:
    if value is None:
        return {"unaryFilter": {"field": {"fieldPath": field}, "op": "IS_NULL"}}
    return {"fieldFilter": {"field": {"fieldPath": field}, "op": "EQUAL", "value": {"stringValue": value}}}


@pytest.fixture
def admin_db(settings: Settings) -> firestore.Client:
    return firestore_client(settings)


@pytest.fixture
def as_user(emulator_address: str, settings: Settings) -> Callable[[str | None, str | None], RulesClient]:
    return lambda uid, role: RulesClient(emulator_address, settings.project_id, uid, role)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:12]
