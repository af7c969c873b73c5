"""Benchmark: deal reports (running totals) against a naive "stream every deal and add up in Python" baseline, on a
private Firestore emulator.

Run from the repository root with the project's venv::

    .venv/bin/python bench/deals_benchmark.py               # 10,000 deals
    .venv/bin/python bench/deals_benchmark.py --deals 1000  # quick run

What it does:

1. Starts its own Cloud Firestore emulator (``crm.devstack.emulator.FirestoreEmulator``) and stops it at the end,
   also on error or Ctrl-C / SIGTERM.
2. Sets currency rates (USD, GBP into EUR) and creates a second pipeline through the services, loads
   ``--customers`` demo customers, then ``--deals`` deals with batched writes of ``crm.store.deals.deal_to_document``:
   90% in the default Sales pipeline, 10% in Renewals, spread over every stage, three currencies, eight owners
   (and a few unassigned), expected close months from two months ago to eight ahead (some with none), with stage
   histories whose won and lost deals closed over the last six months. As a migration would, the loader also writes
   what the write path keeps in step: each pipeline's running totals (exits and seconds per stage, won, lost, from
   the histories), its deal totals (``crm.domain.deal_totals.add_up`` of the deals, written as
   ``crm rebuild-totals`` writes them) and the deal dimensions document (owners and currencies).
3. For each report (pipeline summary, the deals board (kanban) with 10 cards per column, the board of one owner,
   forecast over the last six months and the next six, stage statistics, dashboard, and last the next page of the
   board's fullest column) runs OUR service function with ``FirestoreDealReports`` inside
   ``crm.store.read_meter.metered()``, ``--repeat`` timed runs after one untimed warm-up, median latency reported.
4. Runs the same service function with a naive BASELINE store, ``NaiveDealFigures``: per report it streams every
   deal document once (one read each; the dashboard and the board also stream every customer), parses them into
   ``Deal`` models and adds up in Python from the deals' own fields (value, probability, dates, stage history), not
   from the stored derived fields. ``--baseline-repeat`` timed runs, median reported. Each report's JSON must be
   identical for ours and the baseline; any difference prints a line starting with ``WARNING:``.
5. Prints a table and, as the LAST line of output, one JSON object with these keys:

   - ``deals``, ``customers``: numbers loaded; ``load_seconds``: wall time of loading the deals.
   - ``reads``: {report: reads of one run of ours}; ``baseline_reads``: {report: reads of one baseline run}.
   - ``median_ms`` / ``baseline_median_ms``: {report: median latency, ms}; ``speedup``: {report: their ratio}.
   - ``figures``: {report: headline figures of ours, e.g. the forecast's totals in the base currency}.
   - ``mismatches``: number of WARNING lines (disagreements between ours and the baseline); 0 is correct.
   - ``totals_document_bytes``: {document: approximate stored size} of every deal totals document, by Firestore's
     storage size rules.

Latencies are measured on the local emulator, which does not behave like production Firestore; the read counts are
what the billing model in ``crm.store.read_meter`` says production would charge. Our reports read a few small
documents (and the kanban's cards), so neither their reads nor their latency grow with the number of deals.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import run_on_emulator, warn, warnings

from crm.devstack.demo_data import demo_customers  # noqa: E402
from crm.domain.common import from_cents, to_cents  # noqa: E402
from crm.domain.deal_reports import (  # noqa: E402
    Bucket,
    DealSlice,
    ForecastParams,
    PipelineReportParams,
    Tally,
    add_months,
)
from crm.domain.deal_totals import add_up  # noqa: E402
from crm.domain.deals import Deal, DealStatus, StageChange  # noqa: E402
from crm.domain.kanban import ColumnCards, CustomerRef, DealCard, KanbanParams  # noqa: E402
from crm.domain.money import CurrencyRatesUpdate  # noqa: E402
from crm.domain.pipelines import Pipeline, PipelineCreate, PipelineUpdate, StageKind  # noqa: E402
from crm.identity import Caller, Role  # noqa: E402
from crm.services import deal_reports, pipelines  # noqa: E402
from crm.services.kanban import kanban as board  # noqa: E402
from crm.settings import settings_from_env  # noqa: E402
from crm.store import read_meter  # noqa: E402
from crm.store.client import firestore_client  # noqa: E402
from crm.store.collections import CollectionNames  # noqa: E402
from crm.store.config import DEAL_DIMENSIONS  # noqa: E402
from crm.store.crm_transaction import crm_transactions  # noqa: E402
from crm.store.cursors import Cursor, decode_cursor, encode_cursor, query_fingerprint  # noqa: E402
from crm.store.customers import FirestoreCustomerReader, import_customers  # noqa: E402
from crm.store.deal_reports import FirestoreDealReports  # noqa: E402
from crm.store.deal_totals import FirestoreDealTotals  # noqa: E402
from crm.store.deals import FirestoreDealReader, deal_from_snapshot, deal_to_document  # noqa: E402

PROJECT_ID = "demo-crm-bench"
BASE = "EUR"
RATES = {"USD": "0.92", "GBP": "1.17"}
CURRENCIES = [("EUR", 60), ("USD", 25), ("GBP", 15)]
OWNERS = [f"rep-{n:02d}" for n in range(1, 9)]
BATCH = 400
PER_COLUMN = 10
CALLER = Caller(uid="bench", role=Role.ADMIN, via="token")
K = TypeVar("K", bound=Hashable)



def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deals", type=int, default=10000, help="deals to load (default 10000)")
    parser.add_argument("--customers", type=int, default=2000, help="demo customers to load (default 2000)")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of each of our reports (default 10)")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="timed baseline runs per report (default 3)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if min(args.deals, args.customers, args.repeat, args.baseline_repeat) < 1:
        parser.error("--deals, --customers, --repeat and --baseline-repeat must be at least 1")
    return args


# ---------------------------------------------------------------- loading


def make_deal(rng: random.Random, n: int, pipeline: Pipeline, customer_id: str, value_cents: int,
              now: datetime) -> Deal:
    """A deal somewhere in ``pipeline``, with the stage history that got it there."""
    stage = rng.choice(pipeline.stages)
    opens = pipeline.open_stages()
    if stage.kind is StageKind.OPEN:
        path = opens[: opens.index(stage) + 1]
        entered = now - timedelta(seconds=rng.randrange(3600, 60 * 86400))
    else:
        path = opens[: rng.randrange(1, len(opens) + 1)] + [stage]
        entered = now - timedelta(seconds=rng.randrange(60, 180 * 86400))
    times = [entered]
    for _ in path[1:]:
        times.insert(0, times[0] - timedelta(seconds=rng.randrange(600, 20 * 86400)))
    history = [StageChange(from_stage=path[i - 1].id if i else None, to=s.id, at=times[i], by="bench",
                           pipeline_id=pipeline.id) for i, s in enumerate(path)]
    month = add_months(now.strftime("%Y-%m"), rng.randrange(-2, 9))
    close = None if rng.random() < 0.1 else date.fromisoformat(f"{month}-{rng.randrange(1, 29):02d}")
    probability = rng.randrange(5, 96) if stage.kind is StageKind.OPEN and rng.random() < 0.3 else stage.probability
    status = {StageKind.OPEN: DealStatus.OPEN, StageKind.WON: DealStatus.WON, StageKind.LOST: DealStatus.LOST}
    return Deal(
        id=f"deal{n:06d}", customer_id=customer_id, title=f"Deal {n}", value=from_cents(value_cents),
        currency=rng.choices([c for c, _ in CURRENCIES], [w for _, w in CURRENCIES])[0], pipeline_id=pipeline.id,
        stage=stage.id, probability=probability, status=status[stage.kind], expected_close_date=close,
        owner_id=None if rng.random() < 0.03 else rng.choice(OWNERS),
        closed_at=entered if stage.kind is not StageKind.OPEN else None,
        lost_reason="budget" if stage.kind is StageKind.LOST else None, stage_entered_at=entered,
        stage_history=history, created_at=times[0], updated_at=entered,
        next_activity_at=now + timedelta(hours=rng.randrange(-120, 480))
        if stage.kind is StageKind.OPEN and rng.random() < 0.6 else None,
    )


def load_deals(db: Any, names: CollectionNames, deals: list[Deal], by_id: dict[str, Pipeline]) -> None:
    collection = db.collection(names.deals)
    for start in range(0, len(deals), BATCH):
        batch = db.batch()
        for deal in deals[start : start + BATCH]:
            batch.set(collection.document(deal.id), deal_to_document(deal, by_id[deal.pipeline_id]))
        batch.commit()


def write_running_totals(db: Any, names: CollectionNames, deals: list[Deal]) -> None:
    """What the write path would have recorded: per pipeline, exits and seconds per stage, won and lost; the deal
    totals; the dimensions."""
    totals: dict[str, dict[str, Any]] = {}
    for deal in deals:
        doc = totals.setdefault(deal.pipeline_id, {"stages": {}, "won": 0, "lost": 0})
        for entered, left in pairwise(deal.stage_history):
            stage = doc["stages"].setdefault(entered.to, {"exits": 0, "seconds": 0.0})
            stage["exits"] += 1
            stage["seconds"] += (left.at - entered.at).total_seconds()
        if deal.status is not DealStatus.OPEN:
            doc[deal.status.value] += 1
    for pipeline_id, doc in totals.items():
        db.collection(names.pipeline_stats).document(pipeline_id).set(doc)
    FirestoreDealTotals(db, names).replace(add_up(deals))
    dimensions = {"currencies": sorted({d.currency for d in deals}),
                  "owners": sorted({d.owner_id for d in deals if d.owner_id})}
    db.collection(names.config).document(DEAL_DIMENSIONS).set(dimensions)


def totals_document_bytes(db: Any, names: CollectionNames) -> dict[str, int]:
    """Each deal totals document's stored size: its name, and per field its name + 1 and its value (8 bytes for an
    integer, a map the sum of its fields), plus 32 bytes."""

    def size(value: Any) -> int:
        if isinstance(value, dict):
            return sum(len(k.encode()) + 1 + size(v) for k, v in value.items())
        return len(value.encode()) + 1 if isinstance(value, str) else 8

    sizes = {}
    for main in db.collection(names.deal_totals).list_documents():
        for ref in [main, *main.collection(names.deal_totals_by_year).list_documents()]:
            snapshot = ref.get()
            if snapshot.exists:
                name = sum(len(part.encode()) + 1 for part in ref.path.split("/")) + 16
                sizes[ref.path.replace(names.prefix, "")] = name + size(snapshot.to_dict()) + 32
    return sizes


# ---------------------------------------------------------------- the baseline


class NaiveDealFigures:
    """The DealFigures a naive service would compute: stream every deal (once per report) and add up in Python."""

    def __init__(self, db: Any, names: CollectionNames):
        self._db = db
        self._names = names
        self._deals: list[Deal] | None = None
        self._customers: dict[str, CustomerRef] | None = None

    def _all(self) -> list[Deal]:
        if self._deals is None:
            snapshots = list(self._db.collection(self._names.deals).stream())
            read_meter.record_documents(len(snapshots))
            self._deals = [deal_from_snapshot(s) for s in snapshots]
        return self._deals

    def dimensions(self) -> dict[str, list[str]]:
        deals = self._all()
        return {"currencies": sorted({d.currency for d in deals}), "owners": sorted({d.owner_id for d in deals
                                                                                     if d.owner_id})}

    def tally(self, slices: Mapping[K, DealSlice], currencies: Sequence[str]) -> dict[K, Bucket]:
        result: dict[K, Bucket] = {key: {} for key in slices}
        for deal in self._all():
            if deal.currency not in currencies:
                continue
            one = Tally(1, to_cents(deal.value), to_cents(deal.expected_revenue))
            for key, deal_slice in slices.items():
                if matches(deal_slice, deal):
                    result[key][deal.currency] = result[key].get(deal.currency, Tally()) + one
        return result

    def count(self, slices: Mapping[K, DealSlice]) -> dict[K, int]:
        return {key: sum(matches(s, d) for d in self._all()) for key, s in slices.items()}

    def kanban_cards(self, pipeline_id: str, columns: Mapping[str, int], limit: int, owner_id: str | None,
                     cursor: str | None) -> dict[str, ColumnCards]:
        """Every deal, sorted per column in Python; a page's cursor made as the store makes it, to compare."""
        pages = {}
        for stage_id in columns:
            here = [d for d in self._all() if d.pipeline_id == pipeline_id and d.stage == stage_id
                    and owner_id in (None, d.owner_id)]
            here.sort(key=lambda d: (to_cents(d.value), d.id), reverse=True)
            fingerprint = query_fingerprint("kanban", pipeline_id, stage_id, owner_id, limit)
            number = decode_cursor(cursor, fingerprint).page + 1 if cursor else 1
            shown = here[(number - 1) * limit : number * limit]
            more = len(here) > number * limit
            token = encode_cursor(Cursor(number, to_cents(shown[-1].value), shown[-1].id), fingerprint) if more \
                else None
            pages[stage_id] = ColumnCards([DealCard.model_validate(d.model_dump()) for d in shown], token)
        return pages

    def customers_named(self, customer_ids: Collection[str]) -> dict[str, CustomerRef]:
        if self._customers is None:
            snapshots = list(self._db.collection(self._names.customers).stream())
            read_meter.record_documents(len(snapshots))
            self._customers = {s.id: CustomerRef(s.get("name"), s.get("owner_id")) for s in snapshots
                               if s.get("deleted_at") is None}
        return {i: self._customers[i] for i in customer_ids if i in self._customers}

    def active_customers_by_status(self, statuses: Sequence[str]) -> dict[str, int]:
        snapshots = list(self._db.collection(self._names.customers).stream())
        read_meter.record_documents(len(snapshots))
        found = [s.get("status") for s in snapshots if s.get("deleted_at") is None]
        return {status: found.count(status) for status in statuses}

    def stage_totals(self, pipeline_id: str) -> dict[str, Any]:
        totals: dict[str, Any] = {"stages": {}, "won": 0, "lost": 0}
        for deal in self._all():
            if deal.pipeline_id != pipeline_id:
                continue
            for entered, left in pairwise(deal.stage_history):
                stage = totals["stages"].setdefault(entered.to, {"exits": 0, "seconds": 0.0})
                stage["exits"] += 1
                stage["seconds"] += (left.at - entered.at).total_seconds()
            if deal.status is not DealStatus.OPEN:
                totals[deal.status.value] += 1
        return totals


