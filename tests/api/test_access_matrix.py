"""The access matrix: every operation x every role x a record of the caller's own and one of someone else's, each
answered with the exact status promised; and the same again with API-key callers, whose role is the key's.

Cases that only read (GET) share one collection prefix and the records arranged for them (per owner and kind of
record, see ``_arranged``), since reading changes nothing; every case that may write gets records of its own.

The cases come from ``crm.http.routing.api.operations``, so an endpoint added later without a row in EXPECTED
fails here (test_every_operation_has_an_expectation, and each of its cases) instead of skipping the checks.

Everything runs on the Firestore emulator. The substitutes: PUT /admin/users/{uid}/role and GET /users call
Firebase Auth, which is not running in tests, so the app's user-roles adapter and accounts adapter
(crm.identity.firebase_users.FirebaseUserRoles and FirebaseUserDirectory) are replaced by fakes of those adapters,
for those external calls only.
"""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient

from crm.domain.common import utc_now
from crm.domain.saved_views import SavedViewCreate
from crm.domain.webhooks.deliveries import SendResult
from crm.http.routing import Operation, api
from crm.identity import Caller, DirectoryUser, Role, create_api_key
from crm.services import saved_views
from crm.settings import Settings, settings_from_env
from tests.api.helpers import assert_error
from tests.utils.factories import customer_body
from tests.utils.partner_steps import PARTNER_NEEDS, PARTNER_URLS, PartnerRecords, arrange_partner_records

OTHER = "someone-else"
ROLES = ("admin", "manager", "rep", "viewer")
NO_ROLE = "none"  # a signed-in Firebase user nobody has given a role yet: refused everywhere but /me
SCOPES = ("own", "foreign")
VIAS = ("token", "api_key")
ERROR_CODES = {403: "PERMISSION_DENIED", 404: "NOT_FOUND", 422: "VALIDATION_FAILED"}
_serial = itertools.count(1)

Statuses = dict[str, tuple[int, int]]


def records_read(ok: int = 200, *, rep_foreign: int = 404) -> Statuses:
    """Everyone reads everything, except that a rep reaches only their own records."""
    return {"admin": (ok, ok), "manager": (ok, ok), "viewer": (ok, ok), "rep": (ok, rep_foreign)}


def records_write(ok: int, *, rep_foreign: int = 404) -> Statuses:
    """Admins and managers change any record, a rep only their own, a viewer none."""
    return {"admin": (ok, ok), "manager": (ok, ok), "rep": (ok, rep_foreign), "viewer": (403, 403)}


def everyone(ok: int = 200) -> Statuses:
    return {role: (ok, ok) for role in ROLES}


def admin_only(ok: int = 200) -> Statuses:
    return {role: (ok, ok) if role == "admin" else (403, 403) for role in ROLES}


def mergers(ok: int = 200) -> Statuses:
    """Duplicates and merges: managers and admins, who see and assign every record."""
    return {role: (ok, ok) if role in ("admin", "manager") else (403, 403) for role in ROLES}


def company_reports() -> Statuses:
    """Company-wide figures: not for a rep, who sees only their own records."""
    return {role: (403, 403) if role == "rep" else (200, 200) for role in ROLES}


def writers(ok: int) -> Statuses:
    return {role: (403, 403) if role == "viewer" else (ok, ok) for role in ROLES}


def creators_only(ok: int, *, writers_only: bool = False) -> Statuses:
    """A record of its creator's: another's is not found, except that an admin reads every job."""
    statuses = {role: (ok, ok if role == "admin" and not writers_only else 404) for role in ROLES}
    return {**statuses, "viewer": (403, 403)} if writers_only else statuses


@dataclass
class Records:
    """What a case acts on, arranged by an admin: owned by the caller (own) or by someone else (foreign)."""

    owner: str
    customer: str = ""
    deal: str = ""
    order: str = ""
    activity: str = ""
    pipeline: str = ""
    person: str = ""
    other: str = ""
    lead_pipeline: str = ""
    product: str = ""
    tag: str = ""
    other_tag: str = ""
    tag_job: str = ""
    view: str = ""
    prefix: str = ""
    uid: str = "some-user"
    endpoint: str = ""
    delivery: str = ""
    notice: str = ""
    lead_source: str = ""
    upload: str = ""
    job: str = ""
    partner: PartnerRecords = dataclasses.field(default_factory=PartnerRecords)


@dataclass(frozen=True)
class Expect:
    statuses: Statuses
    needs: tuple[str, ...] = ()
    body: Callable[[Records], dict[str, Any]] | None = None
    query: Callable[[Records], dict[str, str]] | None = None
    changes: str | None = None  # the record that a refused request must leave as it was


def owner_filter(r: Records) -> dict[str, str]:
    return {"owner_id": r.owner}


def own_only(ok: int) -> Statuses:
    """Every role, on what it made itself; nobody on what someone else made (a shared view is theirs to change)."""
    return {role: (ok, 403) for role in ROLES}


def pipeline_body(r: Records) -> dict[str, Any]:
    return {"name": "Matrix", "stages": [{"id": "open", "name": "Open", "probability": 50},
                                         {"id": "won", "name": "Won", "probability": 100, "kind": "won"},
                                         {"id": "lost", "name": "Lost", "probability": 0, "kind": "lost"}]}


