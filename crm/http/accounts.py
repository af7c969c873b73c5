"""HTTP handlers for accounts: a customer's figures and sub-accounts, likely duplicates, and merges."""

from __future__ import annotations

from typing import Annotated

from flask import Response
from pydantic import ConfigDict, Field

from crm.domain.access import Access
from crm.domain.accounts.duplicates import DuplicatesPage
from crm.domain.accounts.figures import CustomerFigures
from crm.domain.accounts.merge import MergePreview, MergePreviewParams, MergeRequest, MergeResult
from crm.domain.customers import CustomersPage
from crm.domain.model import Model
from crm.http.dependencies import caller, deps
from crm.http.parsing import parse_body, parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.accounts import duplicates, figures, merge, preview

TAG = "accounts"
ONE = "/crm/customers/<customer_id>"


class PageParams(Model):
    model_config = ConfigDict(extra="forbid")

    page_size: Annotated[int, Field(ge=1, le=100)] = 25
    cursor: Annotated[str, Field(max_length=2000, description="next_cursor of the previous page")] | None = None


@api.route(f"{ONE}/figures", "GET", summary="An account's figures: people, open and won deals per currency, won and "
           "lifetime value, last activity, sub-accounts (from running totals)", tag=TAG, access=Access.READ,
           response=CustomerFigures, errors=(404,))
def get_customer_figures(customer_id: str) -> Response:
    found = figures.customer_figures(deps().customers, deps().accounts, customer_id, caller(),
                                     base_currency=deps().settings.default_currency)
    return json_response(found)


@api.route(f"{ONE}/sub-accounts", "GET", summary="The customers whose parent account this is", tag=TAG,
           access=Access.READ, query=PageParams, response=CustomersPage, errors=(400, 404))
def list_sub_accounts(customer_id: str) -> Response:
    params = parse_query(PageParams)
    return json_response(figures.list_sub_accounts(deps().customers, deps().accounts, customer_id, caller(),
                                                    page_size=params.page_size, cursor=params.cursor))


@api.route("/crm/customers/duplicates", "GET", summary="Likely duplicate customers, in pairs, with the reasons "
           "(managers and admins)", tag=TAG, access=Access.READ, query=PageParams, response=DuplicatesPage,
           errors=(400,))
def list_duplicates() -> Response:
    params = parse_query(PageParams)
    return json_response(duplicates.list_duplicates(deps().duplicate_keys, caller(), page_size=params.page_size,
                                                    cursor=params.cursor))


@api.route(f"{ONE}/merge-preview", "GET", summary="What merging the given customers into this one would move "
           "(managers and admins)", tag=TAG, access=Access.READ, query=MergePreviewParams, response=MergePreview,
           errors=(400, 404, 422))
def preview_merge(customer_id: str) -> Response:
    params = parse_query(MergePreviewParams)
    return json_response(preview.merge_preview(deps().customers, deps().accounts, customer_id, params, caller()))


@api.route(f"{ONE}/merge", "POST", summary="Merge other customers into this one (managers and admins); repeating "
           "the request resumes an interrupted merge", tag=TAG, access=Access.WRITE, body=MergeRequest,
           response=MergeResult, errors=(404, 409, 413, 422))
def merge_customers(customer_id: str) -> Response:
    request = parse_body(MergeRequest)
    return json_response(merge.merge_customers(deps().transactions, customer_id, request, caller()))
