"""Clicks added to the running totals after the fact, so that the redirect writes one document per click and no
total: every minute (a scheduled function, or ``crm partners roll-up-clicks``) the clicks recorded since the last run
are read once, in the order they were committed, and their counts added to the month totals of their partner, link
and the programme, in one transaction with the checkpoint that says how far the totals go.

Clicks carry their commit time (a server timestamp). A click committed after a run has read up to a time cannot
carry an earlier time than that read, so a run takes clicks only up to a few seconds before its own clock (``lag``,
for the clocks' difference): none can later appear behind the checkpoint, and none is counted twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.common import utc_now
from crm.domain.partners.clicks import ClickKind
from crm.domain.partners.conversions import month_of
from crm.domain.partners.totals import TotalsChange, click_counters
from crm.store.collections import CollectionNames
from crm.store.partners.totals import StagedTotals

CHECKPOINT = "click_rollup"
PAGE_SIZE = 500
LAG = timedelta(seconds=10)


@dataclass(frozen=True)
class RollupResult:
    clicks: int
    pages: int
    through: datetime | None


def roll_up_clicks(db: firestore.Client, names: CollectionNames, *, lag: timedelta = LAG,
                   page_size: int = PAGE_SIZE, max_pages: int = 200) -> RollupResult:
    """Add the clicks recorded since the last run to the totals, a page at a time; returns how many were added.
    A run that finds the checkpoint moved by another run stops (the other goes on)."""
    partner_names = names.partner_programme
    clicks = db.collection(partner_names.clicks)
    checkpoint_ref = db.collection(partner_names.internals).document(CHECKPOINT)
    cutoff = utc_now() - lag
    total, pages, through = 0, 0, None
    while pages < max_pages:
        start = _checkpoint(checkpoint_ref.get())
        query = clicks.where(filter=FieldFilter("at", "<=", cutoff)).order_by("at").order_by(FieldPath.document_id())
        if start is not None:
            query = query.start_after({"at": start[0], FieldPath.document_id(): clicks.document(start[1])})
        page = list(query.limit(page_size).stream())
        if not page:
            break
        staged = StagedTotals(db, partner_names)
        for snapshot in page:
            data = snapshot.to_dict() or {}
            staged.add(TotalsChange(month_of(data["at"]), data["partner_id"], data["link_id"],
                                    click_counters(ClickKind(data["kind"]))))
        last = page[-1]
        if not _commit(db, checkpoint_ref, start, staged, last):
            break
        total, pages, through = total + len(page), pages + 1, last.get("at")
        if len(page) < page_size:
            break
    return RollupResult(total, pages, through)


def _checkpoint(snapshot: firestore.DocumentSnapshot) -> tuple[datetime, str] | None:
    if not snapshot.exists:
        return None
    return snapshot.get("through"), snapshot.get("click_id")


def _commit(db: firestore.Client, checkpoint_ref: firestore.DocumentReference, start: tuple[datetime, str] | None,
            staged: StagedTotals, last: firestore.DocumentSnapshot) -> bool:
    @firestore.transactional
    def write(transaction: firestore.Transaction) -> bool:
        if _checkpoint(checkpoint_ref.get(transaction=transaction)) != start:
            return False  # another run counted these clicks meanwhile
        for ref, data in staged.documents():
            transaction.set(ref, data, merge=True)
        checkpoint: dict[str, Any] = {"through": last.get("at"), "click_id": last.id,
                                      "updated_at": firestore.SERVER_TIMESTAMP}
        transaction.set(checkpoint_ref, checkpoint)
        return True

    return bool(write(db.transaction()))