def lead_pipeline_body(r: Records) -> dict[str, Any]:
    return {"name": "Matrix leads", "stages": [{"id": "new", "name": "New", "probability": 10},
                                               {"id": "contacted", "name": "Contacted", "probability": 30},
                                               {"id": "converted", "name": "Converted", "probability": 100,
                                                "kind": "won"},
                                               {"id": "disqualified", "name": "Disqualified", "probability": 0,
                                                "kind": "lost"}]}


EXPECTED: dict[str, Expect] = {
    # customers
    "list_customers": Expect(records_read(rep_foreign=403), query=owner_filter),
    "create_customer": Expect(records_write(201, rep_foreign=403), body=lambda r: customer_body(owner_id=r.owner)),
    "get_customer": Expect(records_read()),
    "get_customer_names": Expect(records_read(rep_foreign=200), needs=("customer",),
                                 query=lambda r: {"ids": r.customer}),  # a rep: 200, without the name
    "patch_customer": Expect(records_write(200), body=lambda r: {"name": "Changed"}, changes="customer"),
    "put_customer": Expect(records_write(200), body=lambda r: {"name": "Changed"}, changes="customer"),
    "delete_customer": Expect(records_write(204), changes="customer"),
    "restore_customer": Expect(records_write(200), needs=("deleted",)),
    "list_deleted_customers": Expect(records_write(200, rep_foreign=403), needs=("deleted",), query=owner_filter),
    "add_customer_note": Expect(records_write(201), body=lambda r: {"text": "Called"}, changes="customer"),
    "upgrade_customer": Expect(records_write(200), changes="customer"),
    "convert_lead": Expect(records_write(201), changes="customer"),
    "mark_lead_lost": Expect(records_write(200), body=lambda r: {"reason": "price"}, changes="customer"),
    "get_customer_summary": Expect(records_read()),
    "get_customer_timeline": Expect(records_read()),
    # deals
    "list_deals": Expect(records_read(rep_foreign=403), query=owner_filter),
    "list_customer_deals": Expect(records_read(rep_foreign=200), needs=("deal",)),
    "create_deal": Expect(records_write(201, rep_foreign=422), needs=("customer",),
                          body=lambda r: {"customer_id": r.customer, "title": "Matrix deal"}),
    "get_deal": Expect(records_read()),
    "patch_deal": Expect(records_write(200), body=lambda r: {"title": "Changed"}, changes="deal"),
    "put_deal": Expect(records_write(200), body=lambda r: {"title": "Changed"}, changes="deal"),
    "delete_deal": Expect(records_write(204), changes="deal"),
    "advance_deal": Expect(records_write(200), changes="deal"),
    "move_deal": Expect(records_write(200), body=lambda r: {"stage": "qualified"}, changes="deal"),
    "mark_deal_won": Expect(records_write(200), changes="deal"),
    "mark_deal_lost": Expect(records_write(200), body=lambda r: {"reason": "price"}, changes="deal"),
    "reopen_deal": Expect(records_write(200), needs=("won",), changes="deal"),
    # orders
    "list_orders": Expect(records_read(rep_foreign=403), query=owner_filter),
    "list_customer_orders": Expect(records_read(rep_foreign=200), needs=("order",)),
    "create_order": Expect(records_write(201, rep_foreign=422), needs=("customer",), body=lambda r: {
        "customer_id": r.customer, "order_number": f"MX-{next(_serial)}", "total": "10.00"}),
    "get_order": Expect(records_read()),
    "patch_order": Expect(records_write(200), body=lambda r: {"notes": "changed"}, changes="order"),
    "put_order": Expect(records_write(200), body=lambda r: {"notes": "changed"}, changes="order"),
    "delete_order": Expect(records_write(204), changes="order"),
    "transition_order": Expect(records_write(200), body=lambda r: {"status": "confirmed"}, changes="order"),
    # activities
    "list_activities": Expect(records_read(rep_foreign=403), query=owner_filter),
    "list_customer_activities": Expect(records_read(rep_foreign=200), needs=("activity",)),
    "create_activity": Expect(records_write(201, rep_foreign=422), needs=("customer",),
                              body=lambda r: {"type": "call", "subject": "Call", "customer_id": r.customer}),
    "get_activity": Expect(records_read()),
    "patch_activity": Expect(records_write(200), body=lambda r: {"subject": "Changed"}, changes="activity"),
    "put_activity": Expect(records_write(200), body=lambda r: {"subject": "Changed"}, changes="activity"),
    "delete_activity": Expect(records_write(204), changes="activity"),
    "complete_activity": Expect(records_write(200), changes="activity"),
    # reports
    "deal_pipeline_summary": Expect(company_reports()),
    "deal_kanban": Expect(everyone()),
    "deal_forecast": Expect(company_reports()),
    "deal_stage_stats": Expect(company_reports()),
    "crm_dashboard": Expect(company_reports()),
    # pipelines and settings
    "list_pipelines": Expect(everyone()),
    "create_pipeline": Expect(admin_only(201), body=pipeline_body),
    "get_pipeline": Expect(everyone()),
    "patch_pipeline": Expect(admin_only(200), body=lambda r: {"name": "Renamed"}),
    "put_pipeline": Expect(admin_only(200), body=lambda r: {"name": "Renamed"}),
    "delete_pipeline": Expect(admin_only(204)),
    "get_currency_rates": Expect(everyone()),
    "put_currency_rates": Expect(admin_only(200), body=lambda r: {"rates": {"USD": "0.9"}}),
    # lead qualification
    "list_lead_pipelines": Expect(everyone()),
    "create_lead_pipeline": Expect(admin_only(201), body=lead_pipeline_body),
    "get_lead_pipeline": Expect(everyone()),
    "patch_lead_pipeline": Expect(admin_only(200), body=lambda r: {"name": "Renamed"}),
    "put_lead_pipeline": Expect(admin_only(200), body=lambda r: {"name": "Renamed"}),
    "delete_lead_pipeline": Expect(admin_only(204)),
    "lead_board": Expect(records_read(rep_foreign=403), query=owner_filter),
    "move_lead": Expect(records_write(200), needs=("lead_pipeline",), body=lambda r: {"stage": "contacted"},
                        changes="customer"),
    # products
    "list_products": Expect(everyone()),
    "create_product": Expect(admin_only(201), body=lambda r: {"sku": f"MX-{next(_serial)}", "name": "Matrix"}),
    "get_product": Expect(everyone()),
    "patch_product": Expect(admin_only(200), body=lambda r: {"name": "Renamed"}),
    "put_product": Expect(admin_only(200), body=lambda r: {"name": "Renamed"}),
    "archive_product": Expect(admin_only(200)),
    "restore_product": Expect(admin_only(200)),
    # tags
    "list_tags": Expect(everyone()),
    "create_tag": Expect(admin_only(201), body=lambda r: {"name": f"matrix-{next(_serial)}"}),
    "get_tag": Expect(everyone()),
    "patch_tag": Expect(admin_only(200), body=lambda r: {"color": "#112233"}),
    "delete_tag": Expect(admin_only(204)),
    "rename_tag": Expect(admin_only(202), body=lambda r: {"name": f"renamed-{next(_serial)}"}),
    "merge_tag": Expect(admin_only(202), needs=("other_tag",), body=lambda r: {"into": r.other_tag}),
    "list_tag_jobs": Expect(admin_only(200)),
    "get_tag_job": Expect(admin_only(200)),
    "run_tag_job": Expect(admin_only(200)),
    # saved views (the arranged view is shared, so anyone may read it)
    "list_views": Expect(everyone()),
    "create_view": Expect(everyone(201), body=lambda r: {"name": "Matrix view", "resource": "customers"}),
    "get_view": Expect(everyone()),
    "patch_view": Expect(own_only(200), body=lambda r: {"name": "Renamed"}),
    "delete_view": Expect(own_only(204)),
    # administration
    "create_api_key": Expect(admin_only(201), body=lambda r: {"name": "Matrix key", "role": "rep"}),
    "list_api_keys": Expect(admin_only(200)),
    "revoke_api_key": Expect(admin_only(204)),
    "set_user_role": Expect(admin_only(200), body=lambda r: {"role": "manager"}),
    # assistants (a tool's own access is checked in the tool's result: tests/api/assistants)
    "mcp_exchange": Expect(everyone(), body=lambda r: {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
    "list_ai_tools": Expect(everyone()),
    "get_customer_ai_context": Expect(records_read()),
    "list_users": Expect(everyone()),
    # GraphQL (each field's and mutation's own access: tests/api/graphql/test_graphql_access.py)
    "graphql_request": Expect(everyone(), body=lambda r: {"query": "{ pipelines { id } }"}),
    # webhooks
    "list_webhook_event_types": Expect(admin_only(200)),
    "list_webhook_endpoints": Expect(admin_only(200)),
    "create_webhook_endpoint": Expect(admin_only(201), body=lambda r: {"url": "https://hooks.example.com/matrix",
                                                                       "events": ["deal.won"]}),
    "get_webhook_endpoint": Expect(admin_only(200)),
    "patch_webhook_endpoint": Expect(admin_only(200), body=lambda r: {"description": "Changed"}),
    "delete_webhook_endpoint": Expect(admin_only(204)),
    "rotate_webhook_secret": Expect(admin_only(200)),
    "ping_webhook_endpoint": Expect(admin_only(201)),
    "list_webhook_deliveries": Expect(admin_only(200)),
    "get_webhook_delivery": Expect(admin_only(200)),
    "redeliver_webhook": Expect(admin_only(201)),
    "list_admin_notices": Expect(admin_only(200)),
    "dismiss_admin_notice": Expect(admin_only(200)),
    # lead sources
    "list_lead_sources": Expect(admin_only(200)),
    "create_lead_source": Expect(admin_only(201), body=lambda r: {"name": "Matrix form"}),
    "get_lead_source": Expect(admin_only(200)),
    "patch_lead_source": Expect(admin_only(200), body=lambda r: {"name": "Renamed form"}),
    "delete_lead_source": Expect(admin_only(204)),
    "rotate_lead_source_secret": Expect(admin_only(200)),
    "rotate_lead_source_token": Expect(admin_only(200)),
    "get_lead_form_snippet": Expect(admin_only(200)),
    # data in and out (uploads and jobs are their creator's; an admin reads every job)
    "create_upload": Expect(writers(201), body=lambda r: {"file_name": "matrix.csv"}),
    "add_upload_part": Expect(creators_only(200, writers_only=True), body=lambda r: {"index": 0, "text": "name\n"}),
    "preview_import": Expect(writers(200), body=lambda r: {"kind": "customers", "content": "name\nA\n"}),
    "create_import": Expect(records_write(202, rep_foreign=403), body=lambda r: {
        "kind": "customers", "content": "name\nMatrix import\n", "dry_run": True, "owner_id": r.owner}),
    "create_export": Expect(records_read(202, rep_foreign=403), body=lambda r: {
        "kind": "customers", "filters": {"owner_id": r.owner}}),
    "list_jobs": Expect(everyone()),
    "get_job": Expect(creators_only(200)),
    "get_job_errors": Expect(creators_only(200)),
    "cancel_job": Expect(creators_only(200)),
    "download_export": Expect(creators_only(200), needs=("export",)),
    "bulk_customers": Expect(records_write(200, rep_foreign=200), needs=("customer",), body=lambda r: {
        "action": "add_tags", "ids": [r.customer], "tags": ["matrix"]}),
    "bulk_deals": Expect(records_write(200, rep_foreign=403), needs=("deal",), body=lambda r: {
        "action": "reassign", "ids": [r.deal], "owner_id": r.owner}),
    "bulk_activities": Expect(records_write(200, rep_foreign=200), needs=("activity",), body=lambda r: {
        "action": "set_status", "ids": [r.activity], "status": "in_progress"}),
    "bulk_customers_job": Expect(records_write(202, rep_foreign=403), body=lambda r: {
        "action": "add_tags", "tags": ["matrix"], "filter": {"owner_id": r.owner}}),
    "bulk_deals_job": Expect(records_write(202, rep_foreign=403), body=lambda r: {
        "action": "reassign", "owner_id": r.owner, "filter": {"owner_id": r.owner}}),
    "bulk_activities_job": Expect(records_write(202, rep_foreign=403), body=lambda r: {
        "action": "set_status", "status": "in_progress", "filter": {"owner_id": r.owner}}),
    # identity
    "get_me": Expect({**everyone(), NO_ROLE: (200, 200)}),
    # people
    "list_people": Expect(records_read(rep_foreign=403), query=owner_filter),
    "list_customer_people": Expect(records_read(rep_foreign=200), needs=("person",)),
    "create_person": Expect(records_write(201), body=lambda r: {"first_name": "Matrix"}, changes="customer"),
    "get_person": Expect(records_read()),
    "patch_person": Expect(records_write(200), body=lambda r: {"job_title": "Changed"}, changes="person"),
    "put_person": Expect(records_write(200), body=lambda r: {"job_title": "Changed"}, changes="person"),
    "delete_person": Expect(records_write(204), changes="person"),
    "restore_person": Expect(records_write(200), needs=("deleted_person",)),
    "search_everything": Expect(everyone(), query=lambda r: {"q": "matrix"}),
    # accounts
    "get_customer_figures": Expect(records_read()),
    "list_sub_accounts": Expect(records_read()),
    "list_duplicates": Expect(mergers()),
    "preview_merge": Expect(mergers(), needs=("other",), query=lambda r: {"from": r.other}),
    "merge_customers": Expect(mergers(), needs=("other",), body=lambda r: {"from": [r.other]}, changes="customer"),
}


# the partner programme: managers and admins reach every partner's records; an affiliate (cases of their own below)
# reaches their own partner's, found by the record's id or listed
def manage(ok: int = 200) -> Statuses:
    return {role: (ok, ok) if role in ("admin", "manager") else (403, 403) for role in ROLES}


def partner_ids(r: Records) -> dict[str, str]:
    return {"partner_id": r.partner.partner_id, "currency": "EUR"}


PARTNER_EXPECTED: dict[str, Expect] = {
    "list_partners": Expect(manage()),
    "create_partner": Expect(manage(201), body=lambda r: {"name": "Matrix partner"}),
    "get_partner": Expect(manage()),
    "patch_partner": Expect(manage(), body=lambda r: {"name": "Changed"}, changes="partner"),
    "put_partner": Expect(manage(), body=lambda r: {"name": "Changed"}, changes="partner"),
    "list_partner_wallets": Expect(manage()),
    "list_partner_ledger": Expect(manage(), query=lambda r: {"currency": "EUR"}),
    "get_partner_report": Expect(manage()),
    "list_partner_links": Expect(manage()),
    "create_partner_link": Expect(manage(201), needs=("partner",), body=lambda r: {
        "partner_id": r.partner.partner_id, "destination": "https://shop.example.com/matrix"}),
    "get_partner_link": Expect(manage()),
    "patch_partner_link": Expect(manage(), body=lambda r: {"campaign": "changed"}, changes="link"),
    "put_partner_link": Expect(manage(), body=lambda r: {"campaign": "changed"}, changes="link"),
    "get_partner_link_report": Expect(manage()),
    "list_partner_clicks": Expect(manage()),
    "list_partner_conversions": Expect(manage()),
    "list_partner_commissions": Expect(manage()),
    "get_partner_commission": Expect(manage()),
    "approve_partner_commission": Expect(manage(), changes="commission"),
    "list_partner_payouts": Expect(manage()),
    "create_partner_payout": Expect(manage(201), needs=("approved",), body=partner_ids),
    "get_partner_payout": Expect(manage()),
    "mark_partner_payout_paid": Expect(manage(), body=lambda r: {"reference": "SEPA-1"}, changes="payout"),
    "cancel_partner_payout": Expect(manage(), changes="payout"),
    "get_partner_programme_report": Expect(manage()),
    "get_partner_leaderboard": Expect(manage()),
    "get_partner_programme": Expect(manage()),
    "put_partner_programme": Expect(admin_only(), body=lambda r: {"allowed_hosts": ["shop.example.com"]}),
    "list_commission_plans": Expect(manage()),
    "create_commission_plan": Expect(manage(201), body=lambda r: {"name": "Matrix plan", "purchase_scope": "first",
                                                                  "signup_amounts": {"EUR": "2.00"}}),
    "get_commission_plan": Expect(manage()),
    "patch_commission_plan": Expect(manage(), body=lambda r: {"name": "Renamed"}, changes="plan"),
    "put_commission_plan": Expect(manage(), body=lambda r: {"name": "Renamed"}, changes="plan"),
    "list_conversion_sources": Expect(admin_only()),
    "create_conversion_source": Expect(admin_only(201), body=lambda r: {"id": f"matrix-{next(_serial)}",
                                                                        "name": "Matrix"}),
    "rotate_conversion_source_secret": Expect(admin_only()),
    "patch_conversion_source": Expect(admin_only(), body=lambda r: {"active": False}),
}
EXPECTED.update(PARTNER_EXPECTED)
# an affiliate: (own partner's record, another partner's); every other partner operation is 403 to them
AFFILIATE = "affiliate"
AFFILIATE_SEES = {
    **dict.fromkeys(("list_partners", "list_partner_links", "list_partner_clicks", "list_partner_conversions",
                     "list_partner_commissions", "list_partner_payouts"), (200, 200)),
    **dict.fromkeys(("get_partner", "list_partner_wallets", "list_partner_ledger", "get_partner_report",
                     "get_partner_link", "get_partner_link_report", "get_partner_commission", "get_partner_payout"),
                    (200, 404)),
}

PRIVATE = [op for op in api.operations if not op.public]
CASES = [
    pytest.param(op, role, scope, via, id=f"{op.method} {op.path} {role} {scope} {via}")
    for op in PRIVATE for role in ROLES for scope in SCOPES for via in VIAS
] + [
    pytest.param(op, NO_ROLE, scope, "token", id=f"{op.method} {op.path} {NO_ROLE} {scope} token")
    for op in PRIVATE for scope in SCOPES
]
NEEDS_FROM_PATH = {"customer_id": "customer", "deal_id": "deal", "order_id": "order", "activity_id": "activity",
                   "pipeline_id": "pipeline", "prefix": "api_key", "endpoint_id": "webhook", "delivery_id": "delivery",
                   "notice_id": "notice", "person_id": "person",
                   "product_id": "product", "tag_id": "tag", "job_id": "job", "upload_id": "upload", "view_id": "view",
                   **PARTNER_NEEDS}
RECORD_URLS = {"customer": "/api/crm/customers/{}", "deal": "/api/crm/deals/{}", "order": "/api/crm/orders/{}",
               "activity": "/api/crm/activities/{}", "person": "/api/crm/people/{}",
               **PARTNER_URLS}


class RecordingWebhookSender:
    """Stands in for crm.outbound.webhook_sender.HttpWebhookSender: no request leaves the machine."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        self.sent.append(url)
        return SendResult(200, 1)


AFFILIATE_CASES = [
    pytest.param(op, scope, id=f"{op.method} {op.path} {AFFILIATE} {scope} token")
    for op in PRIVATE if op.endpoint in PARTNER_EXPECTED for scope in SCOPES
]
# Outside the programme an affiliate reaches only /me: every other operation, on records of the team's, is refused.
AFFILIATE_OUTSIDE_CASES = [
    pytest.param(op, id=f"{op.method} {op.path} {AFFILIATE} foreign token")
    for op in PRIVATE if op.endpoint not in PARTNER_EXPECTED
]


class RecordingUserRoles:
    """Stands in for crm.identity.firebase_users.FirebaseUserRoles: Firebase Auth is not running in tests."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Role]] = []

    def set_role(self, uid: str, role: Role) -> dict[str, Any]:
        self.calls.append((uid, role))
        return {"role": role.value}


class StaticAccounts:
    """Stands in for crm.identity.firebase_users.FirebaseUserDirectory: Firebase Auth is not running in tests."""

    def all_users(self) -> list[DirectoryUser]:
        return [DirectoryUser(uid="some-user", display_name="Some User", role=Role.REP)]


def test_every_operation_has_an_expectation():
    missing = sorted(f"{op.method} {op.path} ({op.endpoint})" for op in PRIVATE if op.endpoint not in EXPECTED)
    assert not missing, f"declare the access expectations of: {', '.join(missing)}"
    stale = sorted(set(EXPECTED) - {op.endpoint for op in PRIVATE})
    assert not stale, f"expectations for operations that no longer exist: {stale}"
    assert all(set(expect.statuses) - {NO_ROLE} == set(ROLES) for expect in EXPECTED.values())


def test_the_matrix_size():
    size = len(PRIVATE) * len(ROLES) * len(SCOPES)
    print(f"\naccess matrix: {len(PRIVATE)} operations x {len(ROLES)} roles x own/foreign = {size} cases, "
          f"x {len(VIAS)} kinds of caller (ID token, API key), and a signed-in user without a role = {len(CASES)}")
    assert len(CASES) == size * len(VIAS) + len(PRIVATE) * len(SCOPES) and len(PRIVATE) >= 59
    assert len(AFFILIATE_CASES) == len(PARTNER_EXPECTED) * len(SCOPES)
    assert len(AFFILIATE_CASES) / len(SCOPES) + len(AFFILIATE_OUTSIDE_CASES) == len(PRIVATE)


def _reads_only(op: Operation) -> bool:
    return op.method == "GET" and op.endpoint not in PARTNER_EXPECTED


@pytest.fixture(scope="module")
def shared_settings(local_env: dict[str, str]) -> Settings:
    return settings_from_env({**local_env, "CRM_COLLECTION_PREFIX": f"m{uuid.uuid4().hex[:10]}_"})


@pytest.fixture
def settings(request, local_env: dict[str, str], shared_settings: Settings) -> Settings:
    """The read-only cases' one prefix, or a fresh one (as everywhere else) for a case that may write."""
    op = getattr(request.node, "callspec", None) and request.node.callspec.params.get("op")
    if request.node.originalname == "test_access" and op is not None and _reads_only(op):
        return shared_settings
    return settings_from_env({**local_env, "CRM_COLLECTION_PREFIX": f"t{uuid.uuid4().hex[:10]}_"})


_shared_records: dict[tuple[str, frozenset[str]], Records] = {}
_shared_keys: dict[str, tuple[str, str]] = {}


@pytest.mark.parametrize(("op", "role", "scope", "via"), CASES)
def test_access(app, anonymous, token_for, op: Operation, role: str, scope: str, via: str):
    expect = EXPECTED.get(op.endpoint)
    if expect is None:
        pytest.fail(f"no access expectation for {op.method} {op.path}: add it to EXPECTED")
    setup = _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token_for('setup-admin', 'admin')}"})
    shared = _reads_only(op)
    caller_uid, caller = _caller(app, token_for, role, via, shared=shared)
    owner, needs = caller_uid if scope == "own" else OTHER, _needs(op, expect)
    if shared:
        key = (owner, frozenset(needs))
        records = _shared_records.get(key) or _shared_records.setdefault(key, _arrange(setup, app, owner, needs))
    else:
        records = _arrange(setup, app, owner, needs)
    if op.endpoint in PARTNER_EXPECTED:
        records.partner = arrange_partner_records(setup, _needs(op, expect), None, scope == "own")
    app.extensions["crm"].user_roles = roles = RecordingUserRoles()
    app.extensions["crm"].user_accounts = StaticAccounts()
    app.extensions["crm"].webhooks.sender = RecordingWebhookSender()
    watched = _watched(records, expect.changes)
    before = _fetch(setup, expect.changes, watched) if watched else None

    response = caller.open(_url(op, records), method=op.method, query_string=expect.query(records) if expect.query
                           else None, json=expect.body(records) if expect.body else None)

    wanted = expect.statuses.get(role, (403, 403))[SCOPES.index(scope)]
    assert response.status_code == wanted, (response.status_code, response.get_data(as_text=True))
    if wanted in ERROR_CODES:
        assert_error(response, wanted, ERROR_CODES[wanted])
        if watched:
            assert _fetch(setup, expect.changes, watched) == before, "a refused request changed the record"
    elif op.method == "GET" and "results" in (body := response.get_json(silent=True) or {}) and role == "rep":
        assert all(item.get("owner_id") == caller_uid for item in body["results"] if "owner_id" in item)
    if op.endpoint == "set_user_role":
        assert roles.calls == ([("some-user", Role.MANAGER)] if wanted == 200 else [])


@pytest.mark.parametrize(("op", "scope"), AFFILIATE_CASES)
def test_affiliate_access(app, token_for, op: Operation, scope: str):
    """An affiliate reaches their own partner's records, listed or by id, and nothing else of the programme."""
    expect = EXPECTED[op.endpoint]
    setup = _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token_for('setup-admin', 'admin')}"})
    records = Records(owner=OTHER)
    records.partner = arrange_partner_records(setup, _needs(op, expect), "affiliate-caller", scope == "own")
    caller = _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token_for('affiliate-caller', AFFILIATE)}"})
    watched = _watched(records, expect.changes)
    before = _fetch(setup, expect.changes, watched) if watched else None

    response = caller.open(_url(op, records), method=op.method, query_string=expect.query(records) if expect.query
                           else None, json=expect.body(records) if expect.body else None)

    wanted = AFFILIATE_SEES.get(op.endpoint, (403, 403))[SCOPES.index(scope)]
    assert response.status_code == wanted, (response.status_code, response.get_data(as_text=True))
    if wanted in ERROR_CODES:
        assert_error(response, wanted, ERROR_CODES[wanted])
        if watched:
            assert _fetch(setup, expect.changes, watched) == before, "a refused request changed the record"
    elif op.method == "GET" and "results" in (body := response.get_json()):
        mine = setup.get("/api/crm/partners", query_string={"page_size": 100}).get_json()["results"]
        own_ids = {p["id"] for p in mine if p.get("uid") == "affiliate-caller"}
        assert all(item.get("partner_id", item.get("id")) in own_ids for item in body["results"])


