"""HTTP handlers for the programme's report and leaderboard."""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.partners.reports import Leaderboard, LeaderboardParams, ProgrammeReport, ReportParams
from crm.http.parsing import parse_query
from crm.http.partners.common import readers
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.partners import reports

TAG = "partners"


@api.route("/crm/partner-reports/programme", "GET", summary="The programme's figures by month, with the events "
           "no partner is known for", tag=TAG, access=Access.PARTNER_MANAGEMENT, query=ReportParams,
           response=ProgrammeReport)
def get_partner_programme_report() -> Response:
    return json_response(reports.programme_report(readers().totals, parse_query(ReportParams)))


@api.route("/crm/partner-reports/leaderboard", "GET", summary="The month's best partners by a figure", tag=TAG,
           access=Access.PARTNER_MANAGEMENT, query=LeaderboardParams, response=Leaderboard)
def get_partner_leaderboard() -> Response:
    return json_response(reports.leaderboard(readers().totals, readers().partners, parse_query(LeaderboardParams)))
