"""Work that runs on a schedule rather than on a request: the partner programme's minute (clicks added to the running
totals, pending commissions whose hold period has ended approved). Deployed as the scheduled function
``partner_programme_minute`` (functions/main.py) and run by hand with ``crm partners-minute``."""

from __future__ import annotations

from dataclasses import dataclass

from crm.services.partners.commissions import approve_due_commissions
from crm.settings import Settings
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import crm_transactions
from crm.store.partners.readers import PartnerReaders
from crm.store.partners.rollup import roll_up_clicks


@dataclass(frozen=True)
class MinuteResult:
    clicks_counted: int
    commissions_approved: int


def partner_programme_minute(settings: Settings) -> MinuteResult:
    """Add the clicks recorded since the last run to the totals, then approve the commissions now due."""
    db, names = firestore_client(settings), CollectionNames(settings.collection_prefix)
    rolled = roll_up_clicks(db, names)
    transactions = crm_transactions(db, names, settings.default_currency)
    approved = approve_due_commissions(transactions, PartnerReaders(db, names).activity)
    return MinuteResult(rolled.clicks, approved)
