"""Commission use cases: approve one (a manager), approve those whose hold period has ended (the scheduled job), and
list them; an affiliate sees only their own partner's, without the customers behind them."""

from __future__ import annotations

import logging
from datetime import datetime

from crm.domain.access import SYSTEM
from crm.domain.common import to_cents, utc_now
from crm.domain.partners import commissions as rules
from crm.domain.partners.commissions import Commission, CommissionListParams, CommissionsPage, CommissionStatus
from crm.domain.partners.visibility import check_visible, listed_partner
from crm.domain.partners.wallets import LedgerKind
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.partners import ledger
from crm.services.partners.ports import ActivityReader, PartnerReader, PartnerTransaction, PartnerTransactions
from crm.services.partners.scope import own_partner_id

logger = logging.getLogger("crm.partners.commissions")
DUE_BATCH = 100


def approve_commission(transactions: PartnerTransactions, commission_id: str, caller: Caller) -> Commission:
    """Approve a pending commission before its hold period ends: its amount becomes payable.

    Raises:
        NotFoundError: no such commission.
        FailedPreconditionError: it is not pending.
    """

    def work(tx: PartnerTransaction) -> Commission:
        commission = tx.partners.commissions.get(commission_id)
        if commission is None:
            raise NotFoundError(f"commission {commission_id} not found")
        approved = rules.approve(commission, by=caller.uid, now=utc_now())
        tx.partners.commissions.put(approved)
        ledger.post(tx.partners, commission.partner_id, commission.currency, LedgerKind.APPROVED,
                    to_cents(commission.amount), commission_id=commission.id, note=f"approved by {caller.uid}")
        ledger.count_commission(tx.partners, commission, CommissionStatus.APPROVED, moved_from=CommissionStatus.PENDING)
        return approved

    return transactions.run(work, actor=caller, lock=[f"partner_commissions/{commission_id}"])


def approve_due_commissions(transactions: PartnerTransactions, activity: ActivityReader, *,
                            now: datetime | None = None, limit: int = 1000) -> int:
    """Approve the pending commissions whose hold period has ended (up to ``limit`` a run), each in its own
    transaction; one changed meanwhile (approved by a manager, reversed) is left as it is. Returns how many."""
    approved = 0
    moment = now or utc_now()
    while approved < limit:
        due = activity.due_commissions(moment, min(DUE_BATCH, limit - approved))
        if not due:
            break
        for commission in due:
            try:
                approve_commission(transactions, commission.id, SYSTEM)
                approved += 1
            except (FailedPreconditionError, NotFoundError):
                logger.info("commission %s changed before its hold period ended; left as it is", commission.id)
        if len(due) < DUE_BATCH:
            break
    return approved


def list_commissions(activity: ActivityReader, partners: PartnerReader, params: CommissionListParams,
                     caller: Caller) -> CommissionsPage:
    own = own_partner_id(caller, partners)
    params = params.model_copy(update={"partner_id": listed_partner(own, params.partner_id)})
    page = CommissionsPage.of(activity.commissions(params), params.page_size)
    return page if own is None else page.model_copy(update={"results": [_for_affiliate(c) for c in page.results]})


def get_commission(activity: ActivityReader, partners: PartnerReader, commission_id: str,
                   caller: Caller) -> Commission:
    commission = activity.commission(commission_id)
    if commission is None:
        raise NotFoundError(f"commission {commission_id} not found")
    own = own_partner_id(caller, partners)
    check_visible(own, commission.partner_id, f"commission {commission_id}")
    return commission if own is None else _for_affiliate(commission)


def _for_affiliate(commission: Commission) -> Commission:
    return commission.model_copy(update={"customer_id": None})
