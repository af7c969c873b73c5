"""Every operation of the OpenAPI document, fed generated requests (valid and invalid), answers as documented.

Schemathesis reads GET /api/openapi.json from the Flask app and calls the app in-process, as an admin, on the
Firestore emulator. Half the cases of an operation with path parameters aim at records that exist (made for it
first), the rest at generated ids. Each operation gets a few derandomized examples, so the run is bounded and
reproducible; the checks are the ones a caller relies on: no 5xx (but the documented 503), a documented status
and content type, and a body and headers that match the documented schema.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crm.http.app import PREFIXES
from crm.http.routing import Operation, api
from tests.utils.fuzz_counts import FUZZ_STATUSES

EXAMPLES_PER_OPERATION = 20
CHECKS = [
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
OPERATIONS = [pytest.param(op, id=f"{op.method} {op.openapi_path}") for op in api.operations]
_serial = itertools.count(1)


@pytest.fixture(scope="module")
def api_schema(fuzz_app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", fuzz_app)


@pytest.mark.parametrize("op", OPERATIONS)
def test_operation_answers_as_documented(api_schema: Any, fuzz_app: Flask, admin_headers: dict[str, str],
                                         op: Operation):
    operation = api_schema[PREFIXES["api"] + op.openapi_path][op.method]
    known = existing_records(fuzz_app.test_client(), admin_headers, op.path_parameters)
    targets = [{}, known] if known else [{}]
    cases = st.one_of(*(operation.as_strategy(generation_mode=mode, path_parameters=target or None)
                        for mode in schemathesis.GenerationMode for target in targets))

    @given(case=cases)
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_as_documented(case: schemathesis.Case) -> None:
        response = case.call(headers=admin_headers)
        FUZZ_STATUSES[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)
        unavailable = response.status_code == 503 and "retry-after" in response.headers
        assert response.status_code < 500 or unavailable, f"server error: {response.text[:300]}"

    answers_as_documented()


def existing_records(client: FlaskClient, headers: dict[str, str], names: list[str]) -> dict[str, str]:
    """Records for the path parameters ``names``: a customer, with a deal, an order and an activity if asked."""
    if not names:
        return {}
    n = next(_serial)
    known = {"pipeline_id": "sales", "uid": "fuzzer"}

    def create(path: str, body: dict[str, Any]) -> str:
        response = client.post(f"/api/crm/{path}", json=body, headers=headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]

    if {"customer_id", "deal_id", "order_id", "activity_id", "person_id"} & set(names):
        known["customer_id"] = create("customers", {"name": f"Fuzz target {n}", "email": f"fuzz{n}@example.com"})
    if "deal_id" in names:
        known["deal_id"] = create("deals", {"customer_id": known["customer_id"], "title": "Fuzz deal", "value": "10"})
    if "order_id" in names:
        known["order_id"] = create("orders", {"customer_id": known["customer_id"], "order_number": f"FUZZ-{n}",
                                              "total": "10.00"})
    if "activity_id" in names:
        known["activity_id"] = create("activities", {"customer_id": known["customer_id"], "type": "call",
                                                     "subject": "Fuzz call"})
    if "person_id" in names:
        known["person_id"] = create(f"customers/{known['customer_id']}/people", {"first_name": "Fuzz"})
    return {name: known[name] for name in names if name in known}
