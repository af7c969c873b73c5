"""In-memory repositories behind the same protocols as the Firestore ones (crm.services.ports), for unit tests of
use-case logic: plain dicts, and transactions that apply their staged writes and claims together when the work
returns, or drop them all when it raises. Not a fake Firestore: queries, indexes, cursors, contention and rules are
proven on the emulator, so the readers here look records up by id and list nothing."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from crm.domain.access import SYSTEM
from crm.domain.activities import Activity
from crm.domain.claims import CUSTOMER_EMAIL, ORDER_NUMBER, Claimant, ClaimKind, value_taken
from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.domain.deals import Deal
from crm.domain.money import CurrencyRates
from crm.domain.orders import Order
from crm.domain.pipelines import DEFAULT_PIPELINE_ID, Pipeline, default_pipeline
from crm.domain.saved_views import SavedView, ViewResource, Visibility
from crm.identity import Caller

T = TypeVar("T")
R = TypeVar("R", bound=Claimant)
_ids = itertools.count(1)


def new_id(prefix: str) -> str:
    return f"{prefix}{next(_ids):06d}"


@dataclass
class Claim:
    value: str
    holder_id: str


@dataclass
class MemoryDatabase:
    """Committed state: one dict per aggregate, the claims by (field, key), settings, and what each write was."""

    base_currency: str = "EUR"
    customers: dict[str, Customer] = field(default_factory=dict)
    deals: dict[str, Deal] = field(default_factory=dict)
    pipelines: dict[str, Pipeline] = field(default_factory=dict)
    orders: dict[str, Order] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)
    views: dict[str, SavedView] = field(default_factory=dict)
    claims: dict[tuple[str, str], Claim] = field(default_factory=dict)
    rates: dict[str, Any] = field(default_factory=dict)
    default_pipeline_id: str = DEFAULT_PIPELINE_ID
    deal_changes: list[tuple[Deal | None, Deal | None]] = field(default_factory=list)
    dimensions: dict[str, set[str]] = field(default_factory=lambda: {"currencies": set(), "owners": set()})
    writes: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.pipelines.setdefault(DEFAULT_PIPELINE_ID, default_pipeline(utc_now()))

    def table(self, name: str) -> dict[str, Any]:
        table: dict[str, Any] = getattr(self, name)
        return table


@dataclass
class StagedClaim(Generic[R]):
    kind: ClaimKind[R]
    holders: str
    value: str
    holder_id: str


class MemoryTransaction:
    """One transaction's repositories: reads see the committed state, writes wait for ``commit``."""

    def __init__(self, db: MemoryDatabase, actor: Caller):
        self.db = db
        self.actor = actor
        self._writes: dict[tuple[str, str], Any] = {}
        self._claims: list[StagedClaim[Any]] = []
        self._releases: list[tuple[ClaimKind[Any], str, str]] = []
        self._after: list[Callable[[], None]] = []
        self.customers = MemoryCustomers(self)
        self.deals = MemoryDeals(self)
        self.pipelines = MemoryPipelines(self)
        self.orders = MemoryOrders(self)
        self.activities = MemoryActivities(self)
        self.config = MemoryConfig(self)
        self.stats = MemoryStats(self)
        self.views = MemorySavedViews(self)

    def write(self, table: str, record_id: str, record: Any) -> None:
        self._writes[table, record_id] = record

    def change_claims(self, kind: ClaimKind[R], holders: str, holder_id: str, before: R | None,
                      after: R | None) -> None:
        claim, release = kind.changes(before, after)
        self._claims += [StagedClaim(kind, holders, value, holder_id) for value in claim]
        self._releases += [(kind, value, holder_id) for value in release]

    def later(self, change: Callable[[], None]) -> None:
        self._after.append(change)

    def commit(self) -> None:
        """Apply everything, or raise before applying anything: a claim whose value a live record holds is refused,
        one left by a record that no longer holds it is taken over."""
        for staged in self._claims:
            held = self.db.claims.get((staged.kind.field, staged.kind.key(staged.value)))
            if held is None or held.holder_id == staged.holder_id:
                continue
            record = self.db.table(staged.holders).get(held.holder_id)
            holder = staged.kind.holder(record) if record is not None else None
            if holder is not None and staged.kind.key(staged.value) in holder.keys:
                raise value_taken(staged.kind, staged.value, holder, self.actor, held_as=held.value)
        for kind, value, holder_id in self._releases:
            key = (kind.field, kind.key(value))
            if key in self.db.claims and self.db.claims[key].holder_id == holder_id:
                del self.db.claims[key]
        for staged in self._claims:
            self.db.claims[staged.kind.field, staged.kind.key(staged.value)] = Claim(staged.value, staged.holder_id)
        for (table, record_id), record in self._writes.items():
            if record is None:
                self.db.table(table).pop(record_id, None)
            else:
                self.db.table(table)[record_id] = record
            self.db.writes.append((self.actor.uid, table, record_id))
        for change in self._after:
            change()


