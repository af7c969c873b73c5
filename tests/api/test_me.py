"""GET /crm/me: who the caller is and what they may do; the one answer a signed-in user without a role gets."""

from __future__ import annotations

import pytest

from crm.identity import Role, create_api_key
from tests.api.helpers import CUSTOMERS, assert_error


def test_a_user_without_a_role_is_told_access_is_not_granted_yet(anonymous, token_for):
    token = token_for("newcomer", None, email="new@example.com")
    headers = {"Authorization": f"Bearer {token}"}

    listing = anonymous.get(CUSTOMERS, headers=headers)
    error = assert_error(listing, 403, "PERMISSION_DENIED")
    assert "not been granted yet" in error["message"]

    me = anonymous.get("/api/crm/me", headers=headers)
    assert me.status_code == 200
    assert me.get_json() == {
        "uid": "newcomer", "email": "new@example.com", "role": None, "via": "token",
        "access": {"read": False, "write": False, "reports": False, "admin": False, "signed_in": True,
                   "partners": False, "partner_management": False},
        "sees_every_record": False, "assigns_owners": False,
        "message": "access has not been granted yet: ask an admin of this CRM to give you a role",
    }


@pytest.mark.parametrize(
    ("role", "allowed", "sees_all", "assigns"),
    [
        pytest.param("admin", {"read", "write", "reports", "admin", "signed_in", "partners", "partner_management"},
                     True, True, id="admin"),
        pytest.param("manager", {"read", "write", "reports", "signed_in", "partners", "partner_management"}, True,
                     True, id="manager"),
        pytest.param("rep", {"read", "write", "signed_in"}, False, False, id="rep"),
        pytest.param("viewer", {"read", "reports", "signed_in"}, True, False, id="viewer"),
        pytest.param("affiliate", {"signed_in", "partners"}, False, False, id="affiliate"),
    ],
)
def test_me_describes_each_role(anonymous, token_for, role, allowed, sees_all, assigns):
    me = anonymous.get("/api/crm/me", headers={"Authorization": f"Bearer {token_for('u1', role)}"}).get_json()
    assert me["role"] == role and me["message"] is None
    assert {kind for kind, granted in me["access"].items() if granted} == allowed
    assert (me["sees_every_record"], me["assigns_owners"]) == (sees_all, assigns)


def test_me_for_an_api_key(app, anonymous):
    secret, key = create_api_key(app.extensions["crm"].api_keys, "Sync", Role.REP, "admin-1")
    me = anonymous.get("/api/crm/me", headers={"X-API-Key": secret}).get_json()
    assert (me["uid"], me["role"], me["via"]) == (f"apikey:{key.prefix}", "rep", "api_key")