def matches(deal_slice: DealSlice, deal: Deal) -> bool:
    wanted = {"pipeline_id": deal_slice.pipeline_id, "stage": deal_slice.stage, "owner_id": deal_slice.owner_id,
              "status": deal_slice.status}
    if any(value is not None and getattr(deal, field) != value for field, value in wanted.items()):
        return False
    if deal_slice.unassigned and deal.owner_id is not None:
        return False
    if deal_slice.undated and deal.expected_close_date is not None:
        return False
    expected = deal.expected_close_date.strftime("%Y-%m") if deal.expected_close_date else None
    if deal_slice.expected_close_months and expected not in deal_slice.expected_close_months:
        return False
    closed = deal.closed_at.strftime("%Y-%m") if deal.closed_at else None
    return not (deal_slice.closed_months and closed not in deal_slice.closed_months)


# ---------------------------------------------------------------- measuring


def timed(call: Callable[[], Any]) -> tuple[Any, int, float]:
    with read_meter.metered() as count:
        start = time.perf_counter()
        result = call()
        ms = (time.perf_counter() - start) * 1000
    return result, count.reads, ms


def headline(name: str, report: Any) -> dict[str, Any]:
    body = report.model_dump(mode="json")
    if name.startswith(("pipeline", "kanban")):
        stages = body.get("stages") or body["columns"]
        return {s["id"]: {"count": s["count"], "value": s["value"]["total"], "weighted": s["weighted_value"]["total"]}
                for s in stages}
    if name == "forecast":
        return {"deal_count": body["deal_count"], "total_pipeline": body["total_pipeline"]["total"],
                "weighted_forecast": body["weighted_forecast"]["total"], "won_count": body["won_count"],
                "closed_revenue": body["closed_revenue"]["total"], "base": body["total_pipeline"]["base"],
                "undated_count": body["undated"]["deal_count"]}
    if name == "stats":
        return {"win_rate": body["win_rate"], "won": body["won"], "lost": body["lost"],
                "average_days": {s["id"]: s["average_days"] for s in body["stages"]}}
    return {"leads": body["leads"], "conversion_rate": body["conversion_rate"],
            "open_deals": body["open_deals"]["count"], "open_value": body["open_deals"]["value"]["total"],
            "won_deals": body["won_deals"]["count"], "won_value": body["won_deals"]["value"]["total"]}


