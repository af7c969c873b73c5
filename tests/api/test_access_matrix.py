"""The access matrix: every operation x every role x a record of the caller's own and one of someone else's, each
answered with the exact status promised; and the same again with API-key callers, whose role is the key's.

The cases come from ``crm.http.routing.api.operations``, so an endpoint added later without a row in EXPECTED
fails here (test_every_operation_has_an_expectation, and each of its cases) instead of skipping the checks.

Everything runs on the Firestore emulator. The one substitute: PUT /admin/users/{uid}/role calls Firebase Auth,
which is not running in tests, so the app's user-roles adapter (crm.identity.firebase_users.FirebaseUserRoles) is
replaced by a recording fake of that adapter, for that one external call only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient

from crm.domain.saved_views import SavedViewCreate
from crm.http.routing import Operation, api
from crm.identity import Caller, Role, create_api_key
from crm.services import saved_views
from tests.api.helpers import assert_error
from tests.utils.factories import customer_body

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


def company_reports() -> Statuses:
    """Company-wide figures: not for a rep, who sees only their own records."""
    return {role: (403, 403) if role == "rep" else (200, 200) for role in ROLES}


@dataclass
class Records:
    """What a case acts on, arranged by an admin: owned by the caller (own) or by someone else (foreign)."""

    owner: str
    customer: str = ""
    deal: str = ""
    order: str = ""
    activity: str = ""
    pipeline: str = ""
    view: str = ""
    prefix: str = ""
    uid: str = "some-user"


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


EXPECTED: dict[str, Expect] = {
    # customers
    "list_customers": Expect(records_read(rep_foreign=403), query=owner_filter),
    "create_customer": Expect(records_write(201, rep_foreign=403), body=lambda r: customer_body(owner_id=r.owner)),
    "get_customer": Expect(records_read()),
    "patch_customer": Expect(records_write(200), body=lambda r: {"name": "Changed"}, changes="customer"),
    "put_customer": Expect(records_write(200), body=lambda r: {"name": "Changed"}, changes="customer"),
    "delete_customer": Expect(records_write(204), changes="customer"),
    "restore_customer": Expect(records_write(200), needs=("deleted",)),
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
    # identity
    "get_me": Expect({**everyone(), NO_ROLE: (200, 200)}),
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
                   "pipeline_id": "pipeline", "prefix": "api_key", "view_id": "view"}
RECORD_URLS = {"customer": "/api/crm/customers/{}", "deal": "/api/crm/deals/{}", "order": "/api/crm/orders/{}",
               "activity": "/api/crm/activities/{}"}


class RecordingUserRoles:
    """Stands in for crm.identity.firebase_users.FirebaseUserRoles: Firebase Auth is not running in tests."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Role]] = []

    def set_role(self, uid: str, role: Role) -> dict[str, Any]:
        self.calls.append((uid, role))
        return {"role": role.value}


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


@pytest.mark.parametrize(("op", "role", "scope", "via"), CASES)
def test_access(app, anonymous, token_for, op: Operation, role: str, scope: str, via: str):
    expect = EXPECTED.get(op.endpoint)
    if expect is None:
        pytest.fail(f"no access expectation for {op.method} {op.path}: add it to EXPECTED")
    setup = _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token_for('setup-admin', 'admin')}"})
    caller_uid, caller = _caller(app, token_for, role, via)
    records = _arrange(setup, app, caller_uid if scope == "own" else OTHER, _needs(op, expect))
    app.extensions["crm"].user_roles = roles = RecordingUserRoles()
    watched = getattr(records, expect.changes) if expect.changes else None
    before = _fetch(setup, expect.changes, watched) if watched else None

    response = caller.open(_url(op, records), method=op.method, query_string=expect.query(records) if expect.query
                           else None, json=expect.body(records) if expect.body else None)

    wanted = expect.statuses.get(role, (403, 403))[SCOPES.index(scope)]
    assert response.status_code == wanted, (response.status_code, response.get_data(as_text=True))
    if wanted in ERROR_CODES:
        assert_error(response, wanted, ERROR_CODES[wanted])
        if watched:
            assert _fetch(setup, expect.changes, watched) == before, "a refused request changed the record"
    elif op.method == "GET" and "results" in (body := response.get_json()) and role == "rep":
        assert all(item.get("owner_id") == caller_uid for item in body["results"] if "owner_id" in item)
    if op.endpoint == "set_user_role":
        assert roles.calls == ([("some-user", Role.MANAGER)] if wanted == 200 else [])


def _client(app, environ: dict[str, str]) -> FlaskClient:
    client = app.test_client()
    client.environ_base.update(environ)
    return client


def _caller(app, token_for, role: str, via: str) -> tuple[str, FlaskClient]:
    if via == "token":
        uid = f"{role}-caller"
        token = token_for(uid, None if role == NO_ROLE else role)
        return uid, _client(app, {"HTTP_AUTHORIZATION": f"Bearer {token}"})
    secret, key = create_api_key(app.extensions["crm"].api_keys, f"{role} key", Role(role), "setup-admin")
    return f"apikey:{key.prefix}", _client(app, {"HTTP_X_API_KEY": secret})


def _needs(op: Operation, expect: Expect) -> set[str]:
    return {NEEDS_FROM_PATH[name] for name in op.path_parameters if name in NEEDS_FROM_PATH} | set(expect.needs)


def _arrange(setup: FlaskClient, app, owner: str, needs: set[str]) -> Records:
    records = Records(owner=owner)
    if needs & {"customer", "deleted", "deal", "won", "order", "activity"}:
        records.customer = _created(setup, "/api/crm/customers", customer_body(owner_id=owner, status="lead"))
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
    if "view" in needs:
        sharer = Caller(uid=owner, role=Role.MANAGER, via="token")
        data = SavedViewCreate.model_validate({"name": "Shared", "resource": "deals_board", "visibility": "shared"})
        records.view = saved_views.create_view(app.extensions["crm"].transactions, data, sharer).id
    if "api_key" in needs:
        records.prefix = create_api_key(app.extensions["crm"].api_keys, "Target", Role.REP, "setup-admin")[1].prefix
    return records


def _created(setup: FlaskClient, url: str, body: dict[str, Any]) -> str:
    response = setup.post(url, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _fetch(setup: FlaskClient, kind: str, record_id: str) -> Any:
    return setup.get(RECORD_URLS[kind].format(record_id)).get_json()


def _url(op: Operation, records: Records) -> str:
    path = op.path
    for name in op.path_parameters:
        value = {"customer_id": records.customer, "deal_id": records.deal, "order_id": records.order,
                 "activity_id": records.activity, "pipeline_id": records.pipeline, "prefix": records.prefix,
                 "view_id": records.view,
                 "uid": records.uid}[name]
        path = path.replace(f"<{name}>", value)
    return "/api" + path
