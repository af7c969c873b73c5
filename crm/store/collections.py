"""Collection names, in one place; a prefix lets tests and benchmarks keep their data apart."""

from __future__ import annotations

from dataclasses import dataclass

from crm.store.partners.collections import PartnerCollectionNames


@dataclass(frozen=True)
class CollectionNames:
    prefix: str = ""

    @property
    def customers(self) -> str:
        return f"{self.prefix}customers"

    @property
    def customer_emails(self) -> str:
        return f"{self.prefix}customer_emails"

    @property
    def api_keys(self) -> str:
        return f"{self.prefix}api_keys"

    @property
    def pipelines(self) -> str:
        return f"{self.prefix}pipelines"

    @property
    def deals(self) -> str:
        return f"{self.prefix}deals"

    @property
    def pipeline_stats(self) -> str:
        return f"{self.prefix}pipeline_stats"

    @property
    def deal_totals(self) -> str:
        return f"{self.prefix}deal_totals"

    @property
    def deal_totals_by_year(self) -> str:
        """A subcollection of each deal_totals document."""
        return f"{self.prefix}deal_totals_by_year"

    @property
    def config(self) -> str:
        return f"{self.prefix}crm_config"

    @property
    def orders(self) -> str:
        return f"{self.prefix}orders"

    @property
    def order_numbers(self) -> str:
        return f"{self.prefix}order_numbers"

    @property
    def activities(self) -> str:
        return f"{self.prefix}activities"

    @property
    def idempotency_keys(self) -> str:
        return f"{self.prefix}idempotency_keys"

    @property
    def audit(self) -> str:
        return f"{self.prefix}audit"

    @property
    def webhook_endpoints(self) -> str:
        return f"{self.prefix}webhook_endpoints"

    @property
    def webhook_events(self) -> str:
        """The outbox: events written in the transaction of the change they describe."""
        return f"{self.prefix}webhook_events"

    @property
    def webhook_deliveries(self) -> str:
        return f"{self.prefix}webhook_deliveries"

    @property
    def webhook_streams(self) -> str:
        """One per endpoint and record: the queue of that record's deliveries, sent in order."""
        return f"{self.prefix}webhook_streams"

    @property
    def admin_notices(self) -> str:
        return f"{self.prefix}admin_notices"

    @property
    def lead_sources(self) -> str:
        return f"{self.prefix}lead_sources"

    @property
    def people(self) -> str:
        return f"{self.prefix}people"

    @property
    def person_emails(self) -> str:
        return f"{self.prefix}person_emails"

    @property
    def customer_totals(self) -> str:
        return f"{self.prefix}customer_totals"

    @property
    def duplicate_keys(self) -> str:
        return f"{self.prefix}customer_duplicate_keys"

    @property
    def merges(self) -> str:
        return f"{self.prefix}customer_merges"

    @property
    def merge_locks(self) -> str:
        return f"{self.prefix}customer_merge_locks"

    @property
    def products(self) -> str:
        return f"{self.prefix}products"

    @property
    def product_skus(self) -> str:
        return f"{self.prefix}product_skus"

    @property
    def tags(self) -> str:
        return f"{self.prefix}tags"

    @property
    def tag_jobs(self) -> str:
        return f"{self.prefix}tag_jobs"

    @property
    def lead_pipelines(self) -> str:
        return f"{self.prefix}lead_pipelines"

    @property
    def lead_totals(self) -> str:
        return f"{self.prefix}lead_totals"

    @property
    def external_ids(self) -> str:
        """Imported records by their ids in the systems they came from."""
        return f"{self.prefix}external_ids"

    @property
    def transfer_jobs(self) -> str:
        """Imports, exports and bulk actions running in the background; row errors in a subcollection."""
        return f"{self.prefix}transfer_jobs"

    @property
    def transfer_files(self) -> str:
        """Files of jobs (uploads, exports), their text in a subcollection of parts."""
        return f"{self.prefix}transfer_files"

    @property
    def partner_programme(self) -> PartnerCollectionNames:
        """The partner programme's collections (crm.store.partners.collections)."""
        return PartnerCollectionNames(self.prefix)

    @property
    def views(self) -> str:
        """Saved views of lists (filters, order, columns)."""
        return f"{self.prefix}views"
