"""Benchmark: ranked, typo-forgiving customer search against a baseline that streams every customer and ranks it
with the same rules in Python, on a private Firestore emulator.

Run from the repository root with the project's venv::

    .venv/bin/python bench/search_benchmark.py                  # 10,000 customers (about ten minutes)
    .venv/bin/python bench/search_benchmark.py --customers 500  # quick run

What it does:

1. Starts its own Cloud Firestore emulator and stops it at the end (also on error, Ctrl-C or SIGTERM).
2. Loads ``--customers`` demo customers (``crm.devstack.demo_data``: Greek names in Greek and in Latin, foreign
   names, companies with their own domains) with ``import_customers``.
3. Builds a LABELLED query set from the loaded customers (seeded): for each kind (exact, prefix, several terms,
   one typo in Latin, one typo in Greek, transliterated, phone infix, domain) ``--per-kind`` queries, each
   labelled with the customer it was made from and must find; plus a few broad, filtered and rep queries.
4. For each query runs OUR search (``crm.services.customers.list_customers``, 25 results a page) inside
   ``crm.store.read_meter.metered()``: one warm-up, then ``--repeat`` timed runs (median reported).
5. Runs the BASELINE ``--baseline-repeat`` times: stream every customer document (one read each) and rank them
   in Python with the domain's own rules (``crm.domain.search``: the keys of every term, the tiers, recent
   activity, then the approximate fallback with the same choice of term), so both rank the same way.
6. Per query: our reads, whether the labelled customer is in our first 25 and its rank (ours and the
   baseline's), the kind of our first result, whether our first 25 equal the baseline's first 25 in order, and
   both median times with the speed-up. As the LAST line, one JSON object:

   - ``customers``, ``load_seconds``: what was loaded, and how long ``import_customers`` took.
   - ``queries``: [{label, kind, search, status, tag, as_rep, target, rank, baseline_rank, found_in_25,
     first_kind, reads, median_ms, baseline_median_ms, speedup, same_top25}].
   - ``recall_at_25_typo_and_transliterated``: share of the typo and transliterated queries whose labelled
     customer is in our first 25.
   - ``exact_first``: share of the queries whose baseline best match is exact where our first result is exact.
   - ``max_reads``, ``min_speedup``, ``median_speedup``, ``top25_disagreements``.
   - ``targets``: {"recall": 0.95, "max_reads": 60, "min_speedup": 20} and whether each was met.

Latencies are measured on the local emulator (no network, its own query engine), not production Firestore; reads
are what the billing model in ``crm.store.read_meter`` says production would charge.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import run_on_emulator, warn, warnings
from google.cloud.firestore_v1.field_path import FieldPath  # noqa: E402

from crm.devstack.demo_data import demo_customers  # noqa: E402
from crm.devstack.demo_names import FREE_MAIL, GREEK_TO_LATIN  # noqa: E402
from crm.domain.contacts import national_digits  # noqa: E402
from crm.domain.customer_queries import CustomerListParams  # noqa: E402
from crm.domain.customers import Customer  # noqa: E402
from crm.domain.search import fallbacks, relevance  # noqa: E402
from crm.domain.search.customer_fields import CUSTOMER_SEARCH, customer_activity, customer_search_values  # noqa: E402
from crm.identity import Caller, Role  # noqa: E402
from crm.services.customers import list_customers  # noqa: E402
from crm.settings import settings_from_env  # noqa: E402
from crm.store import read_meter  # noqa: E402
from crm.store.client import firestore_client  # noqa: E402
from crm.store.collections import CollectionNames  # noqa: E402
from crm.store.customers import FirestoreCustomerReader, customer_from_snapshot, import_customers  # noqa: E402
from crm.store.search.reading import READ_OVERHEAD  # noqa: E402

PROJECT_ID = "demo-crm-bench"
PAGE_SIZE = 25
BASELINE_CHUNK = 1000
TARGET_RECALL = 0.95
TARGET_MAX_READS = 60
TARGET_MIN_SPEEDUP = 20
KINDS = ["exact", "prefix", "several_terms", "typo_latin", "typo_greek", "transliterated", "phone_infix", "domain"]
RECALL_KINDS = {"typo_latin", "typo_greek", "transliterated"}
ADMIN = Caller(uid="bench", role=Role.ADMIN, via="token")
GREEK = set("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς")
GREEK_SWAPS = {"η": "ι", "ι": "η", "ω": "ο", "ο": "ω", "ει": "ι", "αι": "ε"}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=10000, help="demo customers to load (default 10000)")
    parser.add_argument("--per-kind", type=int, default=4, help="labelled queries per kind (default 4)")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of our search per query (default 10)")
    parser.add_argument("--baseline-repeat", type=int, default=1, help="timed baseline scans per query (default 1)")
    parser.add_argument("--seed", type=int, default=11, help="seed of the labelled query set (default 11)")
    args = parser.parse_args(argv)
    if min(args.customers, args.per_kind, args.repeat, args.baseline_repeat) < 1:
        parser.error("--customers, --per-kind, --repeat and --baseline-repeat must be at least 1")
    return args


# ---------------------------------------------------------------- the labelled queries


def is_greek(text: str) -> bool:
    return any(ch in GREEK for ch in text.lower())


def latin_typo(word: str, n: int) -> str:
    """One typo, of one of four kinds, inside the word (never its first letter)."""
    w = word.lower()
    i = 1 + n % max(1, len(w) - 3)
    kind = n % 4
    if kind == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]  # two neighbours swapped
    if kind == 1:
        return w[:i] + w[i + 1 :]  # a letter left out
    if kind == 2:
        return w[:i] + ("e" if w[i] != "e" else "a") + w[i + 1 :]  # a letter replaced
    return w[: i + 1] + w[i] + w[i + 1 :]  # a letter doubled


def greek_typo(word: str, n: int) -> str:
    """A Greek misspelling: a letter swapped for one that sounds the same, or a typo."""
    w = word.lower()
    for wrong in list(GREEK_SWAPS)[n % len(GREEK_SWAPS) :] + list(GREEK_SWAPS):
        at = w.find(wrong, 1)
        if at > 0:
            return w[:at] + GREEK_SWAPS[wrong] + w[at + len(wrong) :]
    return latin_typo(w, n)


def choose_queries(customers: list[Customer], per_kind: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    greek_script = [c for c in customers if is_greek(c.name) and len(c.name.split()[-1]) >= 6]
    latin = [c for c in customers if not is_greek(c.name) and len(c.name.split()[-1]) >= 6]
    with_company = [c for c in customers if c.organization]
    with_domain = [c for c in customers if c.email and c.email.split("@")[1] not in FREE_MAIL]
    picks: list[dict[str, Any]] = []

    def add(kind: str, customer: Customer, search: str) -> None:
        picks.append({"kind": kind, "search": search, "target": customer.id, "target_name": customer.name})

    for c in rng.sample(greek_script, per_kind // 2) + rng.sample(latin, per_kind - per_kind // 2):
        add("exact", c, c.name)
    for c in rng.sample(customers, per_kind):
        first, last = c.name.split()[0], c.name.split()[-1]
        add("prefix", c, f"{first[:4]} {last[:5]}")
    for c in rng.sample(with_company, per_kind):
        add("several_terms", c, f"{c.name.split()[0]} {c.organization.split()[0]}")
    for n, c in enumerate(rng.sample(latin, per_kind)):
        add("typo_latin", c, f"{c.name.split()[0]} {latin_typo(c.name.split()[-1], n)}")
    for n, c in enumerate(rng.sample(greek_script, per_kind)):
        add("typo_greek", c, f"{c.name.split()[0]} {greek_typo(c.name.split()[-1], n)}")
    for c in rng.sample(greek_script, per_kind):
        first, last = c.name.split()[0], c.name.split()[-1]
        add("transliterated", c, f"{GREEK_TO_LATIN[first]} {GREEK_TO_LATIN[last]}".lower())
    for c in rng.sample([c for c in customers if c.phone], per_kind):
        national = national_digits(c.phone or "")[0]
        add("phone_infix", c, national[2:9])
    for c in rng.sample(with_domain, per_kind):
        add("domain", c, c.email.split("@")[1])
    picks += [
        {"kind": "broad", "search": "papad"},
        {"kind": "broad", "search": "a"},
        {"kind": "broad", "search": "maria acme"},
        {"kind": "filtered", "search": "maria", "status": "customer"},
        {"kind": "filtered", "search": "papadopoulou", "tag": "vip"},
        {"kind": "rep", "search": "papadopoulos", "as_rep": "rep-maria"},
        {"kind": "rep", "search": "karagianis", "as_rep": "rep-nikos"},
    ]
    return picks


# ---------------------------------------------------------------- the baseline


def baseline(db: Any, names: CollectionNames, params: CustomerListParams) -> tuple[list[str], str | None, int]:
    """Every customer read and ranked in Python with the domain's rules: the first page's ids, the kind of the
    best match, and the reads (one per document)."""
    records = []
    reads = 0
    for snapshot in stream_all(db.collection(names.customers)):
        reads += 1
        customer = customer_from_snapshot(snapshot)
        if passes(customer, params):
            records.append((customer, customer_search_values(customer)))
    return rank_records(records, params.search_terms()) + (reads,)


def stream_all(collection: Any) -> Any:
    """Every document, in chunks (one long stream of large documents can outlast the emulator's deadline)."""
    query = collection.order_by(FieldPath.document_id()).limit(BASELINE_CHUNK)
    last = None
    while True:
        chunk = list((query.start_after([last]) if last is not None else query).stream())
        yield from chunk
        if len(chunk) < BASELINE_CHUNK:
            return
        last = chunk[-1].reference


def rank_records(records: list[tuple[Customer, dict]], terms: list[str]) -> tuple[list[str], str | None]:
    """The first page and the kind of the best match, by the domain's rules."""
    ranked = []
    for customer, values in records:
        found = relevance(CUSTOMER_SEARCH, values, terms)
        if found is not None:
            ranked.append((found.key(customer_activity(customer), customer.id), customer.id, found))
    ranked.sort(key=lambda row: row[0])
    ids = [row[1] for row in ranked]
    best_kind = ranked[0][2].describe().kind.value if ranked else None
    if len(ids) <= PAGE_SIZE + READ_OVERHEAD - 2:
        ids += fallback_ids(records, terms, set(ids))
    return ids[:PAGE_SIZE], best_kind


def fallback_ids(records: list[tuple[Customer, dict]], terms: list[str], exact: set[str]) -> list[str]:
    plans = fallbacks(terms)
    if not plans:
        return []
    chosen = plans[0]
    if len(plans) > 1:
        for plan in plans:
            if not any(CUSTOMER_SEARCH.classify(values, plan.term) for _, values in records):
                chosen = plan
                break
    found = []
    for lookup_index, lookup in enumerate(chosen.lookups):
        for customer, values in records:
            if customer.id in exact:
                continue
            earlier = [chosen.lookups[i].level for i in range(lookup_index)]
            if any(chosen.relevance(CUSTOMER_SEARCH, values, terms, level) for level in earlier):
                continue
            match = chosen.relevance(CUSTOMER_SEARCH, values, terms, lookup.level)
            if match is not None:
                found.append((match.key(customer_activity(customer), customer.id), customer.id))
    return [cid for _, cid in sorted(found)]


def passes(customer: Customer, params: CustomerListParams) -> bool:
    return (customer.deleted_at is None and (params.status is None or customer.status == params.status)
            and (params.tag is None or params.tag in customer.tags)
            and (params.owner_id is None or customer.owner_id == params.owner_id))


# ---------------------------------------------------------------- measuring


def timed(call: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - start) * 1000


def our_search(store: FirestoreCustomerReader, params: CustomerListParams, caller: Caller) -> tuple[Any, int, float]:
    with read_meter.metered() as count:
        page, ms = timed(lambda: list_customers(store, params, caller))
    return page, count.reads, ms


def rank_of(ids: list[str], target: str | None) -> int | None:
    return ids.index(target) + 1 if target in ids else None


def measure(query: dict[str, Any], store: FirestoreCustomerReader, db: Any, names: CollectionNames,
            args: argparse.Namespace) -> dict[str, Any]:
    caller = Caller(uid=query["as_rep"], role=Role.REP, via="token") if query.get("as_rep") else ADMIN
    fields = {k: query[k] for k in ("search", "status", "tag") if query.get(k)}
    params = CustomerListParams(page_size=PAGE_SIZE, **fields)
    baseline_params = params.model_copy(update={"owner_id": query.get("as_rep")})
    first_page, _, _ = our_search(store, params, caller)
    our_ms, our_reads = [], set()
    for _ in range(args.repeat):
        page, reads, ms = our_search(store, params, caller)
        our_ms.append(ms)
        our_reads.add(reads)
        if [c.id for c in page.results] != [c.id for c in first_page.results]:
            warn(f"{query['search']!r}: a repeated search returned another page")
    base_ms = []
    expected: list[str] = []
    best_kind = None
    for _ in range(args.baseline_repeat):
        (expected, best_kind, _), ms = timed(lambda: baseline(db, names, baseline_params))
        base_ms.append(ms)
    ours = [c.id for c in first_page.results]
    if ours != expected:
        warn(f"{query['search']!r}: our first {len(ours)} differ from the baseline's first {len(expected)} "
             f"({len(set(expected) - set(ours))} of the baseline's missing)")
    median_ms, baseline_median_ms = statistics.median(our_ms), statistics.median(base_ms)
    target = query.get("target")
    return {
        "label": f"{query['kind']}: {query['search']}", "kind": query["kind"], "search": query["search"],
        "status": query.get("status"), "tag": query.get("tag"), "as_rep": query.get("as_rep"),
        "target": query.get("target_name"), "rank": rank_of(ours, target), "baseline_rank": rank_of(expected, target),
        "found_in_25": target in ours if target else None,
        "first_kind": first_page.results[0].match.kind.value if first_page.results else None,
        "baseline_best_kind": best_kind, "total": first_page.total, "reads": max(our_reads),
        "median_ms": round(median_ms, 1), "baseline_median_ms": round(baseline_median_ms, 1),
        "speedup": round(baseline_median_ms / median_ms, 1), "same_top25": ours == expected,
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    header = ["kind", "search", "target", "rank", "base rank", "first", "reads", "ms", "base ms", "speed-up", "same"]
    lines = [header] + [[r["kind"], describe(r), r["target"] or "", str(r["rank"] or "-"),
                         str(r["baseline_rank"] or "-"), r["first_kind"] or "-", str(r["reads"]), f"{r['median_ms']}",
                         f"{r['baseline_median_ms']}", f"{r['speedup']}x", "yes" if r["same_top25"] else "NO"]
                        for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def describe(row: dict[str, Any]) -> str:
    text = repr(row["search"])
    for key in ("status", "tag", "as_rep"):
        if row.get(key):
            text += f" {key}={row[key]}"
    return text


def load(db: Any, names: CollectionNames, customers: list[Customer]) -> None:
    import_customers(db, names, customers)


def run(args: argparse.Namespace, emulator_address: str) -> dict[str, Any]:
    os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": emulator_address,
                       "GOOGLE_CLOUD_PROJECT": PROJECT_ID})
    os.environ.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
    db = firestore_client(settings_from_env())
    names = CollectionNames(f"bench{uuid.uuid4().hex[:8]}_")
    store = FirestoreCustomerReader(db, names)
    customers = list(demo_customers(args.customers, new_id=store.new_id))
    print(f"Loading {len(customers)} demo customers ...", flush=True)
    _, load_ms = timed(lambda: load(db, names, customers))
    print(f"Loaded in {load_ms / 1000:.1f} s", flush=True)

    rows = []
    for query in choose_queries(customers, args.per_kind, args.seed):
        rows.append(measure(query, store, db, names, args))
        r = rows[-1]
        print(f"[{r['kind']}] {describe(r)} -> rank {r['rank']} (baseline {r['baseline_rank']}), first "
              f"{r['first_kind']}, reads {r['reads']}, {r['median_ms']} ms vs {r['baseline_median_ms']} ms "
              f"({r['speedup']}x)", flush=True)

    print()
    print(f"{len(customers)} customers, page size {PAGE_SIZE}, our search x{args.repeat}, "
          f"baseline x{args.baseline_repeat}")
    print_table(rows)
    recall_rows = [r for r in rows if r["kind"] in RECALL_KINDS]
    recall = sum(bool(r["found_in_25"]) for r in recall_rows) / len(recall_rows)
    exact_rows = [r for r in rows if r["baseline_best_kind"] == "exact"]
    exact_first = sum(r["first_kind"] == "exact" for r in exact_rows) / len(exact_rows) if exact_rows else 1.0
    max_reads = max(r["reads"] for r in rows)
    speedups = [r["speedup"] for r in rows]
    print()
    print(f"recall@25 over typo and transliterated queries: {recall:.2f} (target >= {TARGET_RECALL})")
    print(f"exact match first where one exists: {exact_first:.2f}")
    print(f"max reads per page: {max_reads} (target <= {TARGET_MAX_READS})")
    print(f"speed-up: min {min(speedups)}x, median {statistics.median(speedups)}x (target >= {TARGET_MIN_SPEEDUP}x)")
    print(f"first pages differing from the baseline's: {sum(not r['same_top25'] for r in rows)}; "
          f"warnings: {len(warnings)}")
    return {
        "customers": len(customers), "load_seconds": round(load_ms / 1000, 1), "queries": rows,
        "recall_at_25_typo_and_transliterated": round(recall, 3), "exact_first": round(exact_first, 3),
        "max_reads": max_reads, "min_speedup": min(speedups), "median_speedup": statistics.median(speedups),
        "top25_disagreements": sum(not r["same_top25"] for r in rows),
        "targets": {"recall": TARGET_RECALL, "max_reads": TARGET_MAX_READS, "min_speedup": TARGET_MIN_SPEEDUP,
                    "recall_met": recall >= TARGET_RECALL, "reads_met": max_reads <= TARGET_MAX_READS,
                    "speedup_met": min(speedups) >= TARGET_MIN_SPEEDUP},
    }


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