@pytest.mark.parametrize("op", AFFILIATE_OUTSIDE_CASES)
def test_affiliate_access_outside_the_programme(app, token_for, op: Operation):
    expect = EXPECTED[op.endpoint]
    setup = _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token_for('setup-admin', 'admin')}"})
    records = _arrange(setup, app, OTHER, _needs(op, expect))
    app.extensions["crm"].user_roles = roles = RecordingUserRoles()
    app.extensions["crm"].webhooks.sender = RecordingWebhookSender()
    caller = _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token_for('affiliate-caller', AFFILIATE)}"})
    watched = _watched(records, expect.changes)
    before = _fetch(setup, expect.changes, watched) if watched else None

    response = caller.open(_url(op, records), method=op.method, query_string=expect.query(records) if expect.query
                           else None, json=expect.body(records) if expect.body else None)

    if op.endpoint == "get_me":
        assert response.status_code == 200 and response.get_json()["role"] == AFFILIATE
        return
    assert_error(response, 403, "PERMISSION_DENIED")
    if watched:
        assert _fetch(setup, expect.changes, watched) == before, "a refused request changed the record"
    assert roles.calls == []


def _watched(records: Records, changes: str | None) -> str | None:
    if changes in PARTNER_URLS:
        return getattr(records.partner, f"{changes}_id")
    return getattr(records, changes) if changes else None


