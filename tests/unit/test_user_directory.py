"""The users' directory: kept for a while per instance, sorted by name, filtered, paged by cursor."""

from __future__ import annotations

import pytest

from crm.errors import InvalidArgumentError
from crm.identity import DirectoryUser, Role, UserDirectory, UserListParams, list_users
from crm.identity.users import folded


class CountingAccounts:
    """Stands in for the Firebase adapter (crm.identity.firebase_users.FirebaseUserDirectory)."""

    def __init__(self, users: list[DirectoryUser]):
        self.users = users
        self.calls = 0

    def all_users(self) -> list[DirectoryUser]:
        self.calls += 1
        return list(self.users)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


TEAM = [
    DirectoryUser(uid="u-maria", display_name="Μαρία Παππά", email="maria@example.com", role=Role.REP),
    DirectoryUser(uid="u-alex", display_name="Alex Admin", email="alex@example.com", role=Role.ADMIN),
    DirectoryUser(uid="u-new", display_name=None, email="newcomer@example.com", role=None),
    DirectoryUser(uid="u-mina", display_name="Mina Manager", email="mina@example.com", role=Role.MANAGER),
    DirectoryUser(uid="u-bare", role=Role.VIEWER),
]


def directory(users: list[DirectoryUser] = TEAM, seconds: float = 60) -> tuple[UserDirectory, CountingAccounts, Clock]:
    accounts, clock = CountingAccounts(users), Clock()
    return UserDirectory(accounts, seconds, clock), accounts, clock


def uids(page) -> list[str]:
    return [user.uid for user in page.results]


def test_the_accounts_are_listed_once_per_cache_period():
    found, accounts, clock = directory()
    found.users()
    clock.now += 59
    found.users()
    assert accounts.calls == 1
    clock.now += 1
    accounts.users = accounts.users[:1]
    assert [u.uid for u in found.users()] == ["u-maria"]
    assert accounts.calls == 2


def test_a_role_given_here_shows_at_once_without_listing_again():
    found, accounts, _ = directory()
    found.role_changed("u-new", Role.REP)  # nothing cached yet: nothing to do, no call
    assert accounts.calls == 0
    found.users()
    found.role_changed("u-new", Role.MANAGER)
    assert {u.uid: u.role for u in found.users()}["u-new"] is Role.MANAGER
    assert accounts.calls == 1


def test_users_come_by_name_then_email_then_uid_accents_and_case_ignored():
    found, _, _ = directory()
    assert uids(list_users(found, UserListParams())) == ["u-alex", "u-mina", "u-new", "u-bare", "u-maria"]


@pytest.mark.parametrize(("query", "expected"), [
    pytest.param({"search": "MARIA"}, ["u-maria"], id="email, case ignored"),
    pytest.param({"search": "παππα"}, ["u-maria"], id="greek name, accents ignored"),
    pytest.param({"search": "example.com"}, ["u-alex", "u-mina", "u-new", "u-maria"], id="domain"),
    pytest.param({"search": "u-bare"}, ["u-bare"], id="uid"),
    pytest.param({"role": "rep"}, ["u-maria"], id="role"),
    pytest.param({"role": "none"}, ["u-new"], id="without a role"),
    pytest.param({"role": "manager", "search": "alex"}, [], id="both"),
])
def test_filters(query, expected):
    found, _, _ = directory()
    page = list_users(found, UserListParams.model_validate(query))
    assert (uids(page), page.total) == (expected, len(expected))


def test_pages_follow_their_cursor_to_the_end():
    many = [DirectoryUser(uid=f"u{n:03}", display_name=f"User {n % 7}") for n in range(23)]
    found, _, _ = directory(many)
    seen, cursor, pages = [], None, 0
    while True:
        page = list_users(found, UserListParams(page_size=10, cursor=cursor))
        pages += 1
        assert page.page == pages and page.total == 23
        seen += uids(page)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 3
    assert seen == [u.uid for u in sorted(many, key=lambda u: (u.sort_key(), u.uid))]


def test_a_cursor_of_another_search_or_a_forged_one_is_refused():
    found, _, _ = directory()
    cursor = list_users(found, UserListParams(page_size=1, search="example")).next_cursor
    with pytest.raises(InvalidArgumentError, match="different query"):
        list_users(found, UserListParams(page_size=1, search="alex", cursor=cursor))
    for forged in ("nonsense", "e30", "eyJwIjoxLCJrIjoiIiwidSI6IiIsInEiOiIifQ"):
        with pytest.raises(InvalidArgumentError, match="not valid"):
            list_users(found, UserListParams(cursor=forged))


def test_folding_ignores_case_accents_and_final_sigma():
    assert folded("Νίκος ΠΑΠΑΔΌΠΟΥΛΟΣ") == folded("νικοσ παπαδοπουλοσ")
