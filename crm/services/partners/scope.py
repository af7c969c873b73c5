"""The partner a caller is limited to: none for managers and admins, their own for an affiliate."""

from __future__ import annotations

from crm.domain.partners.visibility import NO_PARTNER_LINKED, is_affiliate
from crm.errors import PermissionDeniedError
from crm.identity import Caller
from crm.services.partners.ports import PartnerReader


def own_partner_id(caller: Caller, partners: PartnerReader) -> str | None:
    """None for a caller who sees every partner; an affiliate's own partner's id.

    Raises:
        PermissionDeniedError: an affiliate whose user no partner is linked to.
    """
    if not is_affiliate(caller):
        return None
    partner = partners.of_user(caller.uid)
    if partner is None:
        raise PermissionDeniedError(NO_PARTNER_LINKED)
    return partner.id
