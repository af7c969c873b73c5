"""Fixtures of the property-based runs, and a line in the summary saying how many requests the fuzzer sent."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest
from flask import Flask

from crm.devstack.tokens import emulator_id_token
from crm.http import create_app
from crm.settings import Settings, settings_from_env

FUZZ_STATUSES: Counter[int] = Counter()


@pytest.fixture(scope="module")
def fuzz_settings(local_env: dict[str, str]) -> Settings:
    """One collection prefix for a whole module: the fuzzer's records pile up as a real database's would."""
    return settings_from_env({**local_env, "CRM_COLLECTION_PREFIX": f"fuzz{uuid.uuid4().hex[:8]}_"})


@pytest.fixture(scope="module")
def fuzz_app(fuzz_settings: Settings) -> Flask:
    return create_app(fuzz_settings)


@pytest.fixture(scope="module")
def admin_headers(fuzz_settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {emulator_id_token(fuzz_settings.project_id, 'fuzzer', role='admin')}"}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FUZZ_STATUSES:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(FUZZ_STATUSES.items()))
        terminalreporter.write_line(f"OpenAPI fuzzing: {FUZZ_STATUSES.total()} generated requests ({statuses})")
