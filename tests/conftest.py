"""One Firestore emulator per test session (with several workers, per worker); every test gets its own collection
prefix, so none sees another's data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.devstack.emulator import FirestoreEmulator
from crm.settings import Settings, settings_from_env
from tests.utils.fuzz_counts import FUZZ_STATUSES
from tests.utils.ports import HeldPort

PROJECT_ID = "demo-crm-tests"
RULES = Path(__file__).resolve().parent.parent / "firestore.rules"


@pytest.fixture(scope="session")
def emulator_address() -> Iterator[str]:
    existing = os.environ.get("CRM_TEST_FIRESTORE_EMULATOR_HOST")
    if existing:
        yield existing
        return
    with FirestoreEmulator(rules=RULES) as emulator:
        yield emulator.address


@pytest.fixture(scope="session")
def auth_emulator_address() -> Iterator[str]:
    """Where Firebase Auth clients are pointed: a port this session holds, so no other program receives their
    requests (and where the Auth emulator will listen once the tests start it)."""
    with HeldPort() as port:
        yield port.address


@pytest.fixture(scope="session")
def local_env(emulator_address: str, auth_emulator_address: str) -> Iterator[dict[str, str]]:
    env = {
        "CRM_ENV": "local",
        "FIRESTORE_EMULATOR_HOST": emulator_address,
        "FIREBASE_AUTH_EMULATOR_HOST": auth_emulator_address,
        "GOOGLE_CLOUD_PROJECT": PROJECT_ID,
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def settings(local_env: dict[str, str]) -> Settings:
    prefix = f"t{uuid.uuid4().hex[:10]}_"
    return settings_from_env({**local_env, "CRM_COLLECTION_PREFIX": prefix})


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker (pytest-xdist) hands its counts to the process that prints the summary."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["fuzz_statuses"] = dict(FUZZ_STATUSES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    FUZZ_STATUSES.update(getattr(node, "workeroutput", {}).get("fuzz_statuses", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FUZZ_STATUSES:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(FUZZ_STATUSES.items()))
        terminalreporter.write_line(f"OpenAPI fuzzing: {FUZZ_STATUSES.total()} generated requests ({statuses})")