def reports(transactions: Any, forecast_params: ForecastParams) -> dict[str, Callable[[Any], Any]]:
    default = PipelineReportParams()
    return {
        "pipeline": lambda figures: deal_reports.pipeline_summary(transactions, figures, default),
        "kanban": lambda figures: board(transactions, figures, KanbanParams(per_column=PER_COLUMN), CALLER),
        "kanban, one owner": lambda figures: board(transactions, figures,
                                                   KanbanParams(per_column=PER_COLUMN, owner_id=OWNERS[0]), CALLER),
        "forecast": lambda figures: deal_reports.forecast(transactions, figures, forecast_params),
        "stats": lambda figures: deal_reports.stage_stats(transactions, figures, default),
        "dashboard": lambda figures: deal_reports.dashboard(transactions, figures),
    }


def measure(name: str, report: Callable[[Any], Any], ours: FirestoreDealReports,
            naive: Callable[[], NaiveDealFigures], args: argparse.Namespace) -> tuple[dict[str, Any], Any]:
    """One report: ours and the baseline's must agree; then timed runs of each, with their reads."""
    first, reads, _ = timed(lambda: report(ours))  # warm-up, untimed
    baseline, baseline_reads, _ = timed(lambda: report(naive()))
    if first.model_dump(mode="json") != baseline.model_dump(mode="json"):
        warn(f"{name}: our report differs from the baseline's: {_first_difference(first, baseline)}")
    our_ms, our_reads = [], {reads}
    for _ in range(args.repeat):
        again, reads, ms = timed(lambda: report(ours))
        our_ms.append(ms)
        our_reads.add(reads)
        if again != first:
            warn(f"{name}: a repeated run gave a different report")
    if len(our_reads) > 1:
        warn(f"{name}: read count varies between runs: {sorted(our_reads)}")
    base_ms = [timed(lambda: report(naive()))[2] for _ in range(args.baseline_repeat)]
    median_ms, baseline_median_ms = statistics.median(our_ms), statistics.median(base_ms)
    row = {"name": name, "reads": max(our_reads), "baseline_reads": baseline_reads, "median_ms": median_ms,
           "baseline_median_ms": baseline_median_ms, "speedup": baseline_median_ms / median_ms}
    return row, first


