"""Fixtures of the property-based runs (the summary's line of how many requests they sent: tests/conftest.py)."""

from __future__ import annotations

import uuid

import pytest
from flask import Flask

from crm.devstack.tokens import emulator_id_token
from crm.http import create_app
from crm.settings import Settings, settings_from_env


@pytest.fixture(scope="module")
def fuzz_settings(local_env: dict[str, str]) -> Settings:
    """One collection prefix for a whole module: the fuzzer's records pile up as a real database's would. The one
    fuzzing caller sends far more requests than a person could, so its rate limit is lifted."""
    return settings_from_env({**local_env, "CRM_COLLECTION_PREFIX": f"fuzz{uuid.uuid4().hex[:8]}_",
                              "CRM_RATE_LIMIT_PER_MINUTE": "1000000", "CRM_RATE_LIMIT_BURST": "1000000"})


@pytest.fixture(scope="module")
def fuzz_app(fuzz_settings: Settings) -> Flask:
    return create_app(fuzz_settings)


@pytest.fixture(scope="module")
def admin_headers(fuzz_settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {emulator_id_token(fuzz_settings.project_id, 'fuzzer', role='admin')}"}
