"""HTTP handlers for lead pipelines, their boards, and moving a lead on its board."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.customers import Customer
from crm.domain.qualification.board import LeadBoard, LeadBoardParams
from crm.domain.qualification.lead_pipelines import (
    LeadPipeline,
    LeadPipelineCreate,
    LeadPipelinesPage,
    LeadPipelineUpdate,
)
from crm.domain.qualification.moves import LeadMove
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services.qualification import board, lead_pipelines

TAG = "leads"
ONE = "/crm/lead-pipelines/<pipeline_id>"


@api.route("/crm/lead-pipelines", "GET", summary="List lead pipelines (the default first)", tag=TAG,
           access=Access.READ, response=LeadPipelinesPage)
def list_lead_pipelines() -> Response:
    return json_response(lead_pipelines.list_lead_pipelines(deps().transactions))


@api.route("/crm/lead-pipelines", "POST", summary="Create a lead pipeline (the first becomes the default)", tag=TAG,
           access=Access.ADMIN, body=LeadPipelineCreate, response=LeadPipeline, status=201, errors=(413, 422))
def create_lead_pipeline() -> Response:
    created = lead_pipelines.create_lead_pipeline(deps().transactions, parse_body(LeadPipelineCreate), caller())
    location = url_for(f"{request.blueprint}.get_lead_pipeline", pipeline_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a lead pipeline", tag=TAG, access=Access.READ, response=LeadPipeline,
           errors=(404,))
def get_lead_pipeline(pipeline_id: str) -> Response:
    return json_response(lead_pipelines.get_lead_pipeline(deps().transactions, pipeline_id))


@api.route(ONE, "PATCH", summary="Change a lead pipeline; stages holding leads stay", tag=TAG, access=Access.ADMIN,
           body=LeadPipelineUpdate, response=LeadPipeline, errors=(404, 409, 413, 422))
def patch_lead_pipeline(pipeline_id: str) -> Response:
    data = parse_body(LeadPipelineUpdate)
    updated = lead_pipelines.update_lead_pipeline(deps().transactions, deps().lead_board, pipeline_id, data,
                                                  caller(), if_match())
    return json_response(updated)


@api.route(ONE, "PUT", summary="Change a lead pipeline (partial, like PATCH)", tag=TAG, access=Access.ADMIN,
           body=LeadPipelineUpdate, response=LeadPipeline, errors=(404, 409, 413, 422))
def put_lead_pipeline(pipeline_id: str) -> Response:
    return patch_lead_pipeline(pipeline_id)


@api.route(ONE, "DELETE", summary="Delete a lead pipeline that holds no leads", tag=TAG, access=Access.ADMIN,
           status=204, errors=(404, 409))
def delete_lead_pipeline(pipeline_id: str) -> Response:
    lead_pipelines.delete_lead_pipeline(deps().transactions, deps().lead_board, pipeline_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/board", "GET", summary="A lead pipeline's board: columns with counts and best-scored leads",
           tag=TAG, access=Access.READ, query=LeadBoardParams, response=LeadBoard, errors=(400, 404))
def lead_board(pipeline_id: str) -> Response:
    params = parse_query(LeadBoardParams)
    return json_response(board.lead_board(deps().transactions, deps().lead_board, pipeline_id, params, caller()))


@api.route("/crm/customers/<customer_id>/lead-stage", "POST", summary="Move a lead to a stage (and substage) of its "
           "lead pipeline; sets its score", tag=TAG, access=Access.WRITE, body=LeadMove, response=Customer,
           errors=(404, 409, 422))
def move_lead(customer_id: str) -> Response:
    return json_response(board.move_lead(deps().transactions, customer_id, parse_body(LeadMove), caller()))
