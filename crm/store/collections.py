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
