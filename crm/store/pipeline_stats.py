"""Running totals per pipeline, kept in the same transaction as every deal write: time spent in each stage, deals
won and lost, and the deal totals the reports read (crm.store.deal_totals). Written with server-side increments,
one blind write per document and transaction, so recording reads nothing."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore

from crm.domain.deals import Deal, DealStatus
from crm.store import read_meter
from crm.store.accounts.totals import TxAccountTotals
from crm.store.collections import CollectionNames
from crm.store.deal_totals import StagedIncrements, TxDealTotals
from crm.store.unit_of_work import UnitOfWork


class TxPipelineStats:
    def __init__(self, uow: UnitOfWork, accounts: TxAccountTotals | None = None):
        self._staged = StagedIncrements(uow)
        self._stats = uow.collection(uow.names.pipeline_stats)
        self._totals = TxDealTotals(uow, self._staged)
        self._accounts = accounts

    def record(self, before: Deal | None, after: Deal | None) -> None:
        """Record the change from ``before`` to ``after`` (either may be None: created or deleted), also in the
        running figures of the deal's customer."""
        self._totals.record(before, after)
        if self._accounts is not None:
            self._accounts.record_deal(before, after)
        if before is not None and after is not None:
            if (before.pipeline_id, before.stage) == (after.pipeline_id, after.stage):
                return
            seconds = max(0.0, (after.stage_entered_at - before.stage_entered_at).total_seconds())
            self._add(before.pipeline_id, {"stages": {before.stage: {"exits": 1, "seconds": seconds}}})
        self._count_outcome(before, -1)
        self._count_outcome(after, +1)

    def _count_outcome(self, deal: Deal | None, sign: int) -> None:
        if deal is None or deal.status is DealStatus.OPEN:
            return
        self._add(deal.pipeline_id, {deal.status.value: sign})

    def _add(self, pipeline_id: str, amounts: dict[str, Any]) -> None:
        self._staged.add(self._stats.document(pipeline_id), amounts)


class FirestorePipelineStatsReader:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._stats = db.collection(names.pipeline_stats)

    def get(self, pipeline_id: str) -> dict[str, Any]:
        snapshot = self._stats.document(pipeline_id).get()
        read_meter.record_lookups(1)
        return snapshot.to_dict() or {} if snapshot.exists else {}
