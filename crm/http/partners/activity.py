"""HTTP handlers for clicks, conversions, commissions and payouts."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.partners.click_views import ClickListParams, ClicksPage
from crm.domain.partners.commissions import Commission, CommissionListParams, CommissionsPage
from crm.domain.partners.conversions import ConversionListParams, ConversionsPage
from crm.domain.partners.payouts import Payout, PayoutCreate, PayoutListParams, PayoutPaid, PayoutsPage
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_body, parse_query
from crm.http.partners.common import readers
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.partners import activity, commissions, payouts

TAG = "partners"
COMMISSION = "/crm/partner-commissions/<commission_id>"
PAYOUT = "/crm/partner-payouts/<payout_id>"


@api.route("/crm/partner-clicks", "GET", summary="Clicks on tracked links, newest first", tag=TAG,
           access=Access.PARTNERS, query=ClickListParams, response=ClicksPage, errors=(403,))
def list_partner_clicks() -> Response:
    params = parse_query(ClickListParams)
    return json_response(activity.list_clicks(readers().activity, readers().partners, params, caller()))


@api.route("/crm/partner-conversions", "GET", summary="Conversions, newest first; attributed=false: the events "
           "no click was found for", tag=TAG, access=Access.PARTNERS, query=ConversionListParams,
           response=ConversionsPage, errors=(403,))
def list_partner_conversions() -> Response:
    params = parse_query(ConversionListParams)
    return json_response(activity.list_conversions(readers().activity, readers().partners, params, caller()))


@api.route("/crm/partner-commissions", "GET", summary="Commissions, newest first", tag=TAG, access=Access.PARTNERS,
           query=CommissionListParams, response=CommissionsPage, errors=(403,))
def list_partner_commissions() -> Response:
    params = parse_query(CommissionListParams)
    return json_response(commissions.list_commissions(readers().activity, readers().partners, params, caller()))


@api.route(COMMISSION, "GET", summary="Get a commission", tag=TAG, access=Access.PARTNERS, response=Commission,
           errors=(404,))
def get_partner_commission(commission_id: str) -> Response:
    found = readers()
    return json_response(commissions.get_commission(found.activity, found.partners, commission_id, caller()))


@api.route(f"{COMMISSION}/approve", "POST", summary="Approve a pending commission before its hold period ends",
           tag=TAG, access=Access.PARTNER_MANAGEMENT, response=Commission, errors=(404, 409))
def approve_partner_commission(commission_id: str) -> Response:
    return json_response(commissions.approve_commission(deps().transactions, commission_id, caller()))


@api.route("/crm/partner-payouts", "GET", summary="Payouts, newest first", tag=TAG, access=Access.PARTNERS,
           query=PayoutListParams, response=PayoutsPage, errors=(403,))
def list_partner_payouts() -> Response:
    params = parse_query(PayoutListParams)
    return json_response(payouts.list_payouts(readers().activity, readers().partners, params, caller()))


@api.route("/crm/partner-payouts", "POST", summary="Pay a partner's approved balance in one currency", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PayoutCreate, response=Payout, status=201, errors=(409, 413, 422))
def create_partner_payout() -> Response:
    created = payouts.create_payout(deps().transactions, parse_body(PayoutCreate), caller())
    return json_response(created, 201, {"Location": url_for(f"{request.blueprint}.get_partner_payout",
                                                            payout_id=created.id)})


@api.route(PAYOUT, "GET", summary="Get a payout", tag=TAG, access=Access.PARTNERS, response=Payout, errors=(404,))
def get_partner_payout(payout_id: str) -> Response:
    return json_response(payouts.get_payout(readers().activity, readers().partners, payout_id, caller()))


@api.route(f"{PAYOUT}/mark-paid", "POST", summary="Mark a payout paid, with the transfer's reference", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, body=PayoutPaid, response=Payout, errors=(404, 409, 413, 422))
def mark_partner_payout_paid(payout_id: str) -> Response:
    reference = parse_body(PayoutPaid).reference
    return json_response(payouts.mark_payout_paid(deps().transactions, payout_id, reference, caller()))


@api.route(f"{PAYOUT}/cancel", "POST", summary="Cancel a payout: its amount returns to the approved balance", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, response=Payout, errors=(404, 409))
def cancel_partner_payout(payout_id: str) -> Response:
    return json_response(payouts.cancel_payout(deps().transactions, payout_id, caller()))
