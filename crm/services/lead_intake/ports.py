"""What the lead intake use cases need from storage, as protocols (the Firestore adapters are in
crm.store.lead_intake)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Protocol, TypeVar

from crm.domain.customers import Customer
from crm.domain.lead_intake.intake import LeadOutcome
from crm.domain.lead_intake.sources import StoredLeadSource
from crm.identity import Caller
from crm.services.ports import ActivityRepository, CustomerRepository

T = TypeVar("T")


class LeadSourceRepository(Protocol):
    def new_id(self) -> str: ...
    def get(self, source_id: str) -> StoredLeadSource | None: ...
    def put(self, source: StoredLeadSource) -> None: ...
    def delete(self, source_id: str) -> None: ...


class LeadTransaction(Protocol):
    @property
    def lead_sources(self) -> LeadSourceRepository: ...
    @property
    def customers(self) -> CustomerRepository: ...
    @property
    def activities(self) -> ActivityRepository: ...


class LeadTransactions(Protocol):
    def run(self, work: Callable[[LeadTransaction], T], *, actor: Caller, lock: Iterable[str] = ()) -> T: ...


class LeadSourceReader(Protocol):
    def get(self, source_id: str) -> StoredLeadSource | None: ...
    def all(self) -> list[StoredLeadSource]: ...

    def count(self, source_id: str, outcome: LeadOutcome, now: datetime) -> None:
        """Add one lead of ``outcome`` to the source's counters (server-side increments, not audited)."""
        ...


class CustomerMatcher(Protocol):
    """Finds the active customer a lead already is."""

    def by_email(self, email: str) -> Customer | None: ...
    def by_phone(self, e164: str) -> Customer | None: ...
