"""Limits on what one GraphQL document may ask, checked before anything runs: how deep it nests, how many aliases
it uses, and what it costs.

Cost is an upper bound of the records a document may touch: every field costs its weight (1; a customer's timeline
10, as it is a query of its own per customer; a mutation 10), and a field with ``first`` multiplies what it selects
by ``first`` (25 when left out; a variable's value when given by one). Introspection fields (``__schema``,
``__type``) count for neither depth nor cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    ASTValidationRule,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

MAX_DEPTH = 8
MAX_ALIASES = 20
MAX_COST = 10_000
DEFAULT_PAGE = 25
LARGEST_PAGE = 100
WEIGHTS = {"timeline": 10}
MUTATION_WEIGHT = 10


@dataclass
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0


class DocumentLimits(SchemaExtension):
    """Adds the limits to the validation of each request, with the request's variables (for ``first``)."""

    def on_operation(self) -> Iterator[None]:
        variables = self.execution_context.variables or {}
        self.execution_context.validation_rules = (*self.execution_context.validation_rules, limits_rule(variables))
        yield


def limits_rule(variables: dict[str, Any]) -> type[ASTValidationRule]:
    class Limits(_Limits):
        given = variables

    return Limits


class _Limits(ValidationRule):
    """Refuses a document over MAX_DEPTH, MAX_ALIASES or MAX_COST, each with an INVALID_ARGUMENT error whose
    details name the limit."""

    given: dict[str, Any] = {}

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        document = context.document
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        for operation in document.definitions:
            if isinstance(operation, OperationDefinitionNode):
                self._check(operation, _Walker(fragments, self.given).measure(operation))

    def _check(self, operation: OperationDefinitionNode, measure: Measure) -> None:
        for limit, found, most, what in (("max_depth", measure.depth, MAX_DEPTH, "nests fields"),
                                         ("max_aliases", measure.aliases, MAX_ALIASES, "uses aliases"),
                                         ("max_cost", measure.cost, MAX_COST, "costs")):
            if found > most:
                message = f"the operation {what} {found}; at most {most} are allowed"
                if limit == "max_depth":
                    message = f"the operation nests fields {found} deep; at most {most} levels are allowed"
                self.report_error(limit_error(message, limit, found, most, operation))


def limit_error(message: str, limit: str, found: int, most: int, node: Any = None) -> GraphQLError:
    detail = {"field": "query", "message": message, "type": limit, "limit": most, "found": found}
    return GraphQLError(message, node, extensions={"code": "INVALID_ARGUMENT", "details": [detail]})


class _Walker:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]):
        self.fragments = fragments
        self.variables = variables

    def measure(self, operation: OperationDefinitionNode) -> Measure:
        measure = Measure()
        weight = MUTATION_WEIGHT if operation.operation is OperationType.MUTATION else 1
        measure.depth, measure.cost = self._walk(operation.selection_set, measure, frozenset(), weight)
        return measure

    def _walk(self, selections: SelectionSetNode | None, measure: Measure, seen: frozenset[str],
              top_weight: int | None = None) -> tuple[int, int]:
        """(depth, cost) of a selection set; aliases are added to ``measure`` as they are met."""
        depth, cost = 0, 0
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                if node.name.value.startswith("__"):
                    continue
                measure.aliases += node.alias is not None
                below, inner = self._walk(node.selection_set, measure, seen)
                weight = top_weight or WEIGHTS.get(node.name.value, 1)
                depth, cost = max(depth, 1 + below), cost + weight + self._page(node) * inner
            elif isinstance(node, InlineFragmentNode):
                below, inner = self._walk(node.selection_set, measure, seen, top_weight)
                depth, cost = max(depth, below), cost + inner
            elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
                fragment = self.fragments.get(node.name.value)
                if fragment is not None:
                    below, inner = self._walk(fragment.selection_set, measure, seen | {node.name.value}, top_weight)
                    depth, cost = max(depth, below), cost + inner
        return depth, cost


    def _page(self, node: FieldNode) -> int:
        """How many records a field may answer per record it selects from: its ``first``."""
        for argument in node.arguments or ():
            if argument.name.value == "first":
                value: Any = argument.value
                if isinstance(value, VariableNode):
                    value = self.variables.get(value.name.value, LARGEST_PAGE)
                elif isinstance(value, IntValueNode):
                    value = value.value
                try:
                    return max(1, int(value))
                except (TypeError, ValueError):
                    return LARGEST_PAGE  # refused by validation anyway
        return DEFAULT_PAGE if node.selection_set and _paged(node) else 1


def _paged(node: FieldNode) -> bool:
    return node.name.value in PAGED_FIELDS


PAGED_FIELDS = frozenset({"customers", "deals", "orders", "activities", "timeline"})
