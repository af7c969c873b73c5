"""The partner programme's collection names, with the same prefix as every other collection."""

from __future__ import annotations

from dataclasses import dataclass

PROGRAMME_SETTINGS = "partner_programme"
"""The programme's settings document in the settings collection (crm_config)."""
MONTH_PARTNERS = "by_partner"
MONTH_LINKS = "by_link"


@dataclass(frozen=True)
class PartnerCollectionNames:
    prefix: str = ""

    def _named(self, name: str) -> str:
        return f"{self.prefix}{name}"

    @property
    def partners(self) -> str:
        return self._named("partners")

    @property
    def partner_users(self) -> str:
        """Claims of affiliate uids: a user is linked to one partner at most."""
        return self._named("partner_users")

    @property
    def links(self) -> str:
        return self._named("partner_links")

    @property
    def link_codes(self) -> str:
        """Claims of link codes."""
        return self._named("partner_link_codes")

    @property
    def clicks(self) -> str:
        return self._named("partner_clicks")

    @property
    def plans(self) -> str:
        return self._named("partner_plans")

    @property
    def conversions(self) -> str:
        return self._named("partner_conversions")

    @property
    def referrals(self) -> str:
        return self._named("partner_referrals")

    @property
    def contacts(self) -> str:
        """An email's or phone's referral, by the value's hash."""
        return self._named("partner_contacts")

    @property
    def commissions(self) -> str:
        return self._named("partner_commissions")

    @property
    def wallets(self) -> str:
        return self._named("partner_wallets")

    @property
    def ledger(self) -> str:
        return self._named("partner_ledger")

    @property
    def payouts(self) -> str:
        return self._named("partner_payouts")

    @property
    def months(self) -> str:
        """Running totals: ``partner_months/{YYYY-MM}`` the programme's, and its subcollections ``by_partner`` and
        ``by_link`` each partner's and link's."""
        return self._named("partner_months")

    @property
    def sources(self) -> str:
        return self._named("partner_sources")

    @property
    def source_secrets(self) -> str:
        return self._named("partner_source_secrets")

    @property
    def internals(self) -> str:
        """The click salt and the click roll-up's checkpoint."""
        return self._named("partner_internals")
