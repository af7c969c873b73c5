"""HTTP handlers for pipelines and the settings that deals depend on."""

from __future__ import annotations

from flask import Response, request, url_for
from pydantic import ConfigDict, Field

from crm.domain.access import Access
from crm.domain.common import DocumentId
from crm.domain.model import Model
from crm.domain.money import CurrencyRates, CurrencyRatesUpdate
from crm.domain.pipelines import Pipeline, PipelineCreate, PipelinesPage, PipelineUpdate
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services import pipelines

TAG = "pipelines"
ONE = "/crm/pipelines/<pipeline_id>"


class PipelineDeleteParams(Model):
    model_config = ConfigDict(extra="forbid")

    move_deals_to: DocumentId | None = Field(None, description="Pipeline that receives this one's deals")


@api.route("/crm/pipelines", "GET", summary="List pipelines", tag=TAG, access=Access.READ, response=PipelinesPage)
def list_pipelines() -> Response:
    return json_response(pipelines.list_pipelines(deps().transactions))


@api.route("/crm/pipelines", "POST", summary="Create a pipeline", tag=TAG, access=Access.ADMIN, body=PipelineCreate,
           response=Pipeline, status=201, errors=(413, 422))
def create_pipeline() -> Response:
    created = pipelines.create_pipeline(deps().transactions, parse_body(PipelineCreate), caller())
    location = url_for(f"{request.blueprint}.get_pipeline", pipeline_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a pipeline", tag=TAG, access=Access.READ, response=Pipeline, errors=(404,))
def get_pipeline(pipeline_id: str) -> Response:
    return json_response(pipelines.get_pipeline(deps().transactions, pipeline_id))


@api.route(ONE, "PATCH", summary="Change a pipeline; stage_moves says where deals of removed stages go", tag=TAG,
           access=Access.ADMIN, body=PipelineUpdate, response=Pipeline, errors=(404, 409, 413, 422))
def patch_pipeline(pipeline_id: str) -> Response:
    data = parse_body(PipelineUpdate)
    updated = pipelines.update_pipeline(deps().transactions, deps().deals, pipeline_id, data, caller(), if_match())
    return json_response(updated)


@api.route(ONE, "PUT", summary="Change a pipeline (partial, like PATCH)", tag=TAG, access=Access.ADMIN,
           body=PipelineUpdate, response=Pipeline, errors=(404, 409, 413, 422))
def put_pipeline(pipeline_id: str) -> Response:
    return patch_pipeline(pipeline_id)


@api.route(ONE, "DELETE", summary="Delete a pipeline; move_deals_to names where its deals go", tag=TAG,
           access=Access.ADMIN, query=PipelineDeleteParams, status=204, errors=(404, 409))
def delete_pipeline(pipeline_id: str) -> Response:
    params = parse_query(PipelineDeleteParams)
    pipelines.delete_pipeline(
        deps().transactions, deps().deals, pipeline_id, params.move_deals_to, caller(), if_match()
    )
    return no_content()


@api.route("/crm/settings/currency-rates", "GET", summary="Exchange rates into the base currency", tag="settings",
           access=Access.READ, response=CurrencyRates)
def get_currency_rates() -> Response:
    return json_response(pipelines.get_currency_rates(deps().transactions))


@api.route("/crm/settings/currency-rates", "PUT", summary="Replace the exchange rates into the base currency",
           tag="settings", access=Access.ADMIN, body=CurrencyRatesUpdate, response=CurrencyRates, errors=(413, 422))
def put_currency_rates() -> Response:
    data = parse_body(CurrencyRatesUpdate)
    return json_response(pipelines.set_currency_rates(deps().transactions, data, caller()))
