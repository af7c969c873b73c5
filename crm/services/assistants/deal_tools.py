"""Assistant tools over the deal use cases and reports: create, move, win or lose a deal; pipelines, the pipeline
summary and the forecast."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import Field

from crm.domain.access import Access
from crm.domain.common import DocumentId, ShortText
from crm.domain.deal_reports import ForecastParams, Month, PipelineReportParams
from crm.domain.deals import Deal, DealCreate, Id, Probability, Reason, StageMove, Title
from crm.domain.money import Amount, Currency
from crm.identity import Caller
from crm.services import deal_reports, deals, pipelines
from crm.services.assistants.catalog import AssistantTool, ToolArguments, ToolBackend, ToolResult, read, written

DealId = Annotated[DocumentId, Field(description="The deal's id")]
PipelineId = Annotated[DocumentId, Field(description="The pipeline's id (list_pipelines); the default pipeline "
                                                     "when left out")]
StageId = Annotated[Id, Field(description="A stage id of the pipeline, e.g. qualified (list_pipelines gives them)")]


class NewDeal(ToolArguments):
    customer_id: Annotated[DocumentId, Field(description="The customer the deal is with")]
    title: Annotated[Title, Field(description="What is being sold, e.g. '20 licences, 2027'")]
    value: Annotated[Amount, Field(description="Amount as a decimal string, e.g. '12500.00'")] | None = None
    currency: Annotated[Currency, Field(description="ISO 4217 code, e.g. EUR; the CRM's base currency when left "
                                                    "out")] | None = None
    pipeline_id: PipelineId | None = None
    stage: Annotated[Id, Field(description="Stage id to start in; the first open stage when left out")] | None = None
    probability: Annotated[Probability, Field(description="0-100; the stage's when left out")] | None = None
    expected_close_date: Annotated[date, Field(description="YYYY-MM-DD")] | None = None
    notes: Annotated[ShortText, Field(description="Anything worth knowing about the deal")] | None = None
    owner_id: Annotated[str, Field(min_length=1, max_length=128, description=(
        "Who is responsible; the caller unless given (only managers and admins name someone else)"))] | None = None


def create_deal(backend: ToolBackend, caller: Caller, args: NewDeal) -> ToolResult:
    created = deals.create_deal(backend.transactions, DealCreate.model_validate(args.model_dump(exclude_unset=True)),
                                caller)
    return written("deal", created, f"Created deal {created.title!r}, {_money(created)} in stage {created.stage}, "
                                    f"for customer {created.customer_id}, id {created.id}")


class DealMove(ToolArguments):
    deal_id: DealId
    stage: StageId
    pipeline_id: Annotated[DocumentId, Field(description="Another pipeline to move the deal into; its own pipeline "
                                                         "when left out")] | None = None
    reason: Annotated[Reason, Field(description="Why; required when the stage is a lost stage")] | None = None


def move_deal(backend: ToolBackend, caller: Caller, args: DealMove) -> ToolResult:
    move = StageMove(stage=args.stage, pipeline_id=args.pipeline_id, reason=args.reason)
    moved = deals.move_deal(backend.transactions, args.deal_id, move, caller)
    before = moved.stage_history[-1].from_stage if moved.stage_history else None
    return written("deal", moved, f"Moved deal {moved.title!r} from stage {before} to {moved.stage} "
                                  f"({moved.status.value}, probability {moved.probability}%)")


class DealRef(ToolArguments):
    deal_id: DealId


def mark_deal_won(backend: ToolBackend, caller: Caller, args: DealRef) -> ToolResult:
    won = deals.mark_deal_won(backend.transactions, args.deal_id, caller)
    return written("deal", won, f"Marked deal {won.title!r} won ({_money(won)}); its value counts to the customer's "
                                "lifetime value")


class DealLoss(ToolArguments):
    deal_id: DealId
    reason: Annotated[Reason, Field(description="Why the deal was lost, e.g. 'chose a competitor on price'")]


def mark_deal_lost(backend: ToolBackend, caller: Caller, args: DealLoss) -> ToolResult:
    lost = deals.mark_deal_lost(backend.transactions, args.deal_id, args.reason, caller)
    return written("deal", lost, f"Marked deal {lost.title!r} lost ({_money(lost)}): {args.reason}")


def _money(deal: Deal) -> str:
    return f"{deal.currency} {deal.value:,.2f}"


class NoArguments(ToolArguments):
    pass


def list_pipelines(backend: ToolBackend, caller: Caller, args: NoArguments) -> ToolResult:
    return read(pipelines.list_pipelines(backend.transactions))


class PipelineRef(ToolArguments):
    pipeline_id: PipelineId | None = None


def get_pipeline_summary(backend: ToolBackend, caller: Caller, args: PipelineRef) -> ToolResult:
    params = PipelineReportParams(pipeline_id=args.pipeline_id)
    return read(deal_reports.pipeline_summary(backend.transactions, backend.reports, params))


class ForecastRequest(ToolArguments):
    pipeline_id: PipelineId | None = None
    from_month: Annotated[Month, Field(description="First month, YYYY-MM; this month when left out")] | None = None
    to_month: Annotated[Month, Field(description="Last month, YYYY-MM; five months after from_month when left out; "
                                                 "at most 24 months in all")] | None = None


def get_forecast(backend: ToolBackend, caller: Caller, args: ForecastRequest) -> ToolResult:
    params = ForecastParams(pipeline_id=args.pipeline_id, from_month=args.from_month, to_month=args.to_month)
    return read(deal_reports.forecast(backend.transactions, backend.reports, params))


TOOLS: list[AssistantTool[Any]] = [
    AssistantTool("create_deal", "Create a deal", (
        "Open a deal with a customer in a pipeline (the default one unless named), in its first open stage unless "
        "a stage is given."),
        NewDeal, Access.WRITE, create_deal),
    AssistantTool("move_deal", "Move a deal", (
        "Move a deal to another stage of its pipeline (or into another pipeline). Moving into a lost stage needs a "
        "reason; to close a deal, mark_deal_won and mark_deal_lost say so more plainly."),
        DealMove, Access.WRITE, move_deal),
    AssistantTool("mark_deal_won", "Mark a deal won", (
        "Close a deal as won: it moves to the won stage, and its value is added to the customer's lifetime value "
        "(a lead or prospect becomes a customer)."),
        DealRef, Access.WRITE, mark_deal_won),
    AssistantTool("mark_deal_lost", "Mark a deal lost", (
        "Close a deal as lost, with the reason it was lost."),
        DealLoss, Access.WRITE, mark_deal_lost),
    AssistantTool("list_pipelines", "Pipelines", (
        "Every pipeline with its stages in order: each stage's id, name, probability and kind (open, won, lost)."),
        NoArguments, Access.READ, list_pipelines),
    AssistantTool("get_pipeline_summary", "Pipeline summary", (
        "Company-wide figures of a pipeline: for each stage the number of deals, their value and their weighted "
        "value (value x probability), per currency and converted into the base currency."),
        PipelineRef, Access.REPORTS, get_pipeline_summary),
    AssistantTool("get_forecast", "Forecast", (
        "Company-wide revenue forecast of a pipeline: open deals' value and weighted value, and won revenue, in "
        "all and by month of expected close (won deals by month of closing), by owner and by stage."),
        ForecastRequest, Access.REPORTS, get_forecast),
]
