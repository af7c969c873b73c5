"""In-memory repositories behind the same protocols as the Firestore ones (crm.services.ports), for unit tests of
use-case logic: plain dicts, and transactions that apply their staged writes and claims together when the work
returns, or drop them all when it raises. Not a fake Firestore: queries, indexes, cursors, contention and rules are
proven on the emulator, so the readers here look records up by id and list nothing."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from crm.domain.access import SYSTEM
from crm.domain.accounts.merge import Merge, RecordKind
from crm.domain.activities import Activity
from crm.domain.catalog.products import CatalogProduct
from crm.domain.claims import CUSTOMER_EMAIL, ORDER_NUMBER, PERSON_EMAIL, PRODUCT_SKU, Claimant, ClaimKind, value_taken
from crm.domain.common import utc_now
from crm.domain.customer_names import NamedCustomer
from crm.domain.customers import Customer
from crm.domain.deals import Deal
from crm.domain.money import CurrencyRates
from crm.domain.orders import Order
from crm.domain.people.persons import Person
from crm.domain.pipelines import DEFAULT_PIPELINE_ID, Pipeline, default_pipeline
from crm.domain.qualification.lead_pipelines import LeadPipeline
from crm.domain.qualification.totals import LeadSlot, slot_changes, slot_of
from crm.domain.saved_views import SavedView, ViewResource, Visibility
from crm.domain.tags.jobs import TagJob, TagJobPhase, TagJobStatus
from crm.domain.tags.registry import Tag, tag_id
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
    people: dict[str, Person] = field(default_factory=dict)
    merges: dict[str, Merge] = field(default_factory=dict)
    merge_locks: dict[str, str] = field(default_factory=dict)
    products: dict[str, CatalogProduct] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    tag_jobs: dict[str, TagJob] = field(default_factory=dict)
    lead_pipelines: dict[str, LeadPipeline] = field(default_factory=dict)
    default_lead_pipeline_id: str | None = None
    tag_counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (customer_count | deal_count, name)
    lead_counts: Counter[LeadSlot] = field(default_factory=Counter)

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
        self.people = MemoryPeople(self)
        self.account_totals = MemoryAccountTotals(self)
        self.merges = MemoryMerges(self)
        self.products = MemoryProducts(self)
        self.tags = MemoryTags(self)
        self.tag_jobs = MemoryTagJobs(self)
        self.lead_pipelines = MemoryLeadPipelines(self)
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
            record = self._writes.get((staged.holders, held.holder_id), record)  # as this transaction leaves it
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
        _count_tags(self._tx, "customer_count", _active_tags(previous), _active_tags(customer))
        moved = slot_changes(slot_of(previous), slot_of(customer))
        self._tx.later(lambda: self._db.lead_counts.update(moved))


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


class MemoryPeople(_Repository):
    table, prefix = "people", "pers"

    def put(self, person: Person, previous: Person | None) -> None:
        self._tx.write(self.table, person.id, person)
        self._tx.change_claims(PERSON_EMAIL, self.table, person.id, previous, person)

    def primaries(self, customer_id: str) -> list[Person]:
        return [p for p in self._db.people.values() if p.customer_id == customer_id and p.active and p.primary]

    def of_customer(self, customer_id: str, limit: int, *, active_only: bool = False) -> list[Person]:
        found = sorted((p for p in self._db.people.values()
                        if p.customer_id == customer_id and (p.active or not active_only)), key=lambda p: p.id)
        return found[:limit]


class MemoryAccountTotals:
    """The people count as committed; the other running figures are Firestore increments, proven on the emulator."""

    def __init__(self, tx: MemoryTransaction):
        self._db = tx.db

    def people(self, customer_id: str) -> int:
        return sum(1 for p in self._db.people.values() if p.customer_id == customer_id and p.active)


class MemoryMerges:
    def __init__(self, tx: MemoryTransaction):
        self._tx = tx
        self._db = tx.db

    def get(self, merge_id: str) -> Merge | None:
        return self._db.merges.get(merge_id)

    def put(self, merge: Merge) -> None:
        self._tx.write("merges", merge.id, merge)

    def locks(self, customer_ids: list[str]) -> dict[str, str]:
        return {i: self._db.merge_locks[i] for i in customer_ids if i in self._db.merge_locks}

    def lock(self, customer_ids: list[str], merge_id: str) -> None:
        for customer_id in customer_ids:
            self._tx.write("merge_locks", customer_id, merge_id)

    def unlock(self, customer_ids: list[str]) -> None:
        for customer_id in customer_ids:
            self._tx.write("merge_locks", customer_id, None)

    def records_of(self, kind: RecordKind, customer_id: str, limit: int) -> list[Any]:
        tables: dict[RecordKind, dict[str, Any]] = {
            RecordKind.PEOPLE: self._db.people, RecordKind.DEALS: self._db.deals, RecordKind.ORDERS: self._db.orders,
            RecordKind.ACTIVITIES: self._db.activities, RecordKind.SUB_ACCOUNTS: self._db.customers}
        table = tables[kind]
        link = "parent_id" if kind is RecordKind.SUB_ACCOUNTS else "customer_id"
        return sorted((r for r in table.values() if getattr(r, link) == customer_id), key=lambda r: r.id)[:limit]


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

    def list_deleted(self, params: Any) -> Any:
        raise NotImplementedError("lists are Firestore queries: test them on the emulator")


class MemoryCustomerReader(MemoryReader):
    """Customers by id, and the active ones' names as the batched Firestore read gives them."""

    def __init__(self, db: MemoryDatabase):
        super().__init__(db, "customers")

    def names(self, customer_ids: list[str]) -> list[NamedCustomer]:
        found = [self._db.customers.get(i) for i in customer_ids]
        return [NamedCustomer(c.id, c.name, c.owner_id) for c in found if c is not None and c.deleted_at is None]


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


