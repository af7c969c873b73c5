"""Where the programme's unique values are claimed: link codes and affiliate users."""

from __future__ import annotations

from crm.domain.claims import PARTNER_LINK_CODE, PARTNER_USER
from crm.store.claims import ClaimCollection
from crm.store.partners.documents import link_from, partner_from

LINK_CODE_CLAIMS = ClaimCollection(
    PARTNER_LINK_CODE, claims=lambda names: names.partner_programme.link_codes,
    holders=lambda names: names.partner_programme.links, record=link_from,
)
PARTNER_USER_CLAIMS = ClaimCollection(
    PARTNER_USER, claims=lambda names: names.partner_programme.partner_users,
    holders=lambda names: names.partner_programme.partners, record=partner_from,
)
