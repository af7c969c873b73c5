"""HTTP handlers for deal reports: pipeline summary, kanban, forecast, stage statistics and the dashboard.

Their static paths (/crm/deals/pipeline, ...) win over /crm/deals/<deal_id>: werkzeug ranks static segments first.
They are company-wide figures, so they need reports access, which a rep (who sees only their own records) lacks;
the deals board (kanban) is the exception: it needs read access, and a rep's holds only their own deals.
"""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.deal_reports import (
    Dashboard,
    Forecast,
    ForecastParams,
    PipelineReportParams,
    PipelineSummary,
    StageStats,
)
from crm.domain.kanban import Kanban, KanbanParams
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services import deal_reports, kanban

TAG = "reports"


@api.route("/crm/deals/pipeline", "GET", summary="Deals, value and expected revenue per stage of a pipeline",
           tag=TAG, access=Access.REPORTS, query=PipelineReportParams, response=PipelineSummary, errors=(404,))
def deal_pipeline_summary() -> Response:
    params = parse_query(PipelineReportParams)
    return json_response(deal_reports.pipeline_summary(deps().transactions, deps().reports, params))


@api.route("/crm/deals/kanban", "GET", summary="The deals board: a pipeline's stages as columns, with their figures "
           "and most valuable deals", tag="deals", access=Access.READ, query=KanbanParams, response=Kanban,
           errors=(404,))
def deal_kanban() -> Response:
    return json_response(kanban.kanban(deps().transactions, deps().reports, parse_query(KanbanParams), caller()))


@api.route("/crm/deals/forecast", "GET", summary="Expected and won revenue by month, owner and stage", tag=TAG,
           access=Access.REPORTS, query=ForecastParams, response=Forecast, errors=(404,))
def deal_forecast() -> Response:
    return json_response(deal_reports.forecast(deps().transactions, deps().reports, parse_query(ForecastParams)))


@api.route("/crm/deals/stats", "GET", summary="Average time in each stage and win rate", tag=TAG, access=Access.REPORTS,
           query=PipelineReportParams, response=StageStats, errors=(404,))
def deal_stage_stats() -> Response:
    params = parse_query(PipelineReportParams)
    return json_response(deal_reports.stage_stats(deps().transactions, deps().reports, params))


@api.route("/crm/dashboard", "GET", summary="Leads, open and won deals, conversion and pipeline distribution",
           tag=TAG, access=Access.REPORTS, response=Dashboard)
def crm_dashboard() -> Response:
    return json_response(deal_reports.dashboard(deps().transactions, deps().reports))
