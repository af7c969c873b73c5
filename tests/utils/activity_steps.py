"""Fixtures for activity use cases, on the emulator and on in-memory repositories alike (registered by
tests/integration/conftest.py and tests/unit/use_cases/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from crm.domain.activities import Activity, ActivityCreate, ActivityUpdate
from crm.services import activities as service


@pytest.fixture
def add_activity(transactions, caller) -> Callable[..., Activity]:
    """Create an activity through the service; ``fields`` go into the body (type and subject have defaults)."""

    def make(**fields: Any) -> Activity:
        body = {"type": "call", "subject": "Follow up", **fields}
        if isinstance(body.get("due_at"), datetime):
            body["due_at"] = body["due_at"].isoformat()
        return service.create_activity(transactions, ActivityCreate.model_validate(body), caller)

    return make


@pytest.fixture
def change_activity(transactions, caller) -> Callable[..., Activity]:
    def make(activity_id: str, **fields: Any) -> Activity:
        return service.update_activity(transactions, activity_id, ActivityUpdate.model_validate(fields), caller)

    return make
