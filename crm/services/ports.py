"""What the use cases need from storage, as protocols: the repositories inside one transaction, the runner of
transactions, and the readers of lists and single records outside them. The Firestore adapters (crm.store) and the
tests' in-memory repositories implement them; no use case knows which it is given."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from crm.domain.activities import Activity
from crm.domain.activity_queries import ActivityListParams
from crm.domain.customer_queries import CustomerListParams
from crm.domain.customers import Customer, CustomerListItem
from crm.domain.deal_queries import DealListParams
from crm.domain.deals import Deal
from crm.domain.money import CurrencyRates
from crm.domain.orders import Order, OrderListParams
from crm.domain.paging import Page
from crm.domain.pipelines import Pipeline
from crm.domain.saved_views import SavedView, ViewResource
from crm.domain.timeline import AuditEntry, TimelineParams
from crm.identity import Caller

T = TypeVar("T")


# ---------------------------------------------------------------- inside a transaction: reads, and staged writes


class CustomerRepository(Protocol):
    def new_id(self) -> str: ...
    def get(self, customer_id: str) -> Customer | None: ...
    def get_active(self, customer_id: str) -> Customer | None: ...

    def put(self, customer: Customer, previous: Customer | None) -> None:
        """Stage the write, claiming the emails ``customer`` newly holds and releasing those ``previous`` held."""
        ...


class DealRepository(Protocol):
    def new_id(self) -> str: ...
    def get(self, deal_id: str) -> Deal | None: ...
    def put(self, deal: Deal, pipeline: Pipeline) -> None: ...
    def delete(self, deal_id: str) -> None: ...

    def set_next_activity(self, deal: Deal) -> None:
        """Stage the deal's next_activity_at (and updated_at) alone, as ``deal`` holds them."""
        ...

    def in_stages(self, pipeline_id: str, stage_ids: list[str], limit: int) -> list[Deal]:
        """Up to ``limit`` deals of the pipeline in any of ``stage_ids`` (at most 30)."""
        ...


class PipelineRepository(Protocol):
    def new_id(self) -> str: ...
    def default_id(self) -> str: ...
    def default(self) -> Pipeline: ...
    def get(self, pipeline_id: str) -> Pipeline | None: ...
    def all(self) -> list[Pipeline]: ...

    def put(self, pipeline: Pipeline) -> None:
        """Stage the write; a pipeline marked default becomes the default."""
        ...

    def delete(self, pipeline_id: str) -> None: ...


class OrderRepository(Protocol):
    def new_id(self) -> str: ...
    def get(self, order_id: str) -> Order | None: ...

    def put(self, order: Order, previous: Order | None) -> None:
        """Stage the write, claiming a new order number and releasing the one ``previous`` held."""
        ...

    def delete(self, order: Order) -> None: ...


class ActivityRepository(Protocol):
    def new_id(self) -> str: ...
    def get(self, activity_id: str) -> Activity | None: ...
    def put(self, activity: Activity) -> None: ...
    def delete(self, activity_id: str) -> None: ...

    def open_for_deal(self, deal_id: str, limit: int) -> list[Activity]:
        """The deal's first ``limit`` scheduled or in-progress activities that have a due date, earliest first."""
        ...


class SavedViewRepository(Protocol):
    def new_id(self) -> str: ...
    def get(self, view_id: str) -> SavedView | None: ...
    def put(self, view: SavedView) -> None: ...
    def delete(self, view_id: str) -> None: ...

    def owned_by(self, owner_id: str, resource: ViewResource, limit: int) -> list[SavedView]:
        """Up to ``limit`` of the owner's views of ``resource``."""
        ...


class ConfigRepository(Protocol):
    def currency_rates(self) -> CurrencyRates: ...
    def put_currency_rates(self, rates: CurrencyRates) -> None: ...

    def note_deal_dimensions(self, owner_id: str | None, currency: str) -> None:
        """Remember an owner and a currency that deals use, for the reports' breakdowns."""
        ...


class StatsRepository(Protocol):
    def record(self, before: Deal | None, after: Deal | None) -> None:
        """Add a deal's change (None: created or deleted) to its pipeline's running totals."""
        ...


class Transaction(Protocol):
    """Every aggregate's repository inside one transaction: what the work reads is consistent, and what it writes
    is applied all together when it returns, or not at all."""

    @property
    def customers(self) -> CustomerRepository: ...
    @property
    def deals(self) -> DealRepository: ...
    @property
    def pipelines(self) -> PipelineRepository: ...
    @property
    def orders(self) -> OrderRepository: ...
    @property
    def activities(self) -> ActivityRepository: ...
    @property
    def config(self) -> ConfigRepository: ...
    @property
    def stats(self) -> StatsRepository: ...
    @property
    def views(self) -> SavedViewRepository: ...


class Transactions(Protocol):
    """Runs use cases' work in transactions: the one way anything is written."""

    def run(self, work: Callable[[Transaction], T], *, actor: Caller, lock: Iterable[str] = ()) -> T:
        """Run ``work`` atomically for ``actor``, retried on contention (so it must have no side effects).

        ``actor`` is named in the audit entries of the writes, and a value another record has claimed is explained
        to them as far as they may see that record. ``lock`` names records ("customers/ID") whose changes queue in
        this process.

        Raises:
            AlreadyExistsError: a value the work claims belongs to another record.
            UnavailableError: contention did not clear.
        """
        ...

    def read(self, work: Callable[[Transaction], T]) -> T:
        """Run ``work`` that only reads, consistently; anything the store makes on its own meanwhile (the default
        pipeline on first use) is by the system."""
        ...

    def customer_of_deal(self, deal_id: str) -> str | None:
        """The customer a deal belongs to (it never changes), for locking; None if there is no such deal."""
        ...


# ---------------------------------------------------------------- outside transactions: records and their lists


class CustomerReader(Protocol):
    def get(self, customer_id: str) -> Customer | None: ...
    def list(self, params: CustomerListParams) -> Page[CustomerListItem]: ...


class DealReader(Protocol):
    def get(self, deal_id: str) -> Deal | None: ...
    def list(self, params: DealListParams) -> Page[Deal]: ...


class DealCounter(Protocol):
    def count_in(self, pipeline_id: str, stage_ids: list[str]) -> dict[str, int]: ...

    def reposition(self, pipeline_id: str, positions: dict[str, int]) -> int:
        """Store each deal's stage position as ``positions`` says; returns how many deals changed."""
        ...


class OrderReader(Protocol):
    def get(self, order_id: str) -> Order | None: ...
    def list(self, params: OrderListParams) -> Page[Order]: ...


class ActivityReader(Protocol):
    def get(self, activity_id: str) -> Activity | None: ...
    def list(self, params: ActivityListParams) -> Page[Activity]: ...


class SavedViewReader(Protocol):
    def get(self, view_id: str) -> SavedView | None: ...

    def visible_to(self, uid: str, resource: ViewResource | None) -> list[SavedView]:
        """The views ``uid`` owns and the shared ones (of ``resource`` if given), each list bounded."""
        ...


class AuditReader(Protocol):
    def customer_history(self, customer_id: str, params: TimelineParams,
                         owner_id: str | None = None) -> Page[AuditEntry]: ...

