"""Giving a user a role: their ``role`` custom claim, set by an admin (over HTTP or with ``crm set-role``)."""

from __future__ import annotations

from typing import Any, Protocol

from crm.identity.caller import Role
from crm.identity.users import UserDirectory


class UserRoles(Protocol):
    def set_role(self, uid: str, role: Role) -> dict[str, Any]: ...


def set_user_role(roles: UserRoles, uid: str, role: Role, directory: UserDirectory | None = None) -> Role:
    """Give a user a role (their ``role`` custom claim; other claims are kept); ``directory`` shows it at once.

    Raises:
        NotFoundError: no such user.
    """
    roles.set_role(uid, role)
    if directory is not None:
        directory.role_changed(uid, role)
    return role
