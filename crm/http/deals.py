"""HTTP handlers for deals and their stage transitions."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.deal_queries import DealListParams
from crm.domain.deals import Deal, DealCreate, DealsPage, DealUpdate, LostReason, Reopen, StageMove
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, optional_body, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services import deals

TAG = "deals"
ONE = "/crm/deals/<deal_id>"


@api.route("/crm/deals", "GET", summary="List deals", tag=TAG, access=Access.READ, query=DealListParams,
           response=DealsPage)
def list_deals() -> Response:
    return json_response(deals.list_deals(deps().deals, parse_query(DealListParams), caller()))


@api.route("/crm/customers/<customer_id>/deals", "GET", summary="A customer's deals", tag=TAG, access=Access.READ,
           query=DealListParams, response=DealsPage)
def list_customer_deals(customer_id: str) -> Response:
    params = parse_query(DealListParams).model_copy(update={"customer_id": customer_id})
    return json_response(deals.list_deals(deps().deals, params, caller()))


@api.route("/crm/deals", "POST", summary="Create a deal", tag=TAG, access=Access.WRITE, body=DealCreate, response=Deal,
           status=201, errors=(413, 422))
def create_deal() -> Response:
    created = deals.create_deal(deps().transactions, parse_body(DealCreate), caller())
    location = url_for(f"{request.blueprint}.get_deal", deal_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a deal", tag=TAG, access=Access.READ, response=Deal, errors=(404,))
def get_deal(deal_id: str) -> Response:
    return json_response(deals.get_deal(deps().deals, deal_id, caller()))


@api.route(ONE, "PATCH", summary="Update the given fields of a deal", tag=TAG, access=Access.WRITE, body=DealUpdate,
           response=Deal, errors=(404, 409, 413, 422))
def patch_deal(deal_id: str) -> Response:
    data = parse_body(DealUpdate)
    return json_response(deals.update_deal(deps().transactions, deal_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Update the given fields of a deal (partial, like PATCH)", tag=TAG, access=Access.WRITE,
           body=DealUpdate, response=Deal, errors=(404, 409, 413, 422))
def put_deal(deal_id: str) -> Response:
    return patch_deal(deal_id)


@api.route(ONE, "DELETE", summary="Delete a deal", tag=TAG, access=Access.WRITE, status=204, errors=(404,))
def delete_deal(deal_id: str) -> Response:
    deals.delete_deal(deps().transactions, deal_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/advance-stage", "POST", summary="Into the next open stage, or won after the last", tag=TAG,
           access=Access.WRITE, response=Deal, errors=(404, 409, 412))
def advance_deal(deal_id: str) -> Response:
    return json_response(deals.advance_deal(deps().transactions, deal_id, caller(), if_match()))


@api.route(f"{ONE}/move-stage", "POST", summary="Into a given stage (of this or another pipeline)", tag=TAG,
           access=Access.WRITE, body=StageMove, response=Deal, errors=(404, 409, 412, 422))
def move_deal(deal_id: str) -> Response:
    return json_response(deals.move_deal(deps().transactions, deal_id, parse_body(StageMove), caller(), if_match()))


@api.route(f"{ONE}/mark-won", "POST", summary="Close the deal as won", tag=TAG, access=Access.WRITE, response=Deal,
           errors=(404, 409, 412))
def mark_deal_won(deal_id: str) -> Response:
    return json_response(deals.mark_deal_won(deps().transactions, deal_id, caller(), if_match()))


@api.route(f"{ONE}/mark-lost", "POST", summary="Close the deal as lost, with a reason", tag=TAG, access=Access.WRITE,
           body=LostReason, response=Deal, errors=(404, 409, 412, 422))
def mark_deal_lost(deal_id: str) -> Response:
    reason = parse_body(LostReason).reason
    return json_response(deals.mark_deal_lost(deps().transactions, deal_id, reason, caller(), if_match()))


@api.route(f"{ONE}/reopen", "POST", summary="Reopen a won or lost deal", tag=TAG, access=Access.WRITE, body=Reopen,
           response=Deal, errors=(404, 409, 412, 422))
def reopen_deal(deal_id: str) -> Response:
    stage = optional_body(Reopen).stage
    return json_response(deals.reopen_deal(deps().transactions, deal_id, stage, caller(), if_match()))
