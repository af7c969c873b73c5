"""The GraphQL schema as committed: a change to the schema is a change to crm/graphql/schema.graphql, reviewed with
the code. Regenerate it with: .venv/bin/python -m crm.graphql.schema > crm/graphql/schema.graphql"""

from __future__ import annotations

from pathlib import Path

from crm.graphql.schema import sdl

COMMITTED = Path(__file__).resolve().parents[2] / "crm" / "graphql" / "schema.graphql"


def test_the_schema_is_the_committed_one():
    assert sdl() == COMMITTED.read_text(), (
        "the GraphQL schema changed: review it, then run .venv/bin/python -m crm.graphql.schema > "
        "crm/graphql/schema.graphql")


def test_a_request_runs_to_its_end_also_under_a_running_event_loop():
    import asyncio
    import contextvars
    from concurrent.futures import ThreadPoolExecutor

    from crm.graphql.schema import _run_to_end

    marker = contextvars.ContextVar("marker", default="unset")

    async def read_marker() -> str:
        return marker.get()

    async def handler_inside_a_loop() -> str:
        marker.set("the request's")
        return _run_to_end(read_marker)

    assert _run_to_end(read_marker) == "unset"
    # In a thread of its own: in a whole run, this thread may hold the browser tests' (Playwright's) loop already.
    with ThreadPoolExecutor(max_workers=1) as thread:
        assert thread.submit(asyncio.run, handler_inside_a_loop()).result() == "the request's"
