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