class MemoryTransactions:
    """The runner: work gets a fresh transaction; nothing it staged survives an exception."""

    def __init__(self, db: MemoryDatabase | None = None):
        self.db = db or MemoryDatabase()
        self.runs: list[tuple[str, tuple[str, ...]]] = []

    def run(self, work: Callable[[Any], T], *, actor: Caller, lock: Iterable[str] = ()) -> T:
        self.runs.append((actor.uid, tuple(lock)))
        tx = MemoryTransaction(self.db, actor)
        result = work(tx)
        tx.commit()
        return result

    def read(self, work: Callable[[Any], T]) -> T:
        return self.run(work, actor=SYSTEM)

    def customer_of_deal(self, deal_id: str) -> str | None:
        deal = self.db.deals.get(deal_id)
        return deal.customer_id if deal else None


class _Repository:
    table = ""
    prefix = ""

    def __init__(self, tx: MemoryTransaction):
        self._tx = tx
        self._db = tx.db

    def new_id(self) -> str:
        return new_id(self.prefix)

    def get(self, record_id: str) -> Any:
        return self._db.table(self.table).get(record_id)


class MemoryCustomers(_Repository):
    table, prefix = "customers", "cust"

    def get_active(self, customer_id: str) -> Customer | None:
        customer: Customer | None = self.get(customer_id)
        return customer if customer and customer.deleted_at is None else None

    def put(self, customer: Customer, previous: Customer | None) -> None:
        self._tx.write(self.table, customer.id, customer)
        self._tx.change_claims(CUSTOMER_EMAIL, self.table, customer.id, previous, customer)


class MemoryDeals(_Repository):
    table, prefix = "deals", "deal"

    def put(self, deal: Deal, pipeline: Pipeline) -> None:
        self._tx.write(self.table, deal.id, deal)

    def delete(self, deal_id: str) -> None:
        self._tx.write(self.table, deal_id, None)

    def set_next_activity(self, deal: Deal) -> None:
        stored = self._db.deals.get(deal.id)
        if stored is not None:
            update = {"next_activity_at": deal.next_activity_at, "updated_at": deal.updated_at}
            self._tx.write(self.table, deal.id, stored.model_copy(update=update))

    def in_stages(self, pipeline_id: str, stage_ids: list[str], limit: int) -> list[Deal]:
        found = [d for d in self._db.deals.values() if d.pipeline_id == pipeline_id and d.stage in stage_ids]
        return found[:limit]


class MemoryPipelines(_Repository):
    table, prefix = "pipelines", "pipe"

    def default_id(self) -> str:
        return self._db.default_pipeline_id

    def get(self, pipeline_id: str) -> Pipeline | None:
        pipeline: Pipeline | None = self._db.pipelines.get(pipeline_id)
        if pipeline is None:
            return None
        return pipeline.model_copy(update={"is_default": pipeline_id == self._db.default_pipeline_id})

    def default(self) -> Pipeline:
        pipeline = self.get(self.default_id())
        assert pipeline is not None
        return pipeline

    def all(self) -> list[Pipeline]:
        found = [p for p in (self.get(i) for i in self._db.pipelines) if p is not None]
        return sorted(found, key=lambda p: (p.name.casefold(), p.id))

    def put(self, pipeline: Pipeline) -> None:
        self._tx.write(self.table, pipeline.id, pipeline)
        if pipeline.is_default:
            self._tx.later(lambda: setattr(self._db, "default_pipeline_id", pipeline.id))

    def delete(self, pipeline_id: str) -> None:
        self._tx.write(self.table, pipeline_id, None)


