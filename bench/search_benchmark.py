"""Benchmark: customer search (token index) against a naive full-collection scan, on a private Firestore emulator.

Run from the repository root with the project's venv::

    .venv/bin/python bench/search_benchmark.py                  # 10,000 customers (takes a few minutes)
    .venv/bin/python bench/search_benchmark.py --customers 500  # quick run

What it does:

1. Starts its own Cloud Firestore emulator (``crm.devstack.emulator.FirestoreEmulator``) and stops it at the end,
   also on error or Ctrl-C / SIGTERM.
2. Loads ``--customers`` demo customers (``crm.devstack.demo_data.demo_customers``) with ``import_customers``.
3. For each query below runs OUR search, ``crm.services.customers.list_customers`` with a 25-result page, inside
   ``crm.store.read_meter.metered()`` to count billed reads; ``--repeat`` timed runs after one untimed warm-up,
   median latency reported. Once per query (untimed, unmetered) it also follows ``next_cursor`` through every page
   and checks that the pages together hold exactly the customers the baseline finds.
4. Runs a naive BASELINE: stream every document of the customers collection (one read per document), tokenize in
   Python with ``crm.domain.search_tokens`` (every query term must be a prefix of some word of the name,
   organization or non-phone contact values, or of a phone's digit forms), apply the status/tag filters and
   "not deleted", take the first 25 in document-id order (the order our search returns). ``--baseline-repeat``
   timed runs, median reported. Any disagreement with our search (total, first page, paging) prints a line
   starting with ``WARNING:``.
5. Prints a table and, as the LAST line of output, one JSON object with these keys:

   - ``customers``: number of customers loaded.
   - ``load_seconds``: wall time of ``import_customers``.
   - ``queries``: {label: {"search": str, "status": str|null, "tag": str|null}}.
   - ``total_matches``: {label: total reported by our search}.
   - ``baseline_matches``: {label: matches counted by the baseline}.
   - ``reads_per_search``: {label: reads of one 25-result first page of our search (count + page)}.
   - ``max_reads_per_search``: the largest of ``reads_per_search``.
   - ``baseline_reads``: reads of one baseline scan (one per customer document).
   - ``median_ms``: {label: median latency of our search, ms}.
   - ``baseline_median_ms``: {label: median latency of the baseline, ms}.
   - ``speedup``: {label: baseline_median_ms / median_ms}.
   - ``min_speedup``: the smallest of ``speedup``.
   - ``mismatches``: number of WARNING lines (disagreements between our search and the baseline); 0 is correct.
   - ``targets``: {"max_reads": 30, "min_speedup": 20, "reads_met": bool, "speedup_met": bool}.

Latencies are measured on the local emulator, which does not behave like production Firestore (no network, its own
query engine); the read counts are what the billing model in ``crm.store.read_meter`` says production would charge.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import run_on_emulator, warn, warnings

from crm.devstack.demo_data import demo_customers  # noqa: E402
from crm.domain.contacts import national_digits  # noqa: E402
from crm.domain.customer_queries import CustomerListParams  # noqa: E402
from crm.domain.customers import Customer  # noqa: E402
from crm.domain.search_tokens import MAX_TOKEN_LENGTH, phone_digit_forms, words  # noqa: E402
from crm.identity import Caller, Role  # noqa: E402
from crm.services.customers import list_customers  # noqa: E402
from crm.settings import settings_from_env  # noqa: E402
from crm.store import read_meter  # noqa: E402
from crm.store.client import firestore_client  # noqa: E402
from crm.store.collections import CollectionNames  # noqa: E402
from crm.store.customers import FirestoreCustomerReader, import_customers  # noqa: E402

PROJECT_ID = "demo-crm-bench"
PAGE_SIZE = 25
TARGET_MAX_READS = 30
TARGET_MIN_SPEEDUP = 20
PHONE_TYPES = {"phone", "whatsapp"}

BENCH_CALLER = Caller(uid="bench", role=Role.ADMIN, via="token")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=10000, help="demo customers to load (default 10000)")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs of our search per query (default 15)")
    parser.add_argument("--baseline-repeat", type=int, default=3, help="timed baseline scans per query (default 3)")
    args = parser.parse_args(argv)
    if args.customers < 1 or args.repeat < 1 or args.baseline_repeat < 1:
        parser.error("--customers, --repeat and --baseline-repeat must be at least 1")
    return args


# ---------------------------------------------------------------- queries


def choose_queries(customers: list[Customer]) -> dict[str, dict[str, Any]]:
    """Typical searches; the phone and email ones are taken from loaded customers so they match something."""
    phone_owner = customers[len(customers) // 2]
    email_owner = customers[len(customers) // 3]
    national = (national_digits(phone_owner.phone or "") or ("",))[0]  # national significant number
    return {
        "surname_prefix": {"search": "papad"},
        "company": {"search": "acme"},
        "two_terms": {"search": "acme ath"},
        "first_and_last_name": {"search": "maria papadopoulos"},
        "phone_prefix": {"search": national[:5]},
        "phone_international": {"search": f"+30 {national[:3]} {national[3:6]}"},
        "email_fragment": {"search": (email_owner.email or "").split("@")[0]},
        "search_status_tag": {"search": "acme", "status": "customer", "tag": "vip"},
        "one_letter": {"search": "a"},
    }


# ---------------------------------------------------------------- baseline


def document_words(doc: dict[str, Any]) -> list[str]:
    """The words a customer document is searchable by, re-derived from its fields (not its stored tokens)."""
    texts = [doc.get("name") or "", doc.get("organization") or ""]
    phones: list[str] = []
    for contact in doc.get("contacts") or []:
        if contact.get("type") in PHONE_TYPES:
            value = contact.get("value") or ""
            phones += phone_digit_forms(value, *national_digits(value))
        else:
            texts.append(contact.get("value") or "")
    found = [word[:MAX_TOKEN_LENGTH] for text in texts for word in words(text)]
    return found + [digits[:MAX_TOKEN_LENGTH] for digits in phones]


def matches(doc: dict[str, Any], params: CustomerListParams) -> bool:
    if doc.get("deleted_at") is not None:
        return False
    if params.status is not None and doc.get("status") != params.status.value:
        return False
    if params.tag is not None and params.tag not in (doc.get("tags") or []):
        return False
    tokens = document_words(doc)
    return all(any(word.startswith(term) for word in tokens) for term in params.search_terms())


def baseline_search(db: Any, names: CollectionNames, params: CustomerListParams) -> tuple[list[str], int]:
    """All matching ids in document-id order, and the reads the scan cost (one per streamed document)."""
    found: list[str] = []
    reads = 0
    for snapshot in db.collection(names.customers).stream():
        reads += 1
        if matches(snapshot.to_dict() or {}, params):
            found.append(snapshot.id)
    return found, reads


# ---------------------------------------------------------------- measuring


def timed(call: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - start) * 1000


def our_search(store: FirestoreCustomerReader, params: CustomerListParams) -> tuple[Any, int, float]:
    with read_meter.metered() as count:
        page, ms = timed(lambda: list_customers(store, params, BENCH_CALLER))
    return page, count.reads, ms


def walk_all_pages(store: FirestoreCustomerReader, params: CustomerListParams) -> tuple[list[str], list[Customer]]:
    ids: list[str] = []
    customers: list[Customer] = []
    cursor = None
    for _ in range(100000):
        page = list_customers(store, params.model_copy(update={"cursor": cursor}), BENCH_CALLER)
        ids += [c.id for c in page.results]
        customers += page.results
        cursor = page.next_cursor
        if cursor is None:
            break
    return ids, customers


def check_against_baseline(
    label: str, store: FirestoreCustomerReader, params: CustomerListParams, first_page: Any, expected: list[str]
) -> None:
    if first_page.total != len(expected):
        warn(f"{label}: our search reports total {first_page.total}, the baseline finds {len(expected)}")
    got_first = [c.id for c in first_page.results]
    if got_first != expected[:PAGE_SIZE]:
        missing = len(set(expected[:PAGE_SIZE]) - set(got_first))
        warn(f"{label}: first page differs from the baseline's first {PAGE_SIZE} ({missing} of them missing)")
    all_ids, all_customers = walk_all_pages(store, params)
    if len(all_ids) != len(set(all_ids)):
        warn(f"{label}: paging with next_cursor returned {len(all_ids) - len(set(all_ids))} duplicates")
    if set(all_ids) != set(expected):
        warn(
            f"{label}: paging with next_cursor returned {len(set(all_ids))} customers, the baseline finds "
            f"{len(expected)} ({len(set(expected) - set(all_ids))} missing, {len(set(all_ids) - set(expected))} extra)"
        )
    wrong = [c.id for c in all_customers if not matches(c.model_dump(mode="json"), params)]
    if wrong:
        warn(f"{label}: our search returned {len(wrong)} customers that do not match, e.g. {wrong[0]}")


def fmt_ms(value: float) -> str:
    return f"{value:.1f}"


def print_table(rows: list[dict[str, Any]]) -> None:
    header = ["query", "search / filters", "total", "reads", "base reads", "ms", "base ms", "speed-up"]
    lines = [header] + [
        [
            r["label"],
            r["description"],
            str(r["total"]),
            str(r["reads"]),
            str(r["baseline_reads"]),
            fmt_ms(r["median_ms"]),
            fmt_ms(r["baseline_median_ms"]),
            f"{r['speedup']:.1f}x",
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        pairs = enumerate(zip(line, widths, strict=True))
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in pairs]
        print("  ".join(cells))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def describe(query: dict[str, Any]) -> str:
    text = repr(query["search"])
    for key in ("status", "tag"):
        if query.get(key):
            text += f" {key}={query[key]}"
    return text


def run(args: argparse.Namespace, emulator_address: str) -> dict[str, Any]:
    os.environ.update(
        {"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": emulator_address, "GOOGLE_CLOUD_PROJECT": PROJECT_ID}
    )
    os.environ.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
    settings = settings_from_env()
    db = firestore_client(settings)
    names = CollectionNames(f"bench{uuid.uuid4().hex[:8]}_")
    store = FirestoreCustomerReader(db, names)

    customers = list(demo_customers(args.customers, new_id=store.new_id))
    print(f"Loading {len(customers)} demo customers ...", flush=True)
    _, load_ms = timed(lambda: import_customers(db, names, customers))
    load_seconds = load_ms / 1000
    print(f"Loaded {len(customers)} customers in {load_seconds:.1f} s", flush=True)

    queries = choose_queries(customers)
    rows: list[dict[str, Any]] = []
    baseline_reads_seen: set[int] = set()
    for label, query in queries.items():
        params = CustomerListParams(page_size=PAGE_SIZE, **query)
        print(f"[{label}] {describe(query)} terms={params.search_terms()}", flush=True)

        first_page, reads, _ = our_search(store, params)  # warm-up, untimed
        expected, scan_reads = baseline_search(db, names, params)
        check_against_baseline(label, store, params, first_page, expected)

        our_ms: list[float] = []
        our_reads: set[int] = set()
        for _ in range(args.repeat):
            page, reads, ms = our_search(store, params)
            our_ms.append(ms)
            our_reads.add(reads)
            if page.total != first_page.total or [c.id for c in page.results] != [c.id for c in first_page.results]:
                warn(f"{label}: repeated search returned a different page or total")
        if len(our_reads) > 1:
            warn(f"{label}: read count varies between runs: {sorted(our_reads)}")

        base_ms: list[float] = []
        for _ in range(args.baseline_repeat):
            (found, scan_reads), ms = timed(lambda params=params: baseline_search(db, names, params))
            base_ms.append(ms)
            baseline_reads_seen.add(scan_reads)
            if found != expected:
                warn(f"{label}: baseline scan is not repeatable")

        median_ms = statistics.median(our_ms)
        baseline_median_ms = statistics.median(base_ms)
        rows.append(
            {
                "label": label,
                "description": describe(query),
                "query": {"search": query["search"], "status": query.get("status"), "tag": query.get("tag")},
                "total": first_page.total,
                "baseline_matches": len(expected),
                "reads": max(our_reads),
                "baseline_reads": scan_reads,
                "median_ms": median_ms,
                "baseline_median_ms": baseline_median_ms,
                "speedup": baseline_median_ms / median_ms if median_ms > 0 else float("inf"),
            }
        )
        r = rows[-1]
        print(
            f"    total={r['total']} reads={r['reads']} baseline_reads={r['baseline_reads']} "
            f"median={fmt_ms(median_ms)} ms baseline={fmt_ms(baseline_median_ms)} ms speed-up={r['speedup']:.1f}x",
            flush=True,
        )

    print()
    print(f"{len(customers)} customers, page size {PAGE_SIZE}, "
          f"our search x{args.repeat}, baseline x{args.baseline_repeat}")
    print_table(rows)
    max_reads = max(r["reads"] for r in rows)
    min_speedup = min(r["speedup"] for r in rows)
    print()
    print(f"max reads per search: {max_reads} (target <= {TARGET_MAX_READS})")
    print(f"min speed-up: {min_speedup:.1f}x (target >= {TARGET_MIN_SPEEDUP}x)")
    if len(baseline_reads_seen) > 1:
        warn(f"baseline scans read different numbers of documents: {sorted(baseline_reads_seen)}")
    print(f"disagreements with the baseline: {len(warnings)}")

    def by_label(key: str, digits: int | None = None) -> dict[str, Any]:
        return {r["label"]: (round(r[key], digits) if digits is not None else r[key]) for r in rows}

    return {
        "customers": len(customers),
        "load_seconds": round(load_seconds, 2),
        "queries": by_label("query"),
        "total_matches": by_label("total"),
        "baseline_matches": by_label("baseline_matches"),
        "reads_per_search": by_label("reads"),
        "max_reads_per_search": max_reads,
        "baseline_reads": max(baseline_reads_seen),
        "median_ms": by_label("median_ms", 2),
        "baseline_median_ms": by_label("baseline_median_ms", 2),
        "speedup": by_label("speedup", 1),
        "min_speedup": round(min_speedup, 1),
        "mismatches": len(warnings),
        "targets": {
            "max_reads": TARGET_MAX_READS,
            "min_speedup": TARGET_MIN_SPEEDUP,
            "reads_met": max_reads <= TARGET_MAX_READS,
            "speedup_met": min_speedup >= TARGET_MIN_SPEEDUP,
        },
    }


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
