"""Helpers for the browser tests: the API as another user would call it, and the console's users."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from crm.devstack.tokens import emulator_id_token


@dataclass(frozen=True)
class ConsoleUser:
    uid: str
    email: str
    password: str
    role: str | None
    name: str


class ApiCaller:
    """Calls the running API over HTTP as ``uid`` with ``role`` (changes "made by another user")."""

    def __init__(self, base_url: str, project_id: str, uid: str, role: str):
        self.base = f"{base_url}/api/crm"
        self.token = emulator_id_token(project_id, uid, role=role, email=f"{uid}@example.com")

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.base}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def create(self, path: str, **fields: Any) -> dict:
        status, body = self.call("POST", path, fields)
        assert status == 201, body
        return body

    def create_customer(self, **fields: Any) -> dict:
        status, body = self.call("POST", "/customers", fields)
        assert status == 201, body
        return body

    def patch_customer(self, customer_id: str, **fields: Any) -> dict:
        status, body = self.call("PATCH", f"/customers/{customer_id}", fields)
        assert status == 200, body
        return body