def _client(app, environ: dict[str, str]) -> FlaskClient:
    client = app.test_client()
    client.environ_base.update(environ)
    return client


def _caller(app, token_for, role: str, via: str, *, shared: bool = False) -> tuple[str, FlaskClient]:
    """A client for ``role``; an API key is made for the case, or once per role for the read-only cases."""
    if via == "token":
        uid = f"{role}-caller"
        token = token_for(uid, None if role == NO_ROLE else role)
        return uid, _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token}"})
    if not shared or role not in _shared_keys:
        secret, key = create_api_key(app.extensions["crm"].api_keys, f"{role} key", Role(role), "setup-admin")
        if not shared:
            return f"apikey:{key.prefix}", _client(app, {"HTTP_X_API_KEY": secret})
        _shared_keys[role] = (f"apikey:{key.prefix}", secret)
    uid, secret = _shared_keys[role]
    return uid, _client(app, {"HTTP_X_API_KEY": secret})


def _needs(op: Operation, expect: Expect) -> set[str]:
    needs = {NEEDS_FROM_PATH[name] for name in op.path_parameters if name in NEEDS_FROM_PATH} | set(expect.needs)
    if op.path.startswith("/crm/lead-pipelines/"):
        needs = needs - {"pipeline"} | {"lead_pipeline"}
    if op.path.startswith("/crm/tag-jobs/"):
        needs = needs - {"job"} | {"tag_job"}
    if op.path.startswith("/crm/admin/lead-sources/"):
        needs = needs - {"source"} | {"lead_source"}
    return needs


