"""What every resolver of one GraphQL request shares: the caller, the app's dependencies, and the request's
DataLoaders (so a customer's deals in a list are read together with the other customers')."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from strawberry.dataloader import DataLoader

from crm.domain import access
from crm.domain.access import Access
from crm.domain.activities import ActivityStatus
from crm.domain.deals import DealStatus
from crm.domain.orders import OrderStatus
from crm.errors import InvalidArgumentError, NotFoundError
from crm.http.dependencies import Dependencies
from crm.http.errors import validation_details
from crm.http.parsing import validate_document
from crm.http.routing import RECORD_ID
from crm.identity import Caller
from crm.services import customer_records

M = TypeVar("M", bound=BaseModel)
LOADERS: dict[str, tuple[Any, type[StrEnum]]] = {
    "deals": (customer_records.customers_deals, DealStatus),
    "orders": (customer_records.customers_orders, OrderStatus),
    "activities": (customer_records.customers_activities, ActivityStatus),
}
ARGUMENT_NAMES = {"page_size": "first", "cursor": "after"}


def argument_name(field: str) -> str:
    """The GraphQL argument a query parameter is given by: page_size is first, cursor is after, others camelCase."""
    head, *rest = ARGUMENT_NAMES.get(field, field).split("_")
    return head + "".join(part.capitalize() for part in rest)


@dataclass
class Context:
    deps: Dependencies
    caller: Caller
    loaders: dict[tuple[str, str | None, int], DataLoader[str, list[Any]]] = field(default_factory=dict)
    mutations: int = 0

    def require(self, needed: Access) -> None:
        """Refuse the field unless the caller's role has ``needed`` (the request itself needed read access).

        Raises:
            PermissionDeniedError: as the REST API refuses the same operation.
        """
        access.require(self.caller, needed)

    def write(self) -> None:
        """A mutation: write access, and one request of the caller's rate limit for each mutation after the first
        (the request itself counted once), so a batch of mutations costs what the same REST calls would.

        Raises:
            PermissionDeniedError: the caller's role may not write.
            ResourceExhaustedError: the caller has spent its budget of requests.
        """
        access.require(self.caller, Access.WRITE)
        self.mutations += 1
        if self.mutations > 1:
            self.deps.rate_limits.take(self.caller.uid)

    def record_id(self, value: str, argument: str = "id") -> str:
        """A record id as a path parameter of the REST API is checked: one of an impossible shape names nothing.

        Raises:
            NotFoundError: ``value`` cannot be a record's id.
        """
        if not RECORD_ID.matches(value):
            raise NotFoundError(f"nothing has the {argument} {value[:130]!r}",
                                [{"field": argument, "message": RECORD_ID.description}])
        return value

    def params(self, model: type[M], **arguments: Any) -> M:
        """Query arguments validated as the REST query parameters ``model`` (None means left out).

        Raises:
            InvalidArgumentError: with one detail per argument, named as in GraphQL.
        """
        given = {name: value for name, value in arguments.items() if value is not None}
        try:
            return model.model_validate(given)
        except ValidationError as exc:
            details = validation_details(exc)
            for detail in details:
                detail["field"] = argument_name(detail["field"]) if detail["field"] else None
            raise InvalidArgumentError("the arguments are not valid", details) from None

    def input(self, model: type[M], data: Any, argument: str | None = "input") -> M:
        """An ``input`` argument (or, with ``argument`` None, the arguments given) validated as the REST body
        ``model``, with the same refusals.

        Raises:
            ValidationFailedError: with one detail per field, named input.<field> (or as the argument).
        """
        return validate_document(model, data, (argument,) if argument else ())

    def loader(self, kind: str, status: str | None, per_customer: int) -> DataLoader[str, list[Any]]:
        """The request's loader of customers' ``kind`` records (deals, orders, activities) with these filters.

        Raises:
            InvalidArgumentError: ``per_customer`` out of range.
        """
        if not 1 <= per_customer <= customer_records.MAX_PER_CUSTOMER:
            raise InvalidArgumentError(f"first takes 1-{customer_records.MAX_PER_CUSTOMER}",
                                       [{"field": "first", "message": f"1-{customer_records.MAX_PER_CUSTOMER}"}])
        key = (kind, status, per_customer)
        if key not in self.loaders:
            self.loaders[key] = DataLoader(load_fn=self._batch(kind, status, per_customer))
        return self.loaders[key]

    def _batch(self, kind: str, status: str | None, per_customer: int) -> Any:
        read, statuses = LOADERS[kind]
        wanted = statuses(status) if status else None

        async def load(customer_ids: Sequence[str]) -> list[list[Any]]:
            found = read(self.deps.customer_records, customer_ids, wanted, per_customer, self.caller)
            return [found.get(customer_id, []) for customer_id in customer_ids]

        return load
