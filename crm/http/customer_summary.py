"""HTTP handler for the customer summary."""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.customer_summary import CustomerSummary
from crm.http.dependencies import caller, deps
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.customer_summary import customer_summary


@api.route("/crm/customers/<customer_id>/summary", "GET", summary="A customer at a glance: deals, what is due, "
           "latest notes, and a plain-text paragraph", tag="customers", access=Access.READ, response=CustomerSummary,
           errors=(404,))
def get_customer_summary(customer_id: str) -> Response:
    d = deps()
    return json_response(customer_summary(d.customers, d.deals, d.activities, customer_id, caller()))
