"""HTTP handlers for tracked links and their reports."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.partners.links import (
    LinkListParams,
    PartnerLink,
    PartnerLinkCreate,
    PartnerLinksPage,
    PartnerLinkUpdate,
)
from crm.domain.partners.reports import LinkReport, ReportParams
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.partners.common import readers
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.partners import links, reports

TAG = "partners"
ONE = "/crm/partner-links/<link_id>"


@api.route("/crm/partner-links", "GET", summary="List tracked links (an affiliate: their own)", tag=TAG,
           access=Access.PARTNERS, query=LinkListParams, response=PartnerLinksPage, errors=(403,))
def list_partner_links() -> Response:
    params = parse_query(LinkListParams)
    return json_response(links.list_links(readers().links, readers().partners, params, caller()))


@api.route("/crm/partner-links", "POST", summary="Create a tracked link (destination on an allowed host)", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PartnerLinkCreate, response=PartnerLink, status=201,
           errors=(409, 413, 422))
def create_partner_link() -> Response:
    created = links.create_link(deps().transactions, parse_body(PartnerLinkCreate), caller())
    return json_response(created, 201, {"Location": url_for(f"{request.blueprint}.get_partner_link",
                                                            link_id=created.id)})


@api.route(ONE, "GET", summary="Get a tracked link", tag=TAG, access=Access.PARTNERS, response=PartnerLink,
           errors=(404,))
def get_partner_link(link_id: str) -> Response:
    return json_response(links.get_link(readers().links, readers().partners, link_id, caller()))


@api.route(ONE, "PATCH", summary="Change a tracked link; active false stops it", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PartnerLinkUpdate, response=PartnerLink,
           errors=(404, 409, 412, 413, 422))
def patch_partner_link(link_id: str) -> Response:
    data = parse_body(PartnerLinkUpdate)
    return json_response(links.update_link(deps().transactions, link_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Change a tracked link (partial, like PATCH)", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PartnerLinkUpdate, response=PartnerLink,
           errors=(404, 409, 412, 413, 422))
def put_partner_link(link_id: str) -> Response:
    return patch_partner_link(link_id)


@api.route(f"{ONE}/report", "GET", summary="A link's figures by month, from running totals", tag=TAG,
           access=Access.PARTNERS, query=ReportParams, response=LinkReport, errors=(404,))
def get_partner_link_report(link_id: str) -> Response:
    found = readers()
    return json_response(reports.link_report(found.totals, found.partners, found.links, link_id,
                                             parse_query(ReportParams), caller()))
