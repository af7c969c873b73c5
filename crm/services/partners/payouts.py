"""Payouts: a manager pays a partner's approved balance in one currency (the approved commissions no payout includes
yet, each included once), then marks it paid with the transfer's reference, or cancels it."""

from __future__ import annotations

from crm.domain.common import from_cents, to_cents, utc_now
from crm.domain.partners import commissions as commission_rules
from crm.domain.partners import payouts as rules
from crm.domain.partners.commissions import CommissionStatus
from crm.domain.partners.payouts import MAX_COMMISSIONS, Payout, PayoutCreate, PayoutListParams, PayoutsPage
from crm.domain.partners.visibility import check_visible, listed_partner
from crm.domain.partners.wallets import LedgerKind
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.partners import ledger
from crm.services.partners.ports import ActivityReader, PartnerReader, PartnerTransaction, PartnerTransactions
from crm.services.partners.scope import own_partner_id


def create_payout(transactions: PartnerTransactions, data: PayoutCreate, caller: Caller) -> Payout:
    """Pay the approved balance: every approved commission outside a payout (up to 400) is included, and the
    amount (the balance, less what refunds clawed back) leaves the approved balance.

    Raises:
        ValidationFailedError: no such partner.
        FailedPreconditionError: nothing approved to pay in that currency.
    """

    def work(tx: PartnerTransaction) -> Payout:
        stores = tx.partners
        if stores.partners.get(data.partner_id) is None:
            raise invalid("partner_id", f"partner {data.partner_id} does not exist")
        wallet = stores.wallets.get(data.partner_id, data.currency)
        payable = stores.commissions.payable(data.partner_id, data.currency, MAX_COMMISSIONS)
        cents = rules.payout_cents(wallet.cents["approved"], [to_cents(c.amount) for c in payable])
        now = utc_now()
        payout = Payout(id=stores.payouts.new_id(), partner_id=data.partner_id, currency=data.currency,
                        amount=from_cents(cents), commission_ids=[c.id for c in payable], created_at=now,
                        created_by=caller.uid, updated_at=now)
        for commission in payable:
            stores.commissions.put(commission_rules.include_in_payout(commission, payout.id, now=now))
        ledger.post(stores, data.partner_id, data.currency, LedgerKind.PAYOUT_CREATED, cents, payout_id=payout.id,
                    note=f"payout of {len(payable)} commissions")
        stores.payouts.put(payout)
        return payout

    lock = [f"partner_wallets/{data.partner_id}"]
    return transactions.run(work, actor=caller, lock=lock)


def mark_payout_paid(transactions: PartnerTransactions, payout_id: str, reference: str, caller: Caller) -> Payout:
    """The payout's money has left: its commissions become paid (those reversed meanwhile stay reversed).

    Raises:
        NotFoundError: no such payout.
        FailedPreconditionError: it is already paid or cancelled.
    """

    def work(tx: PartnerTransaction) -> Payout:
        stores = tx.partners
        payout = _payout(tx, payout_id)
        now = utc_now()
        paid = rules.mark_paid(payout, reference, by=caller.uid, now=now)
        for commission_id in payout.commission_ids:
            commission = stores.commissions.get(commission_id)
            if commission is None or commission.status is not CommissionStatus.APPROVED:
                continue
            stores.commissions.put(commission_rules.mark_paid(commission, now=now))
            ledger.count_commission(stores, commission, CommissionStatus.PAID, moved_from=CommissionStatus.APPROVED)
        ledger.post(stores, payout.partner_id, payout.currency, LedgerKind.PAYOUT_PAID, to_cents(payout.amount),
                    payout_id=payout.id, note=f"paid, reference {reference}")
        stores.payouts.put(paid)
        return paid

    return transactions.run(work, actor=caller, lock=[f"partner_payouts/{payout_id}"])


def cancel_payout(transactions: PartnerTransactions, payout_id: str, caller: Caller) -> Payout:
    """The payout will not be made: its amount returns to the approved balance, its commissions to the next payout.

    Raises:
        NotFoundError: no such payout.
        FailedPreconditionError: it is already paid or cancelled.
    """

    def work(tx: PartnerTransaction) -> Payout:
        stores = tx.partners
        payout = _payout(tx, payout_id)
        now = utc_now()
        cancelled = rules.cancel(payout, by=caller.uid, now=now)
        for commission_id in payout.commission_ids:
            commission = stores.commissions.get(commission_id)
            if commission is not None and commission.payout_id == payout.id:
                stores.commissions.put(commission_rules.release_from_payout(commission, now=now))
        ledger.post(stores, payout.partner_id, payout.currency, LedgerKind.PAYOUT_CANCELLED, to_cents(payout.amount),
                    payout_id=payout.id, note="cancelled")
        stores.payouts.put(cancelled)
        return cancelled

    return transactions.run(work, actor=caller, lock=[f"partner_payouts/{payout_id}"])


def get_payout(activity: ActivityReader, partners: PartnerReader, payout_id: str, caller: Caller) -> Payout:
    payout = activity.payout(payout_id)
    if payout is None:
        raise NotFoundError(f"payout {payout_id} not found")
    check_visible(own_partner_id(caller, partners), payout.partner_id, f"payout {payout_id}")
    return payout


def list_payouts(activity: ActivityReader, partners: PartnerReader, params: PayoutListParams,
                 caller: Caller) -> PayoutsPage:
    params = params.model_copy(update={"partner_id": listed_partner(own_partner_id(caller, partners),
                                                                    params.partner_id)})
    return PayoutsPage.of(activity.payouts(params), params.page_size)


def _payout(tx: PartnerTransaction, payout_id: str) -> Payout:
    payout = tx.partners.payouts.get(payout_id)
    if payout is None:
        raise NotFoundError(f"payout {payout_id} not found")
    return payout
