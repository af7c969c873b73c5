"""The Query type: customers, deals, pipelines, the forecast and the dashboard, each through the REST API's use case
with the same parameters (validated by the same models) and the same access."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from crm.domain.access import Access
from crm.domain.customer_queries import CustomerListParams
from crm.domain.deal_queries import DealListParams
from crm.domain.deal_reports import ForecastParams
from crm.graphql import enums
from crm.graphql.context import Context
from crm.graphql.records import Customer, Deal, PageInfo, Pipeline, as_json
from crm.services import customers, deal_reports, deals, pipelines

Search = Annotated[str | None, strawberry.argument(description="Words or word starts, every one required; best "
                                                               "matches first; forgives one typo")]
OrderBy = Annotated[str | None, strawberry.argument(description="A field, with a leading - for descending (as the "
                                                                "REST list's order_by)")]
First = Annotated[int, strawberry.argument(description="Page size, 1-100")]
After = Annotated[str | None, strawberry.argument(description="endCursor of the previous page")]


@strawberry.type(description="A page of customers, as GET /api/crm/customers answers it")
class CustomerConnection:
    nodes: list[Customer]
    total_count: int = strawberry.field(description="Customers that match; counting stops at 4000 (totalExact)")
    total_exact: bool
    page_info: PageInfo


@strawberry.type(description="A page of deals, as GET /api/crm/deals answers it")
class DealConnection:
    nodes: list[Deal]
    total_count: int
    total_exact: bool
    page_info: PageInfo


@strawberry.type
class Query:
    @strawberry.field(description="List and search customers: the parameters and rules of GET /api/crm/customers "
                                  "(a rep lists only their own)")
    def customers(self, info: Info[Context, None], search: Search = None,
                  status: list[enums.CustomerStatusValue] | None = None,  # type: ignore[valid-type]
                  tag: str | None = None, source: enums.CustomerSourceValue | None = None,  # type: ignore[valid-type]
                  priority: str | None = None, rating: str | None = None, created_from: str | None = None,
                  created_to: str | None = None, owner_id: str | None = None, order_by: OrderBy = None,
                  first: First = 25, after: After = None) -> CustomerConnection | None:
        ctx = info.context
        statuses = ",".join(str(enums.value_of(s)) for s in status) if status else None
        params = ctx.params(CustomerListParams, search=search, tag=tag, source=enums.value_of(source),
                            status=statuses, priority=priority, rating=rating, created_from=created_from,
                            created_to=created_to, owner_id=owner_id,
                            order_by=order_by, page_size=first, cursor=after)
        page = customers.list_customers(ctx.deps.customers, params, ctx.caller)
        return CustomerConnection(nodes=[Customer.of(c) for c in page.results], total_count=page.total,
                                  total_exact=page.total_exact, page_info=_page_info(page.next_cursor))

    @strawberry.field(description="A customer (NOT_FOUND when there is none the caller may see)")
    def customer(self, info: Info[Context, None], id: strawberry.ID) -> Customer | None:
        ctx = info.context
        return Customer.of(customers.get_customer(ctx.deps.customers, ctx.record_id(id), ctx.caller))

    @strawberry.field(description="List deals: the parameters and rules of GET /api/crm/deals")
    def deals(self, info: Info[Context, None], pipeline_id: str | None = None, stage: str | None = None,
              customer_id: str | None = None, owner_id: str | None = None,
              status: enums.DealStatusValue | None = None, tag: str | None = None,  # type: ignore[valid-type]
              expected_close_from: str | None = None, expected_close_to: str | None = None,
              order_by: OrderBy = None, first: First = 25, after: After = None) -> DealConnection | None:
        ctx = info.context
        params = ctx.params(DealListParams, pipeline_id=pipeline_id, stage=stage, customer_id=customer_id,
                            owner_id=owner_id, status=enums.value_of(status), tag=tag,
                            expected_close_from=expected_close_from, expected_close_to=expected_close_to,
                            order_by=order_by, page_size=first, cursor=after)
        page = deals.list_deals(ctx.deps.deals, params, ctx.caller)
        return DealConnection(nodes=[Deal.of(d) for d in page.results], total_count=page.total,
                              total_exact=page.total_exact, page_info=_page_info(page.next_cursor))

    @strawberry.field(description="A deal (NOT_FOUND when there is none the caller may see)")
    def deal(self, info: Info[Context, None], id: strawberry.ID) -> Deal | None:
        ctx = info.context
        return Deal.of(deals.get_deal(ctx.deps.deals, ctx.record_id(id), ctx.caller))

    @strawberry.field(description="Every pipeline with its stages in order")
    def pipelines(self, info: Info[Context, None]) -> list[Pipeline] | None:
        return [Pipeline.of(p) for p in pipelines.list_pipelines(info.context.deps.transactions).results]

    @strawberry.field(description="A pipeline")
    def pipeline(self, info: Info[Context, None], id: strawberry.ID) -> Pipeline | None:
        ctx = info.context
        return Pipeline.of(pipelines.get_pipeline(ctx.deps.transactions, ctx.record_id(id)))

    @strawberry.field(description="Company-wide forecast of a pipeline (reports access): the document GET "
                                  "/api/crm/deals/forecast answers")
    def forecast(self, info: Info[Context, None], pipeline_id: str | None = None,
                 from_month: Annotated[str | None, strawberry.argument(description="YYYY-MM")] = None,
                 to_month: Annotated[str | None, strawberry.argument(description="YYYY-MM")] = None) -> JSON | None:
        ctx = info.context
        ctx.require(Access.REPORTS)
        params = ctx.params(ForecastParams, pipeline_id=pipeline_id, from_month=from_month, to_month=to_month)
        return as_json(deal_reports.forecast(ctx.deps.transactions, ctx.deps.reports, params))

    @strawberry.field(description="Leads, open and won deals, conversion and pipeline distribution (reports "
                                  "access): the document GET /api/crm/dashboard answers")
    def dashboard(self, info: Info[Context, None]) -> JSON | None:
        ctx = info.context
        ctx.require(Access.REPORTS)
        return as_json(deal_reports.dashboard(ctx.deps.transactions, ctx.deps.reports))


def _page_info(next_cursor: str | None) -> PageInfo:
    return PageInfo(has_next_page=next_cursor is not None, end_cursor=next_cursor)
