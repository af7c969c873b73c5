"""Who sees which partner's records: managers and admins every partner's, an affiliate only their own partner's
(others' answer as if they did not exist)."""

from __future__ import annotations

from crm.errors import NotFoundError, PermissionDeniedError
from crm.identity import Caller, Role

NO_PARTNER_LINKED = "no partner is linked to your user yet: ask the programme's manager to link you"


def is_affiliate(caller: Caller) -> bool:
    return caller.role is Role.AFFILIATE


def listed_partner(own_partner_id: str | None, requested: str | None) -> str | None:
    """The partner a list is limited to: the one asked for, and always their own for an affiliate
    (``own_partner_id`` is None for callers who see every partner).

    Raises:
        PermissionDeniedError: an affiliate asked for another partner's records.
    """
    if own_partner_id is None:
        return requested
    if requested not in (None, own_partner_id):
        message = "an affiliate lists only their own partner's records; leave partner_id out or give your own"
        raise PermissionDeniedError(message, [{"field": "partner_id", "message": message}])
    return own_partner_id


def check_visible(own_partner_id: str | None, record_partner_id: str | None, what: str) -> None:
    """Raises: NotFoundError: the record belongs to another partner than an affiliate's own."""
    if own_partner_id is not None and record_partner_id != own_partner_id:
        raise NotFoundError(f"{what} not found")
