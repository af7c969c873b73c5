"""Money moving in a partner's wallet: each change of a commission or payout posts one ledger entry, with the wallet
it leaves, and moves the commission's amount between statuses in the month's running totals, all in the caller's
transaction."""

from __future__ import annotations

from crm.domain.common import to_cents
from crm.domain.partners import wallets
from crm.domain.partners.commissions import Commission, CommissionStatus
from crm.domain.partners.totals import TotalsChange, commission_counters
from crm.domain.partners.wallets import LedgerKind
from crm.services.partners.ports import PartnerStores


def post(stores: PartnerStores, partner_id: str, currency: str, kind: LedgerKind, cents: int, *,
         commission_id: str | None = None, payout_id: str | None = None, taken_from: str = "pending",
         note: str = "") -> None:
    """One ledger entry and the wallet after it; a use case posts at most once per wallet in a transaction."""
    wallet = stores.wallets.get(partner_id, currency)
    after, posting = wallets.post(wallet, kind, cents, commission_id=commission_id, payout_id=payout_id,
                                  taken_from=taken_from, note=note)
    stores.wallets.post(after, posting)


def count_commission(stores: PartnerStores, commission: Commission, to: CommissionStatus,
                     moved_from: CommissionStatus | None = None) -> None:
    """The commission's amount enters ``to`` (leaving ``moved_from``) in its month's totals."""
    counters = commission_counters(commission.currency, to_cents(commission.amount), to, moved_from)
    stores.totals.add(TotalsChange(commission.month, commission.partner_id, commission.link_id, counters))
