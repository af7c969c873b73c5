"""The schema, built once per process (with or without introspection), and the one function that runs a request."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.extensions import DisableIntrospection
from strawberry.types import ExecutionContext

from crm.graphql.context import Context
from crm.graphql.errors import graphql_error
from crm.graphql.limits import DocumentLimits
from crm.graphql.mutations import Mutation
from crm.graphql.queries import Query

T = TypeVar("T")


class CrmSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Errors a caller caused are answered, not logged; the others are logged where they are answered
        (crm.graphql.errors), with an incident number."""


@functools.cache
def crm_schema(introspection: bool) -> strawberry.Schema:
    """The schema; without introspection (``__schema``, ``__type``) outside local mode."""
    extensions: list[Any] = [DocumentLimits]
    if not introspection:
        extensions.append(DisableIntrospection)
    return CrmSchema(query=Query, mutation=Mutation, extensions=extensions)


def sdl() -> str:
    """The schema in the GraphQL schema language, as committed in crm/graphql/schema.graphql."""
    return crm_schema(True).as_str() + "\n"


def run(context: Context, query: str, variables: dict[str, Any] | None, operation_name: str | None,
        *, introspection: bool) -> dict[str, Any]:
    """Run one GraphQL request for ``context``'s caller; the response's body.

    Always 200, as GraphQL over HTTP answers JSON: ``errors`` holds what failed, each with its REST code in
    ``extensions.code``; ``data`` is left out when the document could not run at all (not GraphQL, not valid
    against the schema, over a limit, variables of the wrong type).
    """
    schema = crm_schema(introspection)
    result = _run_to_end(lambda: schema.execute(query, variables, context, operation_name=operation_name))
    body: dict[str, Any] = {}
    errors = result.errors or []
    if errors:
        body["errors"] = [graphql_error(error) for error in errors]
    if result.data is not None or any(error.path for error in errors) or not errors:
        body["data"] = result.data
    return body


def _run_to_end(start: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine in an event loop of its own: in this thread, or (under a server that runs handlers inside an
    event loop) in a thread of its own, with this thread's context (the request's, the read meter's)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(start())
    context, results, errors = contextvars.copy_context(), list[T](), list[BaseException]()

    def work() -> None:
        try:
            results.append(context.run(asyncio.run, start()))
        except BaseException as error:  # handed to the request's thread, which raises it
            errors.append(error)

    worker = threading.Thread(target=work, name="graphql")
    worker.start()
    worker.join()
    if errors:
        raise errors[0]
    return results[0]


if __name__ == "__main__":  # python -m crm.graphql.schema > crm/graphql/schema.graphql
    print(sdl(), end="")
