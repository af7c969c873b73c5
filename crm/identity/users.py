"""The users' directory: everyone who can sign in, with their name, email and role, so that people see owners by
name. The accounts come from an adapter (Firebase Auth in production); each instance keeps the list for a short
while, so that a page of records does not cost a call to Auth for its owners' names."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import threading
import time
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Protocol

from pydantic import ConfigDict, Field

from crm.domain.model import Model
from crm.domain.paging import ListPage
from crm.errors import InvalidArgumentError
from crm.identity.caller import Role

MAX_DIRECTORY_USERS = 10_000
MAX_USERS_PAGE = 1000


class DirectoryUser(Model):
    """A user as the directory lists them."""

    uid: str
    display_name: str | None = None
    email: str | None = None
    role: Role | None = Field(None, description="null until an admin gives the user a role")
    disabled: bool = False

    def sort_key(self) -> str:
        return folded(self.display_name or self.email or self.uid)


class UserAccounts(Protocol):
    """Where the users come from: every account, at most MAX_DIRECTORY_USERS of them."""

    def all_users(self) -> list[DirectoryUser]: ...


class RoleFilter(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    REP = "rep"
    VIEWER = "viewer"
    NONE = "none"


class UserListParams(Model):
    """Query parameters of GET /users."""

    model_config = ConfigDict(extra="forbid")

    search: Annotated[str, Field(max_length=200, description="Part of a name or email; case and accents ignored")] \
        | None = None
    role: Annotated[RoleFilter | None, Field(description="Users with this role; none: users without a role")] = None
    page_size: Annotated[int, Field(ge=1, le=MAX_USERS_PAGE)] = 100
    cursor: Annotated[str, Field(max_length=2000, description="next_cursor of the previous page")] | None = None


class UsersPage(ListPage[DirectoryUser]):
    """One page of users, by name."""


class UserDirectory:
    """The accounts, fetched at most once per ``cache_seconds`` on this instance, sorted by name.

    A role given through this instance shows at once; changes made elsewhere (another instance, the Firebase
    console) show within ``cache_seconds``.
    """

    def __init__(self, accounts: UserAccounts, cache_seconds: float, clock: Callable[[], float] = time.monotonic):
        self._accounts = accounts
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._users: list[DirectoryUser] | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def users(self) -> list[DirectoryUser]:
        """Every user, by name (then uid)."""
        with self._lock:
            if self._users is None or self._clock() >= self._expires:
                fetched = self._accounts.all_users()[:MAX_DIRECTORY_USERS]
                self._users = sorted(fetched, key=lambda user: (user.sort_key(), user.uid))
                self._expires = self._clock() + self._cache_seconds
            return self._users

    def role_changed(self, uid: str, role: Role) -> None:
        """Show a role just given on this instance without listing the accounts again."""
        with self._lock:
            if self._users is not None:
                self._users = [u.model_copy(update={"role": role}) if u.uid == uid else u for u in self._users]


def list_users(directory: UserDirectory, params: UserListParams) -> UsersPage:
    """One page of the users matching ``params``, by name.

    Raises:
        InvalidArgumentError: the cursor is malformed or was made for other filters.
    """
    matching = [user for user in directory.users() if _matches(user, params)]
    fingerprint = _fingerprint(params)
    page, after = (1, None) if params.cursor is None else _decode_cursor(params.cursor, fingerprint)
    following = [u for u in matching if after is None or (u.sort_key(), u.uid) > after]
    results = following[: params.page_size]
    next_cursor = None
    if len(following) > params.page_size:
        last = results[-1]
        next_cursor = _encode_cursor(page + 1, (last.sort_key(), last.uid), fingerprint)
    return UsersPage(results=results, total=len(matching), page=page, page_size=params.page_size,
                     next_cursor=next_cursor)


def folded(text: str) -> str:
    """``text`` for comparing and sorting: case and accents ignored (``Μαρία`` as ``μαρια``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ς", "σ")


def _matches(user: DirectoryUser, params: UserListParams) -> bool:
    if params.role is RoleFilter.NONE and user.role is not None:
        return False
    if params.role not in (None, RoleFilter.NONE) and (user.role is None or user.role.value != params.role):
        return False
    wanted = folded(params.search or "").strip()
    return not wanted or any(wanted in folded(text) for text in (user.display_name, user.email, user.uid) if text)


def _fingerprint(params: UserListParams) -> str:
    parts = [folded(params.search or "").strip(), params.role.value if params.role else None]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def _encode_cursor(page: int, after: tuple[str, str], fingerprint: str) -> str:
    payload = {"p": page, "k": after[0], "u": after[1], "q": fingerprint}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_cursor(token: str, fingerprint: str) -> tuple[int, tuple[str, str]]:
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        page, key, uid, query = payload["p"], payload["k"], payload["u"], payload["q"]
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error):
        raise _bad_cursor("cursor is not valid") from None
    if not (isinstance(page, int) and 1 < page <= 1_000_000 and isinstance(key, str) and isinstance(uid, str)):
        raise _bad_cursor("cursor is not valid")
    if query != fingerprint:
        raise _bad_cursor("cursor belongs to a different query: keep the same search and role while paging")
    return page, (key, uid)


def _bad_cursor(message: str) -> InvalidArgumentError:
    return InvalidArgumentError(message, [{"field": "cursor", "message": message}])
