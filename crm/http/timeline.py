"""HTTP handler for a customer's timeline."""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.timeline import TimelinePage, TimelineParams
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.timeline import customer_timeline


@api.route("/crm/customers/<customer_id>/timeline", "GET", summary="A customer's history, newest first: its edits, "
           "notes, deals' stage moves, orders and activities", tag="customers", access=Access.READ,
           query=TimelineParams, response=TimelinePage, errors=(400, 404))
def get_customer_timeline(customer_id: str) -> Response:
    params = parse_query(TimelineParams)
    return json_response(customer_timeline(deps().customers, deps().audit, customer_id, params, caller()))