def _arrange(setup: FlaskClient, app, owner: str, needs: set[str]) -> Records:
    records = Records(owner=owner)
    if "lead_pipeline" in needs:  # the first is the default (which cannot be deleted); cases act on a second one
        _created(setup, "/api/crm/lead-pipelines", lead_pipeline_body(records))
        records.lead_pipeline = _created(setup, "/api/crm/lead-pipelines", lead_pipeline_body(records))
    if needs & {"customer", "deleted", "deal", "won", "order", "activity", "person", "deleted_person", "other"}:
        records.customer = _created(setup, "/api/crm/customers", customer_body(owner_id=owner, status="lead"))
    if needs & {"person", "deleted_person"}:
        records.person = _created(setup, f"/api/crm/customers/{records.customer}/people", {"first_name": "Maria",
                                                                                           "owner_id": owner})
    if "deleted_person" in needs:
        assert setup.delete(f"/api/crm/people/{records.person}").status_code == 204
    if "other" in needs:
        records.other = _created(setup, "/api/crm/customers", customer_body(owner_id=owner))
    if needs & {"deal", "won"}:
        records.deal = _created(setup, "/api/crm/deals", {"customer_id": records.customer, "title": "Deal",
                                                          "owner_id": owner})
    if "won" in needs:
        assert setup.post(f"/api/crm/deals/{records.deal}/mark-won").status_code == 200
    if "order" in needs:
        records.order = _created(setup, "/api/crm/orders", {"customer_id": records.customer, "owner_id": owner,
                                                            "order_number": f"MX-{next(_serial)}", "total": "5.00"})
    if "activity" in needs:
        records.activity = _created(setup, "/api/crm/activities", {"type": "task", "subject": "Task",
                                                                   "customer_id": records.customer, "owner_id": owner})
    if "deleted" in needs:
        assert setup.delete(f"/api/crm/customers/{records.customer}").status_code == 204
    if "pipeline" in needs:
        records.pipeline = _created(setup, "/api/crm/pipelines", pipeline_body(records))
    if needs & {"product"}:
        records.product = _created(setup, "/api/crm/products", {"sku": f"MX-{next(_serial)}", "name": "Matrix"})
    if needs & {"tag", "other_tag", "tag_job"}:
        records.tag = _created(setup, "/api/crm/tags", {"name": f"matrix-{next(_serial)}"})
    if "other_tag" in needs:
        records.other_tag = _created(setup, "/api/crm/tags", {"name": f"matrix-{next(_serial)}"})
    if "tag_job" in needs:
        response = setup.post(f"/api/crm/tags/{records.tag}/rename", json={"name": f"renamed-{next(_serial)}"})
        assert response.status_code == 202, response.get_json()
        records.tag_job = response.get_json()["id"]
    if "view" in needs:
        sharer = Caller(uid=owner, role=Role.MANAGER, via="token")
        data = SavedViewCreate.model_validate({"name": "Shared", "resource": "deals_board", "visibility": "shared"})
        records.view = saved_views.create_view(app.extensions["crm"].transactions, data, sharer).id
    if "api_key" in needs:
        records.prefix = create_api_key(app.extensions["crm"].api_keys, "Target", Role.REP, "setup-admin")[1].prefix
    if needs & {"webhook", "delivery", "notice"}:
        _arrange_webhooks(setup, app, records, needs)
    if "lead_source" in needs:
        records.lead_source = _created(setup, "/api/crm/admin/lead-sources", {"name": "Target form"})
    if needs & {"upload", "job", "export"}:
        records.upload, records.job = _transfer_records(app, owner, done="export" in needs)
    return records


