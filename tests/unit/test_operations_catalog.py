"""Every handler module is in the operations catalog, so no operation is left unregistered."""

from __future__ import annotations

import importlib
from pathlib import Path

from crm.http.routing import api

HTTP = Path(__file__).resolve().parents[2] / "crm" / "http"


def test_every_module_that_registers_operations_is_in_the_catalog():
    registering = {f"crm.http.{path.stem}" for path in HTTP.rglob("*.py") if "@api.route(" in path.read_text()}
    assert registering
    catalog = importlib.import_module(api.catalog)
    listed = {module.__name__ for module in vars(catalog).values() if getattr(module, "__name__", "") in registering}
    assert registering - listed == set(), f"add these to {api.catalog}"


def test_reading_the_registry_registers_every_operation():
    assert len(api.operations) >= 60
    assert api.find("list_customers") is not None
