"""The console's own checks, run with the rest of the suite: its unit tests (Vitest), its type check, and that its
API types match the API's OpenAPI document."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from crm.devstack import api_types
from crm.devstack.console_build import WEB, ensure_npm_packages


@pytest.fixture(scope="module")
def npx() -> str:
    ensure_npm_packages()
    path = shutil.which("npx")
    assert path, "Node.js 20.19+ with npm is needed for the console"
    return path


def run(npx: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([npx, *args], cwd=WEB, capture_output=True, text=True, timeout=240)


def test_console_unit_tests_pass(npx):
    result = run(npx, "vitest", "run")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]


def test_console_type_checks(npx):
    result = run(npx, "tsc", "--noEmit")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]


def test_console_api_types_match_the_openapi_document(npx, tmp_path: Path):
    fresh = tmp_path / "schema.d.ts"
    api_types.generate(fresh)
    assert fresh.read_text() == api_types.SCHEMA.read_text(), (
        "web/src/api/schema.d.ts is out of date: run `.venv/bin/python -m crm.devstack.api_types`")
