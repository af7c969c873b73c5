"""Administration over HTTP and the CLI: API keys (created, listed, revoked) and users' roles.

Firebase Auth is not running in tests, so for setting a role the app's (and the CLI's) user-roles adapter,
crm.identity.firebase_users.FirebaseUserRoles, is replaced by a recording fake of that adapter; that one external
call is the only thing faked. The adapter's own claim merging is checked against firebase_admin's two calls,
monkeypatched.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from firebase_admin import auth

import crm.cli
import crm.identity.firebase_users
from crm.errors import NotFoundError
from crm.identity import Role
from crm.identity.firebase_users import FirebaseUserRoles
from tests.api.helpers import CUSTOMERS, assert_error, detail_fields

KEYS = "/api/crm/admin/api-keys"


class RecordingUserRoles:
    """Stands in for FirebaseUserRoles: records the role each uid was given."""

    def __init__(self, settings: Any = None) -> None:
        self.calls: list[tuple[str, Role]] = []

    def set_role(self, uid: str, role: Role) -> dict[str, Any]:
        if uid == "ghost":
            raise NotFoundError("no user with uid ghost")
        self.calls.append((uid, role))
        return {"role": role.value}


@pytest.fixture
def user_roles(app) -> RecordingUserRoles:
    app.extensions["crm"].user_roles = fake = RecordingUserRoles()
    return fake


def test_a_created_key_is_shown_once_works_with_its_role_and_is_listed_without_secrets(client, anonymous):
    response = client.post(KEYS, json={"name": "Webshop", "role": "viewer"})
    assert response.status_code == 201, response.get_json()
    made = response.get_json()
    assert made["secret"].startswith(f"crm_{made['prefix']}_")
    assert (made["name"], made["role"], made["created_by"], made["revoked_at"]) == ("Webshop", "viewer", "user-1", None)
    headers = {"X-API-Key": made["secret"]}
    assert anonymous.get(CUSTOMERS, headers=headers).status_code == 200
    assert_error(anonymous.post(CUSTOMERS, json={"name": "x"}, headers=headers), 403, "PERMISSION_DENIED")

    listed = client.get(KEYS).get_json()
    assert listed["total"] == 1
    assert set(listed["results"][0]) == {"prefix", "name", "role", "created_at", "created_by", "revoked_at"}


def test_a_revoked_key_stops_working_and_is_listed_as_revoked(client, anonymous):
    made = client.post(KEYS, json={"name": "Old", "role": "rep"}).get_json()
    assert client.delete(f"{KEYS}/{made['prefix']}").status_code == 204
    assert_error(anonymous.get(CUSTOMERS, headers={"X-API-Key": made["secret"]}), 401, "UNAUTHENTICATED")
    [key] = client.get(KEYS).get_json()["results"]
    assert key["revoked_at"] is not None


def test_revoking_an_unknown_key_is_404(client):
    assert_error(client.delete(f"{KEYS}/deadbeef"), 404, "NOT_FOUND")


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"name": "", "role": "rep"}, "name", id="empty name"),
    pytest.param({"name": "K", "role": "owner"}, "role", id="unknown role"),
    pytest.param({"name": "K", "secret": "x"}, "secret", id="unknown field"),
])
def test_bad_key_bodies_are_422(client, body, field):
    assert detail_fields(assert_error(client.post(KEYS, json=body), 422, "VALIDATION_FAILED")) == [field]


def test_an_idempotency_key_is_refused_so_no_secret_is_ever_stored(client):
    response = client.post(KEYS, json={"name": "K"}, headers={"Idempotency-Key": "once"})
    assert detail_fields(assert_error(response, 400, "INVALID_ARGUMENT")) == ["Idempotency-Key"]
    assert client.get(KEYS).get_json()["total"] == 0


def test_an_admin_sets_a_users_role(client, user_roles):
    response = client.put("/api/crm/admin/users/alice/role", json={"role": "manager"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"uid": "alice", "role": "manager"}
    assert user_roles.calls == [("alice", Role.MANAGER)]


def test_setting_the_role_of_an_unknown_user_is_404(client, user_roles):
    assert_error(client.put("/api/crm/admin/users/ghost/role", json={"role": "rep"}), 404, "NOT_FOUND")


def test_an_unknown_role_is_422(client, user_roles):
    error = assert_error(client.put("/api/crm/admin/users/alice/role", json={"role": "owner"}), 422,
                         "VALIDATION_FAILED")
    assert detail_fields(error) == ["role"] and user_roles.calls == []


def test_the_adapter_keeps_the_other_claims(settings, monkeypatch):
    saved: dict[str, Any] = {}
    monkeypatch.setattr(crm.identity.firebase_users.auth, "get_user",
                        lambda uid, app: SimpleNamespace(custom_claims={"tenant": "t1", "role": "viewer"}))
    monkeypatch.setattr(crm.identity.firebase_users.auth, "set_custom_user_claims",
                        lambda uid, claims, app: saved.update(uid=uid, claims=claims))
    assert FirebaseUserRoles(settings).set_role("alice", Role.ADMIN) == {"tenant": "t1", "role": "admin"}
    assert saved == {"uid": "alice", "claims": {"tenant": "t1", "role": "admin"}}


def test_the_adapter_reports_an_unknown_user_as_not_found(settings, monkeypatch):
    def missing(uid, app):
        raise auth.UserNotFoundError("no user")

    monkeypatch.setattr(crm.identity.firebase_users.auth, "get_user", missing)
    with pytest.raises(NotFoundError, match="ghost"):
        FirebaseUserRoles(settings).set_role("ghost", Role.REP)


def test_the_cli_sets_a_role(settings, monkeypatch, capsys):
    fake = RecordingUserRoles()
    monkeypatch.setattr(crm.cli, "FirebaseUserRoles", lambda settings: fake)
    assert crm.cli.main(["set-role", "bob", "rep"]) == 0
    assert fake.calls == [("bob", Role.REP)]
    assert "bob now has role rep" in capsys.readouterr().out
