"""GET /crm/users, the users' directory: names, emails and roles, paged, cached per instance, and a role given by
an admin shown at once.

Firebase Auth does not run in these tests, so the app's accounts adapter (crm.identity.firebase_users.
FirebaseUserDirectory) is replaced by a counting fake of that adapter; the adapter's own mapping of firebase-admin's
user records is checked against firebase_admin.auth.list_users, monkeypatched. The browser tests run it against the
real Auth emulator.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import crm.identity.firebase_users
from crm.errors import UnavailableError
from crm.identity import DirectoryUser, Role
from crm.identity.firebase_users import FirebaseUserDirectory
from tests.api.helpers import assert_error, detail_fields

USERS = "/api/crm/users"


class CountingAccounts:
    """Stands in for FirebaseUserDirectory: the accounts, and how often they were listed."""

    def __init__(self, users: list[DirectoryUser]):
        self.users = users
        self.calls = 0

    def all_users(self) -> list[DirectoryUser]:
        self.calls += 1
        return list(self.users)


class RecordingUserRoles:
    def set_role(self, uid: str, role: Role) -> dict[str, Any]:
        return {"role": role.value}


@pytest.fixture
def accounts(app) -> CountingAccounts:
    team = [DirectoryUser(uid=f"rep-{n:02}", display_name=f"Rep {n:02}", email=f"rep{n}@example.com", role=Role.REP)
            for n in range(30)]
    team.append(DirectoryUser(uid="newcomer", email="newcomer@example.com"))
    app.extensions["crm"].user_accounts = fake = CountingAccounts(team)
    return fake


def test_every_role_reads_the_directory_with_names_emails_and_roles(as_user, accounts):
    for role in ("admin", "manager", "rep", "viewer"):
        response = as_user(f"{role}-1", role).get(USERS, query_string={"search": "rep 07"})
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["results"] == [
            {"uid": "rep-07", "display_name": "Rep 07", "email": "rep7@example.com", "role": "rep", "disabled": False}]


def test_the_accounts_are_listed_once_however_many_requests_within_the_cache_time(client, accounts):
    for _ in range(5):
        assert client.get(USERS).status_code == 200
    assert accounts.calls == 1


def test_pages_follow_next_cursor_with_the_total(client, accounts):
    first = client.get(USERS, query_string={"page_size": 20}).get_json()
    assert (len(first["results"]), first["total"], first["page"]) == (20, 31, 1)
    second = client.get(USERS, query_string={"page_size": 20, "cursor": first["next_cursor"]}).get_json()
    assert (len(second["results"]), second["page"], second["next_cursor"]) == (11, 2, None)
    uids = [u["uid"] for u in first["results"] + second["results"]]
    assert len(set(uids)) == 31 and uids[:2] == ["newcomer", "rep-00"]


def test_users_without_a_role_are_found_for_the_admin_to_give_one(client, accounts):
    page = client.get(USERS, query_string={"role": "none"}).get_json()
    assert [(u["uid"], u["role"]) for u in page["results"]] == [("newcomer", None)]


def test_a_role_given_by_an_admin_shows_in_the_directory_at_once(client, app, accounts):
    app.extensions["crm"].user_roles = RecordingUserRoles()
    assert client.get(USERS, query_string={"role": "none"}).get_json()["total"] == 1
    assert client.put("/api/crm/admin/users/newcomer/role", json={"role": "manager"}).status_code == 200
    assert client.get(USERS, query_string={"role": "none"}).get_json()["total"] == 0
    assert client.get(USERS, query_string={"role": "manager"}).get_json()["results"][0]["uid"] == "newcomer"
    assert accounts.calls == 1


@pytest.mark.parametrize(("query", "field"), [
    pytest.param({"page_size": "0"}, "page_size", id="page size 0"),
    pytest.param({"page_size": "1001"}, "page_size", id="page size 1001"),
    pytest.param({"role": "owner"}, "role", id="unknown role"),
    pytest.param({"cursor": "forged"}, "cursor", id="forged cursor"),
    pytest.param({"sort": "name"}, "sort", id="unknown parameter"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, accounts, query, field):
    assert detail_fields(assert_error(client.get(USERS, query_string=query), 400, "INVALID_ARGUMENT")) == [field]


def test_auth_unavailable_is_503(client, app):
    class Down:
        def all_users(self) -> list[DirectoryUser]:
            raise UnavailableError("Firebase Auth is unavailable; retry shortly")

    app.extensions["crm"].user_accounts = Down()
    assert_error(client.get(USERS), 503, "UNAVAILABLE")


def test_the_adapter_reads_names_emails_roles_from_firebase_user_records(settings, monkeypatch):
    records = [
        SimpleNamespace(uid="a", display_name="Ann", email="ann@example.com", custom_claims={"role": "manager"},
                        disabled=False),
        SimpleNamespace(uid="b", display_name="", email=None, custom_claims=None, disabled=True),
        SimpleNamespace(uid="c", display_name=None, email="c@example.com", custom_claims={"role": "owner"},
                        disabled=False),
    ]
    monkeypatch.setattr(crm.identity.firebase_users.auth, "list_users",
                        lambda app: SimpleNamespace(iterate_all=lambda: iter(records)))
    assert FirebaseUserDirectory(settings).all_users() == [
        DirectoryUser(uid="a", display_name="Ann", email="ann@example.com", role=Role.MANAGER),
        DirectoryUser(uid="b", disabled=True),
        DirectoryUser(uid="c", email="c@example.com"),  # an unknown role is no role
    ]
