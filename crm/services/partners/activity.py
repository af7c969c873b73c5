"""A partner's clicks, conversions, wallets and ledger, as lists; an affiliate sees only their own partner's, and
never the customers behind the conversions."""

from __future__ import annotations

from crm.domain.partners.click_views import ClickListParams, ClicksPage
from crm.domain.partners.conversions import Conversion, ConversionListParams, ConversionsPage
from crm.domain.partners.visibility import check_visible, listed_partner
from crm.domain.partners.wallets import LedgerListParams, LedgerPage, Wallet, WalletsPage
from crm.identity import Caller
from crm.services.partners.ports import ActivityReader, PartnerReader, WalletReader
from crm.services.partners.scope import own_partner_id


def list_clicks(activity: ActivityReader, partners: PartnerReader, params: ClickListParams,
                caller: Caller) -> ClicksPage:
    partner_id = listed_partner(own_partner_id(caller, partners), params.partner_id)
    page = activity.clicks(partner_id, params.link_id, params.page_size, params.cursor)
    return ClicksPage.of(page, params.page_size)


def list_conversions(activity: ActivityReader, partners: PartnerReader, params: ConversionListParams,
                     caller: Caller) -> ConversionsPage:
    """Managers and admins see every conversion (``attributed=false`` lists the events no click was found for); an
    affiliate sees their own attributed ones."""
    own = own_partner_id(caller, partners)
    partner_id = listed_partner(own, params.partner_id)
    if own is not None and params.attributed is False:
        return ConversionsPage(results=[], total=0, page=1, page_size=params.page_size, next_cursor=None)
    attributed = None if partner_id is not None else params.attributed  # a partner's conversions are attributed
    params = params.model_copy(update={"partner_id": partner_id, "attributed": attributed})
    page = ConversionsPage.of(activity.conversions(params), params.page_size)
    return page if own is None else page.model_copy(update={"results": [_for_affiliate(c) for c in page.results]})


def list_wallets(wallets: WalletReader, partners: PartnerReader, partner_id: str, caller: Caller) -> WalletsPage:
    check_visible(own_partner_id(caller, partners), partner_id, f"partner {partner_id}")
    found = [Wallet.of(state) for state in wallets.wallets(partner_id)]
    return WalletsPage(results=found, total=len(found))


def list_ledger(wallets: WalletReader, partners: PartnerReader, partner_id: str, params: LedgerListParams,
                caller: Caller) -> LedgerPage:
    check_visible(own_partner_id(caller, partners), partner_id, f"partner {partner_id}")
    page = wallets.ledger(partner_id, params.currency, params.page_size, params.cursor)
    return LedgerPage.of(page, params.page_size)


def _for_affiliate(conversion: Conversion) -> Conversion:
    return conversion.model_copy(update={"customer_id": None, "owner_id": None})
