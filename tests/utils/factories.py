"""Builders of request bodies and callers for tests."""

from __future__ import annotations

import itertools
from typing import Any

from crm.identity import Caller, Role

_serial = itertools.count(1)


def customer_body(**overrides: Any) -> dict[str, Any]:
    n = next(_serial)
    body: dict[str, Any] = {"name": f"Customer {n}", "email": f"customer{n}@example.com"}
    body.update(overrides)
    return body


def admin_caller(uid: str = "admin-1") -> Caller:
    return Caller(uid=uid, role=Role.ADMIN, via="token")
