"""Every aggregate's repository inside one transaction, for use cases that change several records at once."""

from __future__ import annotations

from google.cloud import firestore

from crm.store import read_meter
from crm.store.activities import TxActivities
from crm.store.collections import CollectionNames
from crm.store.config import TxConfig
from crm.store.customers import TxCustomers
from crm.store.deals import TxDeals
from crm.store.orders import TxOrders
from crm.store.pipeline_stats import TxPipelineStats
from crm.store.pipelines import TxPipelines, ensure_default_pipeline
from crm.store.saved_views import TxSavedViews
from crm.store.unit_of_work import TransactionRunner, UnitOfWork


class CrmTransaction:
    """Every aggregate's repository over one unit of work: the Firestore side of ``crm.services.ports.Transaction``."""

    def __init__(self, uow: UnitOfWork, base_currency: str):
        self.uow = uow
        self.config = TxConfig(uow, base_currency)
        self.customers = TxCustomers(uow)
        self.pipelines = TxPipelines(uow, self.config)
        self.deals = TxDeals(uow)
        self.stats = TxPipelineStats(uow)
        self.activities = TxActivities(uow)
        self.orders = TxOrders(uow)
        self.views = TxSavedViews(uow)


class CrmTransactions(TransactionRunner):
    """Runs use cases in transactions over every repository, and knows which customer each deal belongs to, so a
    deal's change can also queue on its customer's in-process lock (a deal never changes customer)."""

    def __init__(self, db: firestore.Client, names: CollectionNames, base_currency: str):
        super().__init__(db, names, bind=lambda uow: CrmTransaction(uow, base_currency))
        self._deals = db.collection(names.deals)
        self._customer_of: dict[str, str] = {}

    def customer_of_deal(self, deal_id: str) -> str | None:
        if deal_id not in self._customer_of:
            snapshot = self._deals.document(deal_id).get(field_paths=["customer_id"])
            read_meter.record_lookups(1)
            if not snapshot.exists:
                return None
            self._customer_of[deal_id] = snapshot.get("customer_id")
        return self._customer_of[deal_id]


def crm_transactions(db: firestore.Client, names: CollectionNames, base_currency: str) -> CrmTransactions:
    """The transaction runner for use cases; the default pipeline is made sure of first, once, without contention."""
    ensure_default_pipeline(db, names)
    return CrmTransactions(db, names, base_currency)
