"""HTTP handlers for lead conversion and lost leads."""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.customers import Customer
from crm.domain.leads import ConvertedLead, LeadConversion, LeadLost
from crm.http.dependencies import caller, deps
from crm.http.parsing import optional_body, parse_body
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services import leads

TAG = "customers"
ONE = "/crm/customers/<customer_id>"


@api.route(f"{ONE}/convert", "POST", summary="Make a lead a prospect and open its first deal", tag=TAG,
           access=Access.WRITE, body=LeadConversion, response=ConvertedLead, status=201, errors=(404, 409, 422))
def convert_lead(customer_id: str) -> Response:
    conversion = optional_body(LeadConversion)
    return json_response(leads.convert_lead(deps().transactions, customer_id, conversion, caller()), 201)


@api.route(f"{ONE}/mark-lost", "POST", summary="Record that a lead or prospect was lost, and why", tag=TAG,
           access=Access.WRITE, body=LeadLost, response=Customer, errors=(404, 409, 422))
def mark_lead_lost(customer_id: str) -> Response:
    reason = parse_body(LeadLost).reason
    return json_response(leads.mark_lead_lost(deps().transactions, customer_id, reason, caller()))
