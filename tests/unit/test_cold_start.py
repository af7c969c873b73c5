"""Cold start: importing the deployed function imports none of the app, and every model builds on first use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pydantic

ROOT = Path(__file__).resolve().parents[2]
# firebase_functions itself imports flask and firebase_admin, as every Firebase Python function does
HEAVY = ("crm.http.app", "crm.domain.customers", "pydantic", "google.cloud.firestore",
         "phonenumbers", "email_validator", "pycountry", "rapidfuzz", "swagger_ui", "strawberry", "graphql")


def test_importing_the_function_imports_nothing_the_first_request_does_not_need():
    probe = "import json, sys, main; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT / "functions", capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True, timeout=120)
    loaded = set(json.loads(out.stdout))
    assert "main" in loaded and "firebase_functions.https_fn" in loaded
    assert [name for name in HEAVY if name in loaded] == []


def _subclasses(cls: type) -> list[type]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _subclasses(child))]


def test_every_model_builds_its_validators_on_first_use():
    import crm.http.operations  # noqa: F401  (every operation, hence every model in use)

    ours = [m for m in _subclasses(pydantic.BaseModel) if m.__module__.startswith("crm.")]
    assert len(ours) > 50
    eager = sorted(f"{m.__module__}.{m.__qualname__}" for m in ours if not m.model_config.get("defer_build"))
    assert eager == [], "derive these from crm.domain.model.Model instead of pydantic.BaseModel"


def test_the_app_loads_strawberry_on_the_first_graphql_request_only():
    probe = "import json, sys, crm.http.operations; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True, timeout=120)
    loaded = set(json.loads(out.stdout))
    assert "crm.http.graphql" in loaded
    assert [name for name in loaded if name.split(".")[0] in ("strawberry", "graphql")] == []
    assert [name for name in loaded if name.startswith("crm.graphql")] == []
