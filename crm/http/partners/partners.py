"""HTTP handlers for partners, their wallets, ledgers and reports."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.partners.partners import Partner, PartnerCreate, PartnerListParams, PartnersPage, PartnerUpdate
from crm.domain.partners.reports import PartnerReport, ReportParams
from crm.domain.partners.wallets import LedgerListParams, LedgerPage, WalletsPage
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.partners.common import readers
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.partners import activity, partners, reports

TAG = "partners"
ONE = "/crm/partners/<partner_id>"


@api.route("/crm/partners", "GET", summary="List partners (an affiliate: their own)", tag=TAG, access=Access.PARTNERS,
           query=PartnerListParams, response=PartnersPage)
def list_partners() -> Response:
    return json_response(partners.list_partners(readers().partners, parse_query(PartnerListParams), caller()))


@api.route("/crm/partners", "POST", summary="Create a partner", tag=TAG, access=Access.PARTNER_MANAGEMENT,
           body=PartnerCreate, response=Partner, status=201, errors=(409, 413, 422))
def create_partner() -> Response:
    data = parse_body(PartnerCreate)
    created = partners.create_partner(deps().transactions, data, caller(), deps().settings.default_currency)
    return json_response(created, 201, {"Location": url_for(f"{request.blueprint}.get_partner",
                                                            partner_id=created.id)})


@api.route(ONE, "GET", summary="Get a partner", tag=TAG, access=Access.PARTNERS, response=Partner, errors=(404,))
def get_partner(partner_id: str) -> Response:
    return json_response(partners.get_partner(readers().partners, partner_id, caller()))


@api.route(ONE, "PATCH", summary="Change a partner; status archived retires it", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PartnerUpdate, response=Partner, errors=(404, 409, 412, 413, 422))
def patch_partner(partner_id: str) -> Response:
    data = parse_body(PartnerUpdate)
    return json_response(partners.update_partner(deps().transactions, partner_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Change a partner (partial, like PATCH)", tag=TAG, access=Access.PARTNER_MANAGEMENT,
           body=PartnerUpdate, response=Partner, errors=(404, 409, 412, 413, 422))
def put_partner(partner_id: str) -> Response:
    return patch_partner(partner_id)


@api.route(f"{ONE}/wallets", "GET", summary="A partner's wallets: balances per currency", tag=TAG,
           access=Access.PARTNERS, response=WalletsPage, errors=(404,))
def list_partner_wallets(partner_id: str) -> Response:
    return json_response(activity.list_wallets(readers().wallets, readers().partners, partner_id, caller()))


@api.route(f"{ONE}/ledger", "GET", summary="A wallet's ledger, newest entry first", tag=TAG, access=Access.PARTNERS,
           query=LedgerListParams, response=LedgerPage, errors=(404,))
def list_partner_ledger(partner_id: str) -> Response:
    params = parse_query(LedgerListParams)
    return json_response(activity.list_ledger(readers().wallets, readers().partners, partner_id, params, caller()))


@api.route(f"{ONE}/report", "GET", summary="A partner's figures by month and by link, from running totals",
           tag=TAG, access=Access.PARTNERS, query=ReportParams, response=PartnerReport, errors=(404,))
def get_partner_report(partner_id: str) -> Response:
    params = parse_query(ReportParams)
    found = readers()
    return json_response(reports.partner_report(found.totals, found.partners, found.links, partner_id, params,
                                                caller()))