def print_table(rows: list[dict[str, Any]]) -> None:
    header = ["report", "reads", "base reads", "ms", "base ms", "speed-up"]
    lines = [header] + [[r["name"], str(r["reads"]), str(r["baseline_reads"]), f"{r['median_ms']:.1f}",
                         f"{r['baseline_median_ms']:.1f}", f"{r['speedup']:.1f}x"] for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        cells = enumerate(zip(line, widths, strict=True))
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in cells))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def run(args: argparse.Namespace, emulator_address: str) -> dict[str, Any]:
    os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": emulator_address,
                       "GOOGLE_CLOUD_PROJECT": PROJECT_ID, "CRM_DEFAULT_CURRENCY": BASE})
    os.environ.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
    settings = settings_from_env()
    db = firestore_client(settings)
    names = CollectionNames(f"bench{uuid.uuid4().hex[:8]}_")
    transactions = crm_transactions(db, names, BASE)
    rng = random.Random(args.seed)

    pipelines.set_currency_rates(transactions, CurrencyRatesUpdate.model_validate({"rates": RATES}), CALLER)
    sales = pipelines.list_pipelines(transactions).results[0]
    rotting = [s.model_copy(update={"rotting_days": 21}) if s.kind is StageKind.OPEN else s for s in sales.stages]
    sales = pipelines.update_pipeline(transactions, FirestoreDealReader(db, names), sales.id,
                                      PipelineUpdate(stages=rotting), CALLER)
    renewals = pipelines.create_pipeline(transactions, PipelineCreate.model_validate({"name": "Renewals", "stages": [
        {"id": "contact", "name": "Contact", "probability": 20, "rotting_days": 14},
        {"id": "quote", "name": "Quote", "probability": 60},
        {"id": "renewed", "name": "Renewed", "probability": 100, "kind": "won"},
        {"id": "churned", "name": "Churned", "probability": 0, "kind": "lost"}]}), CALLER)
    customer_store = FirestoreCustomerReader(db, names)
    customers = list(demo_customers(args.customers, new_id=customer_store.new_id))
    print(f"Loading {len(customers)} demo customers ...", flush=True)
    import_customers(db, names, customers)

    now = datetime.now(UTC).replace(microsecond=0)
    values = rng.sample(range(1_000, 5_000_000), args.deals)  # distinct, so "highest value first" has no ties
    deals = [make_deal(rng, n, sales if rng.random() < 0.9 else renewals, rng.choice(customers).id, values[n], now)
             for n in range(args.deals)]
    print(f"Loading {len(deals)} deals ...", flush=True)
    start = time.perf_counter()
    load_deals(db, names, deals, {sales.id: sales, renewals.id: renewals})
    write_running_totals(db, names, deals)
    load_seconds = time.perf_counter() - start
    print(f"Loaded {len(deals)} deals in {load_seconds:.1f} s", flush=True)

    this_month = now.strftime("%Y-%m")
    forecast_params = ForecastParams.model_validate({"from": add_months(this_month, -5),
                                                     "to": add_months(this_month, 6)})
    ours = FirestoreDealReports(db, names)
    rows: list[dict[str, Any]] = []
    figures: dict[str, Any] = {}
    for name, report in reports(transactions, forecast_params).items():
        print(f"[{name}]", flush=True)
        row, first = measure(name, report, ours, lambda: NaiveDealFigures(db, names), args)
        rows.append(row)
        figures[name] = headline(name, first)
        if name == "kanban":
            first_board = first
        print(f"    reads={row['reads']} baseline_reads={row['baseline_reads']} median={row['median_ms']:.1f} ms "
              f"baseline={row['baseline_median_ms']:.1f} ms speed-up={row['speedup']:.1f}x", flush=True)

    fullest = max(first_board.columns, key=lambda c: c.count)
    next_page = KanbanParams(per_column=PER_COLUMN, stage=fullest.id, cursor=fullest.next_cursor)
    name = f"kanban, next page of {fullest.id}"
    print(f"[{name}]", flush=True)
    row, first = measure(name, lambda figures: board(transactions, figures, next_page, CALLER), ours,
                         lambda: NaiveDealFigures(db, names), args)
    rows.append(row)
    figures[name] = {"cards": [c["id"] for c in first.model_dump(mode="json")["columns"][0]["deals"]][:3]}

    print()
    print(f"{len(deals)} deals, {len(customers)} customers, ours x{args.repeat}, baseline x{args.baseline_repeat}")
    print_table(rows)
    print()
    print(f"forecast range: {forecast_params.from_month} .. {forecast_params.to_month}; base currency {BASE}, "
          f"rates {RATES}")
    for name, values_ in figures.items():
        print(f"{name}: {json.dumps(values_)}")
    print(f"disagreements with the baseline: {len(warnings)}")
    document_bytes = totals_document_bytes(db, names)
    for path, size in document_bytes.items():
        print(f"deal totals document {path}: about {size / 1024:.1f} KiB")

    def by_name(key: str, digits: int | None = None) -> dict[str, Any]:
        return {r["name"]: round(r[key], digits) if digits is not None else r[key] for r in rows}

    return {
        "deals": len(deals),
        "customers": len(customers),
        "load_seconds": round(load_seconds, 2),
        "reads": by_name("reads"),
        "baseline_reads": by_name("baseline_reads"),
        "median_ms": by_name("median_ms", 2),
        "baseline_median_ms": by_name("baseline_median_ms", 2),
        "speedup": by_name("speedup", 1),
        "figures": figures,
        "mismatches": len(warnings),
        "totals_document_bytes": document_bytes,
    }


def _first_difference(ours: Any, baseline: Any) -> str:
    a, b = ours.model_dump(mode="json"), baseline.model_dump(mode="json")
    for key in a:
        if a[key] != b.get(key):
            return f"{key}: ours {json.dumps(a[key])[:300]} baseline {json.dumps(b.get(key))[:300]}"
    return "?"


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