class MemoryOrders(_Repository):
    table, prefix = "orders", "ord"

    def put(self, order: Order, previous: Order | None) -> None:
        self._tx.write(self.table, order.id, order)
        self._tx.change_claims(ORDER_NUMBER, self.table, order.id, previous, order)

    def delete(self, order: Order) -> None:
        self._tx.write(self.table, order.id, None)
        self._tx.change_claims(ORDER_NUMBER, self.table, order.id, order, None)


class MemoryActivities(_Repository):
    table, prefix = "activities", "act"

    def put(self, activity: Activity) -> None:
        self._tx.write(self.table, activity.id, activity)

    def delete(self, activity_id: str) -> None:
        self._tx.write(self.table, activity_id, None)

    def open_for_deal(self, deal_id: str, limit: int) -> list[Activity]:
        found = [a for a in self._db.activities.values() if a.deal_id == deal_id and a.is_open and a.due_at]
        return sorted(found, key=lambda a: (a.due_at, a.id))[:limit]


class MemorySavedViews(_Repository):
    table, prefix = "views", "view"

    def put(self, view: SavedView) -> None:
        self._tx.write(self.table, view.id, view)

    def delete(self, view_id: str) -> None:
        self._tx.write(self.table, view_id, None)

    def owned_by(self, owner_id: str, resource: ViewResource, limit: int) -> list[SavedView]:
        return [v for v in self._db.views.values() if v.owner_id == owner_id and v.resource is resource][:limit]


class MemoryConfig:
    def __init__(self, tx: MemoryTransaction):
        self._tx = tx
        self._db = tx.db

    def currency_rates(self) -> CurrencyRates:
        return CurrencyRates(base=self._db.base_currency, rates=self._db.rates)

    def put_currency_rates(self, rates: CurrencyRates) -> None:
        self._tx.later(lambda: setattr(self._db, "rates", dict(rates.rates)))

    def note_deal_dimensions(self, owner_id: str | None, currency: str) -> None:
        def note() -> None:
            self._db.dimensions["currencies"].add(currency)
            if owner_id:
                self._db.dimensions["owners"].add(owner_id)

        self._tx.later(note)


class MemoryStats:
    """Deal changes as recorded; the running totals they feed are Firestore increments, proven on the emulator."""

    def __init__(self, tx: MemoryTransaction):
        self._tx = tx

    def record(self, before: Deal | None, after: Deal | None) -> None:
        self._tx.later(lambda: self._tx.db.deal_changes.append((before, after)))


class MemoryReader:
    """Records by id outside transactions. Lists are queries: they are tested on the emulator."""

    def __init__(self, db: MemoryDatabase, table: str):
        self._db = db
        self._table = table

    def get(self, record_id: str) -> Any:
        return self._db.table(self._table).get(record_id)

    def list(self, params: Any) -> Any:
        raise NotImplementedError("lists are Firestore queries: test them on the emulator")


class MemorySavedViewReader(MemoryReader):
    """Saved views by id, and those a user may use, as the two Firestore queries find them."""

    def __init__(self, db: MemoryDatabase):
        super().__init__(db, "views")

    def visible_to(self, uid: str, resource: ViewResource | None) -> list[SavedView]:
        return [v for v in self._db.views.values() if (v.owner_id == uid or v.visibility is Visibility.SHARED)
                and resource in (None, v.resource)]


class MemoryDealReader(MemoryReader):
    """Deals by id, and deals per stage as the pipeline use cases count them before changing stages."""

    def __init__(self, db: MemoryDatabase):
        super().__init__(db, "deals")

    def count_in(self, pipeline_id: str, stage_ids: list[str]) -> dict[str, int]:
        deals = [d for d in self._db.deals.values() if d.pipeline_id == pipeline_id]
        return {stage_id: sum(d.stage == stage_id for d in deals) for stage_id in stage_ids}

    def reposition(self, pipeline_id: str, positions: dict[str, int]) -> int:
        return 0
