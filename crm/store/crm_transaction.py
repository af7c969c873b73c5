"""Every aggregate's repository inside one transaction, for use cases that change several records at once."""

from __future__ import annotations

from google.cloud import firestore

from crm.store.activities import TxActivities
from crm.store.collections import CollectionNames
from crm.store.config import TxConfig
from crm.store.customers import TxCustomers
from crm.store.deals import TxDeals
from crm.store.orders import TxOrders
from crm.store.pipeline_stats import TxPipelineStats
from crm.store.pipelines import TxPipelines
from crm.store.unit_of_work import TransactionRunner, UnitOfWork


class CrmTransaction:
    def __init__(self, uow: UnitOfWork, base_currency: str):
        self.uow = uow
        self.config = TxConfig(uow, base_currency)
        self.customers = TxCustomers(uow)
        self.pipelines = TxPipelines(uow, self.config)
        self.deals = TxDeals(uow)
        self.stats = TxPipelineStats(uow)
        self.activities = TxActivities(uow)
        self.orders = TxOrders(uow)


def crm_transactions(db: firestore.Client, names: CollectionNames, base_currency: str) -> TransactionRunner:
    return TransactionRunner(db, names, bind=lambda uow: CrmTransaction(uow, base_currency))
