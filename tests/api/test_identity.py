"""Who may call: Firebase ID tokens and API keys; everything but the service endpoints needs one of them."""

from __future__ import annotations

import pytest

from crm.devstack.tokens import emulator_id_token
from crm.http.routing import api
from crm.identity import Role, create_api_key, revoke_api_key
from tests.api.helpers import CUSTOMERS, assert_error

DUMMY_ID = "dummy-id"


def _url(prefix: str, op) -> str:
    path = op.path
    for name in op.path_parameters:
        path = path.replace(f"<{name}>", DUMMY_ID)
    return prefix + path


PRIVATE = [pytest.param(op, id=f"{op.method} {op.path}") for op in api.operations if not op.public]
# Open to anyone, but each checks its sender's own credentials: the lead hook (tests/api/test_lead_hook.py) and
# the conversion postback (tests/api/test_partners.py).
SIGNED = ("/hooks/",)
PUBLIC = [pytest.param(op, id=f"{op.method} {op.path}") for op in api.operations
          if op.public and not op.path.startswith(SIGNED)]
PREFIXES = [pytest.param("/api", id="/api"), pytest.param("", id="bare")]


def test_the_service_endpoints_are_the_only_public_ones():
    public = sorted(op.path for op in api.operations if op.public)
    assert public == ["/docs", "/graphql", "/health", "/hooks/conversions/<source>", "/hooks/leads/<source_id>",
                      "/openapi.json"]
    assert len(PRIVATE) >= 9


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("op", PRIVATE)
def test_private_operation_without_credentials_is_401(anonymous, prefix, op):
    response = anonymous.open(_url(prefix, op), method=op.method, json={"name": "x"} if op.body else None)
    error = assert_error(response, 401, "UNAUTHENTICATED")
    assert "Bearer" in error["message"] and "X-API-Key" in error["message"]


@pytest.mark.parametrize("op", PUBLIC)
def test_public_operation_needs_no_credentials(anonymous, op):
    assert anonymous.open(_url("/api", op), method=op.method).status_code == 200


@pytest.mark.parametrize("header", [
    pytest.param("Basic dXNlcjpwYXNz", id="basic auth"),
    pytest.param("Bearer", id="scheme only"),
    pytest.param("Bearer    ", id="blank token"),
    pytest.param("Token abc", id="other scheme"),
    pytest.param("abc", id="bare value"),
])
def test_malformed_authorization_header_is_401(anonymous, header):
    error = assert_error(anonymous.get(CUSTOMERS, headers={"Authorization": header}), 401, "UNAUTHENTICATED")
    assert "Bearer" in error["message"]


@pytest.mark.parametrize("make_token", [
    pytest.param(lambda project: "garbage", id="not a JWT"),
    pytest.param(lambda project: "a.b.c", id="three junk segments"),
    pytest.param(lambda project: emulator_id_token("another-project", "u1"), id="another project"),
    pytest.param(lambda project: emulator_id_token(project, "u1", lifetime_seconds=-3600), id="expired"),
])
def test_invalid_token_is_401(anonymous, settings, make_token):
    header = f"Bearer {make_token(settings.project_id)}"
    assert_error(anonymous.get(CUSTOMERS, headers={"Authorization": header}), 401, "UNAUTHENTICATED")


def test_a_bad_token_is_refused_even_beside_a_good_api_key(anonymous, app):
    secret, _ = create_api_key(app.extensions["crm"].api_keys, "Beside", Role.ADMIN, "admin-1")
    response = anonymous.get(CUSTOMERS, headers={"Authorization": "Bearer garbage", "X-API-Key": secret})
    assert_error(response, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_the_bearer_scheme_is_case_insensitive(anonymous, token_for, scheme):
    response = anonymous.get(CUSTOMERS, headers={"Authorization": f"{scheme} {token_for()}"})
    assert response.status_code == 200, response.get_json()


def test_token_caller_owns_what_it_creates(anonymous, token_for):
    headers = {"Authorization": f"Bearer {token_for('alice', 'rep', 'alice@example.com')}"}
    response = anonymous.post(CUSTOMERS, json={"name": "Alice's"}, headers=headers)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["owner_id"] == "alice"


def test_api_key_authenticates(anonymous, app):
    secret, key = create_api_key(app.extensions["crm"].api_keys, "Webshop sync", Role.REP, "admin-1")
    assert anonymous.get(CUSTOMERS, headers={"X-API-Key": secret}).status_code == 200
    created = anonymous.post(CUSTOMERS, json={"name": "Via key"}, headers={"X-API-Key": secret})
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["owner_id"] == f"apikey:{key.prefix}"


def test_revoked_api_key_is_401(anonymous, app):
    store = app.extensions["crm"].api_keys
    secret, key = create_api_key(store, "Old integration", Role.REP, "admin-1")
    revoke_api_key(store, key.prefix)
    assert_error(anonymous.get(CUSTOMERS, headers={"X-API-Key": secret}), 401, "UNAUTHENTICATED")


@pytest.mark.parametrize("secret", [
    pytest.param("crm_deadbeef_" + "x" * 43, id="well-formed but unknown"),
    pytest.param("not-a-key", id="not a key"),
    pytest.param(" ", id="blank"),
])
def test_unknown_api_key_is_401(anonymous, app, secret):
    create_api_key(app.extensions["crm"].api_keys, "Real one", Role.REP, "admin-1")
    assert_error(anonymous.get(CUSTOMERS, headers={"X-API-Key": secret}), 401, "UNAUTHENTICATED")


def test_a_key_only_works_in_full(anonymous, app):
    secret, _ = create_api_key(app.extensions["crm"].api_keys, "Truncated", Role.REP, "admin-1")
    assert_error(anonymous.get(CUSTOMERS, headers={"X-API-Key": secret[:-1]}), 401, "UNAUTHENTICATED")
