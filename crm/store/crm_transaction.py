"""Every aggregate's repository inside one transaction, for use cases that change several records at once."""

from __future__ import annotations

import functools

from google.cloud import firestore

from crm.store import read_meter
from crm.store.accounts.merges import TxMerges
from crm.store.accounts.totals import TxAccountTotals
from crm.store.activities import TxActivities
from crm.store.catalog.products import TxProducts
from crm.store.collections import CollectionNames
from crm.store.config import TxConfig
from crm.store.customers import TxCustomers
from crm.store.deals import TxDeals
from crm.store.lead_intake.sources import TxLeadSources
from crm.store.orders import TxOrders
from crm.store.partners.repositories import TxPartnerStores
from crm.store.people.people import TxPeople
from crm.store.pipeline_stats import TxPipelineStats
from crm.store.pipelines import TxPipelines, ensure_default_pipeline
from crm.store.qualification.lead_pipelines import TxLeadPipelines
from crm.store.saved_views import TxSavedViews
from crm.store.tags.jobs import TxTagJobs
from crm.store.tags.registry import TxTags
from crm.store.unit_of_work import TransactionRunner, UnitOfWork
from crm.store.webhooks.endpoints import TxWebhookEndpoints
from crm.store.webhooks.outbox import WebhookOutbox


class CrmTransaction:
    """Every aggregate's repository over one unit of work: the Firestore side of ``crm.services.ports.Transaction``."""

    def __init__(self, uow: UnitOfWork, base_currency: str):
        self.uow = uow
        self.config = TxConfig(uow, base_currency)
        self.customers = TxCustomers(uow)
        self.pipelines = TxPipelines(uow, self.config)
        self.deals = TxDeals(uow)
        self.account_totals = TxAccountTotals(uow)
        self.stats = TxPipelineStats(uow, self.account_totals)
        self.activities = TxActivities(uow)
        self.orders = TxOrders(uow)
        self.webhook_endpoints = TxWebhookEndpoints(uow)
        self.lead_sources = TxLeadSources(uow)
        self.people = TxPeople(uow, self.account_totals)
        self.merges = TxMerges(uow)
        self.products = TxProducts(uow)
        self.tags = TxTags(uow)
        self.tag_jobs = TxTagJobs(uow)
        self.lead_pipelines = TxLeadPipelines(uow)
        self.views = TxSavedViews(uow)

    @functools.cached_property
    def partners(self) -> TxPartnerStores:
        """The partner programme's repositories, made when a use case first reaches for them."""
        return TxPartnerStores(self.uow)


class CrmTransactions(TransactionRunner):
    """Runs use cases in transactions over every repository, and knows which customer each deal belongs to, so a
    deal's change can also queue on its customer's in-process lock (a deal never changes customer)."""

    def __init__(self, db: firestore.Client, names: CollectionNames, base_currency: str):
        super().__init__(db, names, bind=lambda uow: CrmTransaction(uow, base_currency),
                         outbox=WebhookOutbox(db, names))
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