def _arrange_webhooks(setup: FlaskClient, app, records: Records, needs: set[str]) -> None:
    hooks = app.extensions["crm"].webhooks
    records.endpoint = _created(setup, "/api/crm/admin/webhooks", {"url": "https://hooks.example.com/target",
                                                                   "events": ["*"]})
    if "delivery" in needs:
        records.delivery = hooks.queue.enqueue_ping(records.endpoint, utc_now()).id
    if "notice" in needs:
        hooks.endpoints.disable_failing(records.endpoint, utc_now(), lambda e: True, lambda e: "disabled for a test")
        records.notice = hooks.notices.active()[0].id


def _transfer_records(app, owner: str, *, done: bool) -> tuple[str, str]:
    """An upload and a job of ``owner``'s, made directly in the store (no job runs): an export that has succeeded
    (with its file) when ``done``, else a queued one."""
    from crm.domain.transfer.jobs import Job, JobStatus, JobType
    from crm.domain.transfer.kinds import FileFormat, TransferKind

    transfer = app.extensions["crm"].transfer
    upload = transfer.files.new_id()
    transfer.files.create(upload, owner, "matrix.csv")
    now = utc_now()
    job = Job(id=transfer.jobs.new_id(), type=JobType.EXPORT, kind=TransferKind.CUSTOMERS, created_by=owner,
              created_at=now, updated_at=now, format=FileFormat.CSV, file_name="matrix.csv",
              status=JobStatus.SUCCEEDED if done else JobStatus.QUEUED)
    transfer.jobs.create(job, {"caller": {"uid": owner, "role": "admin", "via": "token"},
                               "plan": {"file_id": upload}, "checkpoint": {}})
    return upload, job.id


def _created(setup: FlaskClient, url: str, body: dict[str, Any]) -> str:
    response = setup.post(url, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _fetch(setup: FlaskClient, kind: str, record_id: str) -> Any:
    return setup.get(RECORD_URLS[kind].format(record_id)).get_json()


def _url(op: Operation, records: Records) -> str:
    path = op.path
    for name in op.path_parameters:
        value = {**dataclasses.asdict(records.partner),
                 "customer_id": records.customer, "deal_id": records.deal, "order_id": records.order,
                 "activity_id": records.activity, "pipeline_id": records.lead_pipeline or records.pipeline,
                 "product_id": records.product, "tag_id": records.tag, "job_id": records.tag_job or records.job,
                 "prefix": records.prefix, "uid": records.uid, "endpoint_id": records.endpoint,
                 "delivery_id": records.delivery, "notice_id": records.notice,
                 "source_id": records.lead_source or records.partner.source_id,
                 "person_id": records.person, "upload_id": records.upload, "view_id": records.view}[name]
        path = path.replace(f"<{name}>", value)
    return "/api" + path
