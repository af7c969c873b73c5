"""HTTP handlers for the programme's settings and its commission plans."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.partners.plans import CommissionPlan, PlanCreate, PlansPage, PlanUpdate
from crm.domain.partners.programme import PartnerProgramme, PartnerProgrammeUpdate
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body
from crm.http.partners.common import readers
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.partners import settings

TAG = "partners"
PLANS = "/crm/partner-plans"
PROGRAMME = "/crm/settings/partner-programme"


@api.route(PROGRAMME, "GET", summary="The partner programme's settings (allowed hosts, windows)", tag="settings",
           access=Access.PARTNER_MANAGEMENT, response=PartnerProgramme)
def get_partner_programme() -> Response:
    return json_response(settings.get_programme(deps().transactions, caller()))


@api.route(PROGRAMME, "PUT", summary="Change the partner programme's settings", tag="settings", access=Access.ADMIN,
           body=PartnerProgrammeUpdate, response=PartnerProgramme, errors=(413, 422))
def put_partner_programme() -> Response:
    data = parse_body(PartnerProgrammeUpdate)
    return json_response(settings.update_programme(deps().transactions, data, caller()))


@api.route(PLANS, "GET", summary="List commission plans", tag=TAG, access=Access.PARTNER_MANAGEMENT,
           response=PlansPage)
def list_commission_plans() -> Response:
    return json_response(settings.list_plans(readers().plans))


@api.route(PLANS, "POST", summary="Create a commission plan", tag=TAG, access=Access.PARTNER_MANAGEMENT,
           body=PlanCreate, response=CommissionPlan, status=201, errors=(413, 422))
def create_commission_plan() -> Response:
    created = settings.create_plan(deps().transactions, parse_body(PlanCreate), caller())
    return json_response(created, 201, {"Location": url_for(f"{request.blueprint}.get_commission_plan",
                                                            plan_id=created.id)})


@api.route(f"{PLANS}/<plan_id>", "GET", summary="Get a commission plan", tag=TAG, access=Access.PARTNER_MANAGEMENT,
           response=CommissionPlan, errors=(404,))
def get_commission_plan(plan_id: str) -> Response:
    return json_response(settings.get_plan(readers().plans, plan_id))


@api.route(f"{PLANS}/<plan_id>", "PATCH", summary="Change a commission plan (for conversions from now on)", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PlanUpdate, response=CommissionPlan, errors=(404, 412, 413, 422))
def patch_commission_plan(plan_id: str) -> Response:
    data = parse_body(PlanUpdate)
    return json_response(settings.update_plan(deps().transactions, plan_id, data, caller(), if_match()))


@api.route(f"{PLANS}/<plan_id>", "PUT", summary="Change a commission plan (partial, like PATCH)", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PlanUpdate, response=CommissionPlan, errors=(404, 412, 413, 422))
def put_commission_plan(plan_id: str) -> Response:
    return patch_commission_plan(plan_id)
