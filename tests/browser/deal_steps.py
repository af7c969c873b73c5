"""Deals, pipelines and views made through the API for the browser tests: each test gets a pipeline of its own, so
its board holds only its own deals."""

from __future__ import annotations

from typing import Any

from tests.browser.support import ApiCaller

STAGES = [
    {"id": "new", "name": "New", "probability": 10, "color": "#90caf9", "rotting_days": 7},
    {"id": "talks", "name": "Talks", "probability": 50, "color": "#1e88e5"},
    {"id": "won", "name": "Won", "probability": 100, "kind": "won", "color": "#43a047"},
    {"id": "lost", "name": "Lost", "probability": 0, "kind": "lost", "color": "#e53935"},
]


def make_pipeline(api: ApiCaller, marker: str, name: str = "Board") -> dict[str, Any]:
    status, body = api.call("POST", "/pipelines", {"name": f"{name} {marker}", "stages": STAGES})
    assert status == 201, body
    return body


def make_deal(api: ApiCaller, pipeline: dict[str, Any], customer: dict[str, Any], **fields: Any) -> dict[str, Any]:
    status, body = api.call("POST", "/deals", {"customer_id": customer["id"], "pipeline_id": pipeline["id"],
                                               "title": "Deal", **fields})
    assert status == 201, body
    return body


def get_deal(api: ApiCaller, deal_id: str) -> dict[str, Any]:
    status, body = api.call("GET", f"/deals/{deal_id}")
    assert status == 200, body
    return body
