"""HTTP handlers for activities: calls, meetings, tasks, emails and notes about customers and deals."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.activities import ActivitiesPage, Activity, ActivityCreate, ActivityUpdate
from crm.domain.activity_queries import ActivityListParams
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services import activities

TAG = "activities"
ONE = "/crm/activities/<activity_id>"


@api.route("/crm/activities", "GET", summary="List activities", tag=TAG, access=Access.READ, query=ActivityListParams,
           response=ActivitiesPage)
def list_activities() -> Response:
    return json_response(activities.list_activities(deps().activities, parse_query(ActivityListParams), caller()))


@api.route("/crm/customers/<customer_id>/activities", "GET", summary="A customer's activities", tag=TAG,
           access=Access.READ, query=ActivityListParams, response=ActivitiesPage)
def list_customer_activities(customer_id: str) -> Response:
    params = parse_query(ActivityListParams).model_copy(update={"customer_id": customer_id})
    return json_response(activities.list_activities(deps().activities, params, caller()))


@api.route("/crm/activities", "POST", summary="Create an activity", tag=TAG, access=Access.WRITE, body=ActivityCreate,
           response=Activity, status=201, errors=(413, 422))
def create_activity() -> Response:
    created = activities.create_activity(deps().transactions, parse_body(ActivityCreate), caller())
    location = url_for(f"{request.blueprint}.get_activity", activity_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get an activity", tag=TAG, access=Access.READ, response=Activity, errors=(404,))
def get_activity(activity_id: str) -> Response:
    return json_response(activities.get_activity(deps().activities, activity_id, caller()))


@api.route(ONE, "PATCH", summary="Update the given fields of an activity", tag=TAG, access=Access.WRITE,
           body=ActivityUpdate, response=Activity, errors=(404, 409, 413, 422))
def patch_activity(activity_id: str) -> Response:
    data = parse_body(ActivityUpdate)
    return json_response(activities.update_activity(deps().transactions, activity_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Update the given fields of an activity (partial, like PATCH)", tag=TAG,
           access=Access.WRITE, body=ActivityUpdate, response=Activity, errors=(404, 409, 413, 422))
def put_activity(activity_id: str) -> Response:
    return patch_activity(activity_id)


@api.route(ONE, "DELETE", summary="Delete an activity", tag=TAG, access=Access.WRITE, status=204, errors=(404,))
def delete_activity(activity_id: str) -> Response:
    activities.delete_activity(deps().transactions, activity_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/complete", "POST", summary="Mark a scheduled or in-progress activity completed", tag=TAG,
           access=Access.WRITE, response=Activity, errors=(404, 409))
def complete_activity(activity_id: str) -> Response:
    return json_response(activities.complete_activity(deps().transactions, activity_id, caller()))
