"""HTTP handlers for saved views of the console's lists."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.saved_views import SavedView, SavedViewCreate, SavedViewListParams, SavedViewsPage, SavedViewUpdate
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services import saved_views

TAG = "views"
ONE = "/crm/views/<view_id>"


@api.route("/crm/views", "GET", summary="The caller's saved views and the shared ones", tag=TAG, access=Access.READ,
           query=SavedViewListParams, response=SavedViewsPage)
def list_views() -> Response:
    return json_response(saved_views.list_views(deps().saved_views, parse_query(SavedViewListParams), caller()))


@api.route("/crm/views", "POST", summary="Save a view (shared ones: managers and admins)", tag=TAG,
           access=Access.READ, body=SavedViewCreate, response=SavedView, status=201, errors=(409, 413, 422))
def create_view() -> Response:
    created = saved_views.create_view(deps().transactions, parse_body(SavedViewCreate), caller())
    location = url_for(f"{request.blueprint}.get_view", view_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a saved view (one's own, or a shared one)", tag=TAG, access=Access.READ,
           response=SavedView, errors=(404,))
def get_view(view_id: str) -> Response:
    return json_response(saved_views.get_view(deps().saved_views, view_id, caller()))


@api.route(ONE, "PATCH", summary="Change one's own saved view", tag=TAG, access=Access.READ, body=SavedViewUpdate,
           response=SavedView, errors=(404, 413, 422))
def patch_view(view_id: str) -> Response:
    data = parse_body(SavedViewUpdate)
    return json_response(saved_views.update_view(deps().transactions, view_id, data, caller(), if_match()))


@api.route(ONE, "DELETE", summary="Delete one's own saved view", tag=TAG, access=Access.READ, status=204,
           errors=(404,))
def delete_view(view_id: str) -> Response:
    saved_views.delete_view(deps().transactions, view_id, caller(), if_match())
    return no_content()
