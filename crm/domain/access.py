"""Who may do what: each role's access to records, reports and configuration, and which records a caller sees.

| access    | admin | manager | rep              | viewer |
|-----------|-------|---------|------------------|--------|
| read      | yes   | yes     | own records only | yes    |
| write     | yes   | yes     | own records only | no     |
| reports   | yes   | yes     | no               | yes    |
| admin     | yes   | no      | no               | no     |
| signed_in | yes   | yes     | yes              | yes    |

An affiliate (a partner's own user, linked to their partner record by uid) has none of these: only ``signed_in``
and ``partners``, which reaches their own partner's links, clicks, conversions, commissions, wallet and payouts.
``partner_management`` (partners, links, plans, payouts, reports of the partner programme) is for managers and admins.

A signed-in user without a role (any Firebase user of the project, until an admin gives them one) has only
``signed_in`` access: they may ask who they are (GET /crm/me) and nothing else.

Reports are company-wide figures (every owner's deals), so a rep, who sees only their own records, gets none.
Only managers and admins give a record to someone else (owner_id); a record a caller may not see is answered as
if it did not exist.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from crm.errors import PermissionDeniedError
from crm.identity import Caller, Role


class Access(StrEnum):
    """What an operation needs from its caller's role."""

    READ = "read"
    WRITE = "write"
    REPORTS = "reports"
    ADMIN = "admin"
    SIGNED_IN = "signed_in"
    PARTNERS = "partners"
    PARTNER_MANAGEMENT = "partner_management"


ROLES_WITH: dict[Access, frozenset[Role]] = {
    Access.READ: frozenset(Role) - {Role.AFFILIATE},
    Access.WRITE: frozenset({Role.ADMIN, Role.MANAGER, Role.REP}),
    Access.REPORTS: frozenset({Role.ADMIN, Role.MANAGER, Role.VIEWER}),
    Access.ADMIN: frozenset({Role.ADMIN}),
    Access.SIGNED_IN: frozenset(Role),
    Access.PARTNERS: frozenset({Role.ADMIN, Role.MANAGER, Role.AFFILIATE}),
    Access.PARTNER_MANAGEMENT: frozenset({Role.ADMIN, Role.MANAGER}),
}
NOT_GRANTED_YET = "access has not been granted yet: ask an admin of this CRM to give you a role"

SEES_EVERY_RECORD = frozenset({Role.ADMIN, Role.MANAGER, Role.VIEWER})
ASSIGNS_OWNERS = frozenset({Role.ADMIN, Role.MANAGER})

SYSTEM = Caller(uid="system", role=Role.ADMIN, via="system")
"""Who acts in work no user asked for: the CLI, demo data, and what the store does on its own."""


class OwnerChange(Protocol):
    """A create or update body that may name an owner."""

    owner_id: str | None

    @property
    def model_fields_set(self) -> set[str]: ...


def allows(role: Role | None, access: Access) -> bool:
    return access is Access.SIGNED_IN or role in ROLES_WITH[access]


def require(caller: Caller, access: Access) -> None:
    """Refuse a caller whose role lacks ``access``.

    Raises:
        PermissionDeniedError: the caller's role does not have ``access``.
    """
    if allows(caller.role, access):
        return
    if caller.role is None:
        raise PermissionDeniedError(NOT_GRANTED_YET)
    roles = ", ".join(sorted(role.value for role in ROLES_WITH[access]))
    raise PermissionDeniedError(f"role {caller.role.value} may not do this; it needs {access.value} access "
                                f"(roles: {roles})")


def sees(caller: Caller, owner_id: str | None) -> bool:
    """Whether a record owned by ``owner_id`` exists for ``caller``: everyone's for most roles, a rep's own only."""
    return caller.role in SEES_EVERY_RECORD or owner_id == caller.uid


def list_owner(caller: Caller, requested: str | None) -> str | None:
    """The owner_id a list is limited to: the one asked for, and always the caller's own for a rep.

    Raises:
        PermissionDeniedError: a rep asked for another owner's records.
    """
    if caller.role in SEES_EVERY_RECORD:
        return requested
    if requested not in (None, caller.uid):
        message = "a rep lists only their own records; leave owner_id out or give your own uid"
        raise PermissionDeniedError(message, [{"field": "owner_id", "message": message}])
    return caller.uid


def check_owner_change(caller: Caller, data: OwnerChange) -> None:
    """Refuse an owner_id in ``data`` naming anyone but the caller, unless the caller may assign owners.

    Raises:
        PermissionDeniedError: with a detail on ``owner_id``.
    """
    if "owner_id" not in data.model_fields_set or data.owner_id == caller.uid or caller.role in ASSIGNS_OWNERS:
        return
    message = f"only a manager or admin gives a record to someone else; a {caller.role} may set owner_id " \
              "only to their own uid"
    raise PermissionDeniedError(message, [{"field": "owner_id", "message": message, "type": "permission"}])
