"""Data walks one way: http -> services -> domain, and store -> domain; use cases know storage only by the protocols
of crm.services.ports, and the domain knows no framework or database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "crm"
INFRASTRUCTURE = ("google", "firebase_admin", "firebase_functions", "functions_framework", "flask", "werkzeug")
FORBIDDEN = {
    "domain": ("crm.services", "crm.store", "crm.http", "crm.devstack", "crm.cli", *INFRASTRUCTURE),
    "services": ("crm.store", "crm.http", "crm.devstack", "crm.cli", *INFRASTRUCTURE),
    "store": ("crm.services", "crm.http", "crm.devstack", "crm.cli"),
    "http": ("crm.devstack", "crm.cli"),
}


def imports_of(path: Path) -> list[str]:
    """Every module ``path`` imports, also those imported only for type checking."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_or_beside_it(layer):
    modules = sorted((PACKAGE / layer).rglob("*.py"))
    assert modules
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in modules
        for name in imports_of(path)
        if any(name == banned or name.startswith(f"{banned}.") for banned in FORBIDDEN[layer])
    ]
    assert wrong == []
