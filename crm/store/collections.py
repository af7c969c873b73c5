"""Collection names, in one place; a prefix lets tests and benchmarks keep their data apart."""

from __future__ import annotations

from dataclasses import dataclass


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
    def views(self) -> str:
        """Saved views of lists (filters, order, columns)."""
        return f"{self.prefix}views"
