"""HTTP handler for the quick search of customers and contact persons together."""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.quick_search import QuickSearchParams, QuickSearchResult
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.quick_search import quick_search


@api.route("/crm/search", "GET", summary="Customers and contact persons matching what was typed, a few of each",
           tag="search", access=Access.READ, query=QuickSearchParams, response=QuickSearchResult, errors=(400,))
def search_everything() -> Response:
    params = parse_query(QuickSearchParams)
    return json_response(quick_search(deps().customers, deps().people, params, caller()))