def _active_tags(customer: Customer | None) -> set[str]:
    return set(customer.tags) if customer is not None and customer.deleted_at is None else set()


def _count_tags(tx: MemoryTransaction, field: str, before: set[str], after: set[str]) -> None:
    changes: Counter[tuple[str, str]] = Counter()
    for name in before - after:
        changes[field, name] -= 1
    for name in after - before:
        changes[field, name] += 1
    tx.later(lambda: tx.db.tag_counts.update(changes))


class MemoryProducts(_Repository):
    table, prefix = "products", "prod"

    def get_many(self, product_ids: list[str]) -> dict[str, CatalogProduct]:
        return {i: self._db.products[i] for i in product_ids if i in self._db.products}

    def put(self, product: CatalogProduct, previous: CatalogProduct | None) -> None:
        self._tx.write(self.table, product.id, product)
        self._tx.change_claims(PRODUCT_SKU, self.table, product.id, previous, product)


class MemoryTags(_Repository):
    """Registry entries, with the counts as the running totals would hold them."""

    table = "tags"

    def get(self, record_id: str) -> Tag | None:
        """The entry, with its counts; a tag only carried by records is an entry too, as its first use makes one."""
        tag: Tag | None = self._db.tags.get(record_id)
        if tag is None:
            used = [name for (_, name), n in self._db.tag_counts.items() if n and tag_id(name) == record_id]
            tag = Tag(id=record_id, name=used[0]) if used else None
        if tag is None:
            return None
        counts = self._db.tag_counts
        return tag.model_copy(update={"customer_count": counts["customer_count", tag.name],
                                      "deal_count": counts["deal_count", tag.name]})

    def named(self, name: str) -> Tag | None:
        return self.get(tag_id(name))

    def put(self, tag: Tag) -> None:
        self._tx.write(self.table, tag.id, tag)

    def delete(self, tag_id_: str) -> None:
        self._tx.write(self.table, tag_id_, None)

    def deal_changed(self, before: Deal | None, after: Deal | None) -> None:
        _count_tags(self._tx, "deal_count", set(before.tags) if before else set(), set(after.tags) if after else set())


class MemoryTagJobs(_Repository):
    table, prefix = "tag_jobs", "job"

    def put(self, job: TagJob) -> None:
        self._tx.write(self.table, job.id, job)


class MemoryLeadPipelines(_Repository):
    table, prefix = "lead_pipelines", "leads"

    def default_id(self) -> str | None:
        return self._db.default_lead_pipeline_id

    def get(self, pipeline_id: str) -> LeadPipeline | None:
        pipeline: LeadPipeline | None = self._db.lead_pipelines.get(pipeline_id)
        if pipeline is None:
            return None
        return pipeline.model_copy(update={"is_default": pipeline_id == self._db.default_lead_pipeline_id})

    def default(self) -> LeadPipeline | None:
        default_id = self.default_id()
        return self.get(default_id) if default_id else None

    def all(self) -> list[LeadPipeline]:
        return [p for p in (self.get(i) for i in self._db.lead_pipelines) if p is not None]

    def put(self, pipeline: LeadPipeline) -> None:
        self._tx.write(self.table, pipeline.id, pipeline)
        if pipeline.is_default:
            self._tx.later(lambda: setattr(self._db, "default_lead_pipeline_id", pipeline.id))

    def delete(self, pipeline_id: str) -> None:
        self._tx.write(self.table, pipeline_id, None)


class MemoryTagJobReader(MemoryReader):
    """Tag jobs by id, and the records carrying a tag in id order (what the job's queries return)."""

    def __init__(self, db: MemoryDatabase):
        super().__init__(db, "tag_jobs")

    def recent(self) -> list[TagJob]:
        return sorted(self._db.tag_jobs.values(), key=lambda job: job.started_at, reverse=True)

    def unfinished(self, limit: int) -> list[TagJob]:
        running = [job for job in self._db.tag_jobs.values() if job.status is TagJobStatus.RUNNING]
        return sorted(running, key=lambda job: job.started_at)[:limit]

    def carrying(self, phase: TagJobPhase, tag: str, after_id: str | None, limit: int) -> list[str]:
        table: dict[str, Any] = self._db.customers if phase is TagJobPhase.CUSTOMERS else self._db.deals
        ids = sorted(i for i, record in table.items() if tag in record.tags and (after_id is None or i > after_id))
        return ids[:limit]


class MemoryLeadCounts:
    def __init__(self, counts: Counter[LeadSlot], pipeline_id: str):
        self._counts = {slot: n for slot, n in counts.items() if slot.pipeline_id == pipeline_id}

    def stage(self, stage_id: str, owner_id: str | None = None) -> int:
        return sum(n for slot, n in self._counts.items()
                   if slot.stage == stage_id and (owner_id is None or slot.owner_id == owner_id))

    def substages(self, stage_id: str, owner_id: str | None = None) -> dict[str, int]:
        found: Counter[str] = Counter()
        for slot, n in self._counts.items():
            if slot.stage == stage_id and (owner_id is None or slot.owner_id == owner_id) and n:
                found[slot.substage or "_none"] += n
        return dict(found)


class MemoryLeadBoard:
    """A lead board's counts as the running totals hold them; its columns are queries, tested on the emulator."""

    def __init__(self, db: MemoryDatabase):
        self._db = db

    def counts(self, pipeline_id: str) -> MemoryLeadCounts:
        return MemoryLeadCounts(self._db.lead_counts, pipeline_id)

    def column(self, pipeline_id: str, stage_id: str, owner_id: str | None, size: int, cursor: str | None) -> Any:
        raise NotImplementedError("columns are Firestore queries: test them on the emulator")
