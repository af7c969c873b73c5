"""The console's TypeScript types of the API (web/src/api/schema.d.ts), generated from the OpenAPI document by
openapi-typescript. `python -m crm.devstack.api_types` rewrites them; tests/console checks they are current."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from crm.devstack.console_build import WEB, ConsoleBuildError, ensure_npm_packages

SCHEMA = WEB / "src" / "api" / "schema.d.ts"


def openapi_json() -> str:
    import crm.http.operations  # noqa: F401  (registers the operations)
    from crm.http.openapi import openapi_document
    from crm.http.routing import api

    return json.dumps(openapi_document(api, "/api"), indent=1, sort_keys=True)


def generate(out: Path) -> None:
    """Write the types of the current API to ``out``."""
    ensure_npm_packages()
    npx = shutil.which("npx")
    if npx is None:
        raise ConsoleBuildError("npx is not installed: the console needs Node.js 20.19 or newer with npm")
    with tempfile.TemporaryDirectory() as tmp:
        document = Path(tmp) / "openapi.json"
        document.write_text(openapi_json())
        result = subprocess.run([npx, "openapi-typescript", str(document), "-o", str(out)], cwd=WEB,
                                capture_output=True, text=True)
    if result.returncode != 0:
        raise ConsoleBuildError(f"openapi-typescript failed:\n{result.stdout}\n{result.stderr}")


if __name__ == "__main__":
    generate(SCHEMA)
    print(f"wrote {SCHEMA.relative_to(WEB.parent)}", file=sys.stderr)
