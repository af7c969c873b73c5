"""The GraphQL object types of records: customers, deals, orders, activities, notes, timeline entries, pipelines.

Each type is built from the domain model the REST API serves (``of``); its plain fields are copied by name, and
``document`` gives the whole record as the REST API's JSON for anything not typed here (contacts, line items, ...).
A customer's deals, orders and activities go through the request's DataLoaders (crm.graphql.loaders), so a page of
customers with their deals reads them in one query per 30 customers.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import strawberry
from pydantic import BaseModel
from strawberry.scalars import JSON
from strawberry.types import Info

from crm.domain.activities import Activity as ActivityRecord
from crm.domain.customers import Customer as CustomerRecord
from crm.domain.deals import Deal as DealRecord
from crm.domain.orders import Order as OrderRecord
from crm.domain.pipelines import Pipeline as PipelineRecord
from crm.domain.timeline import AuditEntry, TimelineParams
from crm.graphql import enums
from crm.graphql.context import Context
from crm.services.customer_records import MAX_PER_CUSTOMER
from crm.services.timeline import customer_timeline

T = TypeVar("T")
PerCustomer = Annotated[int, strawberry.argument(description=f"At most this many, newest first (1-{MAX_PER_CUSTOMER})")]


def as_json(model: BaseModel) -> JSON:
    """A model as the REST API serializes it, for a JSON field."""
    return model.model_dump(mode="json")  # type: ignore[return-value]


def of(cls: type[T], source: BaseModel, /, **given: Any) -> T:
    """An instance of GraphQL type ``cls`` with the plain fields of ``source`` that ``cls`` declares."""
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    names = [f.python_name for f in definition.fields if f.base_resolver is None and f.python_name not in given]
    return cls(**{name: getattr(source, name) for name in names}, **given)


@strawberry.type(description="A note on a customer")
class Note:
    text: str
    by: str = strawberry.field(description="Who wrote it: a uid, or apikey:<prefix>")
    at: datetime


@strawberry.type(description="One write to a customer or its deals, orders and activities")
class TimelineEntry:
    id: strawberry.ID
    entity: enums.AuditEntityValue  # type: ignore[valid-type]
    entity_id: str
    action: str
    by: str
    at: datetime
    summary: str
    label: str | None
    changes: JSON = strawberry.field(description="Per field {before, after}; for lists {added, removed}")

    @classmethod
    def of(cls, entry: AuditEntry) -> TimelineEntry:
        return of(cls, entry, entity=enums.AuditEntityValue(entry.entity.value), action=entry.action.value)


@strawberry.type(description="Where a page ends, and whether another follows")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None = strawberry.field(description="Pass as `after` for the next page")


@strawberry.type(description="A page of a customer's timeline, newest first")
class TimelineConnection:
    nodes: list[TimelineEntry]
    total_count: int
    total_exact: bool
    page_info: PageInfo


@strawberry.type(description="A deal in a pipeline's stage")
class Deal:
    id: strawberry.ID
    customer_id: str
    title: str
    value: Decimal
    currency: str
    pipeline_id: str
    stage: str
    substage: str | None
    probability: int
    status: enums.DealStatusValue  # type: ignore[valid-type]
    expected_close_date: date | None
    expected_revenue: Decimal = strawberry.field(description="value x probability")
    owner_id: str | None
    notes: str | None
    tags: list[str]
    lost_reason: str | None
    closed_at: datetime | None
    stage_entered_at: datetime
    next_activity_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: str = strawberry.field(description="Pass as ifVersion to change only this version")
    record: strawberry.Private[DealRecord]

    @strawberry.field(description="The deal as GET /api/crm/deals/{id} serves it")
    def document(self) -> JSON:
        return as_json(self.record)

    @classmethod
    def of(cls, deal: DealRecord) -> Deal:
        return of(cls, deal, status=enums.DealStatusValue(deal.status.value), record=deal)


@strawberry.type(description="An order of a customer")
class Order:
    id: strawberry.ID
    customer_id: str
    order_number: str
    total: Decimal
    currency: str
    status: enums.OrderStatusValue  # type: ignore[valid-type]
    notes: str | None
    owner_id: str
    created_at: datetime
    updated_at: datetime
    delivered_at: datetime | None
    cancelled_at: datetime | None
    version: str
    record: strawberry.Private[OrderRecord]

    @strawberry.field(description="The order as GET /api/crm/orders/{id} serves it")
    def document(self) -> JSON:
        return as_json(self.record)

    @classmethod
    def of(cls, order: OrderRecord) -> Order:
        return of(cls, order, status=enums.OrderStatusValue(order.status.value), record=order)


@strawberry.type(description="A call, meeting, task, email or note about a customer (and maybe a deal)")
class Activity:
    id: strawberry.ID
    type: enums.ActivityTypeValue  # type: ignore[valid-type]
    subject: str
    description: str | None
    due_at: datetime | None
    status: enums.ActivityStatusValue  # type: ignore[valid-type]
    completed_at: datetime | None
    priority: enums.ActivityPriorityValue  # type: ignore[valid-type]
    customer_id: str
    deal_id: str | None
    owner_id: str
    created_at: datetime
    updated_at: datetime
    version: str

    @classmethod
    def of(cls, activity: ActivityRecord) -> Activity:
        return of(cls, activity, type=enums.ActivityTypeValue(activity.type.value),
                  status=enums.ActivityStatusValue(activity.status.value),
                  priority=enums.ActivityPriorityValue(activity.priority.value))


@strawberry.type(description="A person or company the team sells to")
class Customer:
    id: strawberry.ID
    name: str
    organization: str | None
    email: str | None = strawberry.field(description="The primary email contact")
    phone: str | None = strawberry.field(description="The primary phone contact")
    status: enums.CustomerStatusValue  # type: ignore[valid-type]
    source: enums.CustomerSourceValue | None  # type: ignore[valid-type]
    language: str
    tags: list[str]
    owner_id: str | None
    lifetime_value: Decimal
    notes: list[Note]
    created_at: datetime
    updated_at: datetime
    last_activity_at: datetime | None
    version: str = strawberry.field(description="Pass as ifVersion to change only this version")
    record: strawberry.Private[CustomerRecord]

    @strawberry.field(description="The customer as GET /api/crm/customers/{id} serves it (contacts, location, "
                                   "owned items and every other field)")
    def document(self) -> JSON:
        return as_json(self.record)

    @strawberry.field(description="The customer's deals, newest first (a rep's: their own). Batched: a page of "
                                  "customers reads them in one query per 30 customers")
    async def deals(self, info: Info[Context, None], status: enums.DealStatusValue | None = None,  # type: ignore[valid-type]
                    first: PerCustomer = 25) -> list[Deal]:
        found = await info.context.loader("deals", enums.value_of(status), first).load(str(self.id))
        return [Deal.of(deal) for deal in found]

    @strawberry.field(description="The customer's orders, newest first (a rep's: their own); batched like deals")
    async def orders(self, info: Info[Context, None], status: enums.OrderStatusValue | None = None,  # type: ignore[valid-type]
                     first: PerCustomer = 25) -> list[Order]:
        found = await info.context.loader("orders", enums.value_of(status), first).load(str(self.id))
        return [Order.of(order) for order in found]

    @strawberry.field(description="The customer's activities, newest first (a rep's: their own); batched like "
                                  "deals")
    async def activities(self, info: Info[Context, None], status: enums.ActivityStatusValue | None = None,  # type: ignore[valid-type]
                         first: PerCustomer = 25) -> list[Activity]:
        found = await info.context.loader("activities", enums.value_of(status), first).load(str(self.id))
        return [Activity.of(activity) for activity in found]

    @strawberry.field(description="What happened to the customer and its records, newest first. Not batched: "
                                  "each customer's timeline is a query of its own (and costs more, see the limits)")
    def timeline(self, info: Info[Context, None], entity: enums.AuditEntityValue | None = None,  # type: ignore[valid-type]
                 first: int = 25, after: str | None = None) -> TimelineConnection:
        ctx = info.context
        params = ctx.params(TimelineParams, entity=enums.value_of(entity), page_size=first, cursor=after)
        page = customer_timeline(ctx.deps.customers, ctx.deps.audit, str(self.id), params, ctx.caller)
        return TimelineConnection(nodes=[TimelineEntry.of(e) for e in page.results], total_count=page.total,
                                  total_exact=page.total_exact,
                                  page_info=PageInfo(has_next_page=page.next_cursor is not None,
                                                     end_cursor=page.next_cursor))

    @classmethod
    def of(cls, customer: CustomerRecord) -> Customer:
        return of(cls, customer, status=enums.CustomerStatusValue(customer.status.value),
                  source=enums.CustomerSourceValue(customer.source.value) if customer.source else None,
                  notes=[of(Note, note) for note in customer.notes], record=customer)


@strawberry.type(description="A stage of a pipeline")
class Stage:
    id: str
    name: str
    probability: int
    color: str
    kind: str = strawberry.field(description="open, won or lost")
    rotting_days: int | None


@strawberry.type(description="A sales pipeline: its stages in order")
class Pipeline:
    id: strawberry.ID
    name: str
    is_default: bool
    stages: list[Stage]
    version: str

    @classmethod
    def of(cls, pipeline: PipelineRecord) -> Pipeline:
        stages = [of(Stage, stage, kind=stage.kind.value) for stage in pipeline.stages]
        return of(cls, pipeline, stages=stages)
