"""Benchmark: importing customers from CSV against creating them one API call at a time, on a private emulator.

Run from the repository root with the project's venv::

    .venv/bin/python bench/import_benchmark.py                          # 100,000 and 10,000 customers
    .venv/bin/python bench/import_benchmark.py --customers 20000 --small 2000   # quicker

What it does:

1. Starts its own Cloud Firestore emulator and writes two CSV files of demo customers (``--small`` and
   ``--customers`` rows: names in Greek and Latin, an email, a phone, an organization, tags, a city, a status).
2. One at a time: ``--sample`` customers created with ``POST /api/crm/customers`` through the Flask test client (an
   admin's emulator token), each a full request: authentication, validation, one transaction with the email claim,
   the search fields and the audit entry. Its rate is what creating every row that way would reach. The caller's
   rate limit is lifted for it (the API's default, 600 requests a minute, would otherwise set that rate).
3. The import: ``crm.services.transfer.importing.import_rows`` (what ``crm import`` and the import jobs run) over
   each file, in its own collections, with the same claims, search fields and audit. Timed, with the writes
   committed counted (``crm.store.write_meter``) and this process's resident memory sampled every 0.1 s: the peak
   during the run, and how far it rose above the memory before the run (flat memory: the same rise for both files).
4. The export: every customer of the large import streamed to a CSV file (``export_pages``), timed.
5. Prints a table and, as its LAST line, one JSON object: ``one_at_a_time`` {customers, seconds, rate, writes},
   ``imports`` [{rows, seconds, rate, writes, writes_per_row, peak_rss_mb, rss_rise_mb}], ``speedup`` (the large
   import's rate over the one-at-a-time rate), ``export`` {records, seconds, rate, bytes}.

The emulator keeps every document in its Java heap, about 90 KiB per imported customer (its search maps, audit
entry and webhook event, their indexes and versions); the JVM's default bound (a quarter of the machine's memory,
6 GiB here) filled near 64,000 rows, when garbage collection left a commit waiting past the client's 10-second bound.
So the emulator is started with a heap sized for the large file (``--emulator-heap``, else 2 GiB and 120 KiB a row:
13.4 GiB for 100,000), and its data is wiped before the large import (the small runs' documents are not needed then).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import run_on_emulator  # noqa: E402
from crm.devstack.demo_data import demo_customers  # noqa: E402
from crm.devstack.emulator import wipe_data  # noqa: E402
from crm.devstack.tokens import emulator_id_token  # noqa: E402
from crm.domain.access import SYSTEM  # noqa: E402
from crm.domain.customer_queries import CustomerListParams  # noqa: E402
from crm.domain.transfer.kinds import FileFormat, TransferKind  # noqa: E402
from crm.domain.transfer.mapping import ColumnMapping  # noqa: E402
from crm.domain.transfer.reading import read_rows  # noqa: E402
from crm.http import create_app  # noqa: E402
from crm.services.transfer.exporting import export_pages  # noqa: E402
from crm.services.transfer.importing import (  # noqa: E402
    DEFAULT_BATCH,
    DEFAULT_WORKERS,
    BatchResult,
    ImportPlan,
    import_rows,
)
from crm.settings import settings_from_env  # noqa: E402
from crm.store.client import firestore_client  # noqa: E402
from crm.store.collections import CollectionNames  # noqa: E402
from crm.store.transfer.external_ids import import_transactions  # noqa: E402
from crm.store.transfer.streams import CustomerStream  # noqa: E402
from crm.store.write_meter import metered_writes  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
PROJECT = "demo-import-bench"
HEAP_BASE_MIB = 2048
HEAP_KIB_PER_ROW = 120
HEADER = ["name", "email", "phone", "organization", "tags", "city", "status"]


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


class PeakMemory:
    """The resident memory's peak while the block runs, sampled every 0.1 s."""

    def __enter__(self) -> PeakMemory:
        self.before = rss_mb()
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def write_csv(path: Path, count: int, seed: int) -> None:
    """``count`` demo customers as an import file (written as they are made: memory stays flat)."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n, c in enumerate(demo_customers(count, seed=seed, new_id=lambda: uuid.uuid4().hex)):
            local, _, domain = (c.email or f"c@{seed}.example").partition("@")
            email = f"{local}.{seed}.{n}@{domain}"
            writer.writerow([c.name, email, c.phone or "", c.organization or "", ";".join(c.tags),
                             c.location.city if c.location else "", c.status.value])


def one_at_a_time(settings: Any, path: Path, sample: int) -> dict[str, Any]:
    app = create_app(settings)
    client = app.test_client()
    token = emulator_id_token(settings.project_id, "bench", role="admin")
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    with path.open(encoding="utf-8") as text:
        _, rows = read_rows(text, FileFormat.CSV)
        bodies = []
        for raw in rows:
            v = raw.values
            body = {"name": v["name"], "email": v["email"], "organization": v["organization"] or None,
                    "tags": [t for t in v["tags"].split(";") if t], "status": v["status"],
                    "location": {"city": v["city"]} if v["city"] else None}
            if v["phone"]:
                body["phone"] = v["phone"]
            bodies.append({k: b for k, b in body.items() if b is not None})
            if len(bodies) == sample:
                break
    client.post("/api/crm/customers", json={"name": "Warm-up", "email": "warm@up.example"})
    db = firestore_client(settings)
    started, cpu = time.perf_counter(), time.process_time()
    with metered_writes(db) as writes:
        for body in bodies:
            response = client.post("/api/crm/customers", json=body)
            assert response.status_code == 201, response.get_json()
    seconds = time.perf_counter() - started
    return {"customers": len(bodies), "seconds": round(seconds, 2), "rate": round(len(bodies) / seconds, 1),
            "writes": writes.writes, "cpu_ms_per_row": round((time.process_time() - cpu) * 1000 / len(bodies), 1)}


def run_import(settings: Any, path: Path, rows: int, batch_size: int, workers: int) -> dict[str, Any]:
    db = firestore_client(settings)
    transactions = import_transactions(db, CollectionNames(settings.collection_prefix), "EUR")
    plan = ImportPlan(kind=TransferKind.CUSTOMERS, mapping=ColumnMapping(), batch_size=batch_size, workers=workers)
    done = 0
    last_report = time.perf_counter()

    def progress(batch: BatchResult) -> None:
        nonlocal done, last_report
        done += sum(batch.counts.values())
        if time.perf_counter() - last_report > 30:
            last_report = time.perf_counter()
            print(f"  ... {done:,} of {rows:,} rows", flush=True)

    started, cpu = time.perf_counter(), time.process_time()
    with metered_writes(db) as writes, PeakMemory() as memory, path.open(encoding="utf-8", newline="") as text:
        headers, raw = read_rows(text, FileFormat.CSV)
        result = import_rows(transactions, headers, raw, plan, SYSTEM, on_batch=progress)
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": round(seconds, 1), "rate": round(rows / seconds, 1), "counts": result.counts,
            "cpu_ms_per_row": round((time.process_time() - cpu) * 1000 / rows, 1),
            "writes": writes.writes, "writes_per_row": round(writes.writes / rows, 2), "commits": writes.commits,
            "peak_rss_mb": round(memory.peak, 1), "rss_rise_mb": round(memory.peak - memory.before, 1)}


def run_export(settings: Any, target: Path) -> dict[str, Any]:
    db = firestore_client(settings)
    stream = CustomerStream(db, CollectionNames(settings.collection_prefix))
    started = time.perf_counter()
    records = 0
    with target.open("w", encoding="utf-8", newline="") as out, PeakMemory() as memory:
        for page in export_pages(stream, TransferKind.CUSTOMERS, FileFormat.CSV, CustomerListParams(
                order_by="created_at")):
            out.write(page.text)
            records += page.records
    seconds = time.perf_counter() - started
    return {"records": records, "seconds": round(seconds, 1), "rate": round(records / seconds, 1),
            "bytes": target.stat().st_size, "peak_rss_mb": round(memory.peak, 1),
            "rss_rise_mb": round(memory.peak - memory.before, 1)}


def run(args: argparse.Namespace, address: str) -> dict[str, Any]:
    env = {"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": address, "FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9",
           "GOOGLE_CLOUD_PROJECT": PROJECT}
    os.environ.update(env)
    settings = lambda prefix: settings_from_env({**env, "CRM_COLLECTION_PREFIX": prefix})  # noqa: E731
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for count in sorted({args.small, args.customers}):
            files[count] = Path(folder) / f"customers-{count}.csv"
            write_csv(files[count], count, seed=count)
            print(f"wrote {files[count].name} ({files[count].stat().st_size / 2**20:.1f} MiB)", flush=True)
        unthrottled = {"CRM_RATE_LIMIT_PER_MINUTE": "1000000", "CRM_RATE_LIMIT_BURST": "1000000"}
        single = one_at_a_time(settings_from_env({**env, **unthrottled, "CRM_COLLECTION_PREFIX": "single_"}),
                               files[args.small], args.sample)
        print(f"one at a time: {single['customers']} customers in {single['seconds']} s = {single['rate']}/s, "
              f"{single['writes']} writes, {single['cpu_ms_per_row']} ms CPU/row", flush=True)
        imports = []
        for count in sorted(files):
            if count == args.customers and len(files) > 1:
                wipe_data(address, PROJECT)  # the emulator's heap then holds the large import alone
            result = run_import(settings(f"import{count}_"), files[count], count, args.batch_size, args.workers)
            imports.append(result)
            print(f"import of {count:,}: {result['seconds']} s = {result['rate']}/s, {result['writes']:,} writes "
                  f"({result['writes_per_row']}/row, {result['commits']} commits), {result['cpu_ms_per_row']} ms "
                  f"CPU/row, peak RSS {result['peak_rss_mb']} MiB (+{result['rss_rise_mb']} MiB), {result['counts']}",
                  flush=True)
        export = None if args.no_export else run_export(settings(f"import{args.customers}_"),
                                                        Path(folder) / "export.csv")
        if export:
            print(f"export of {export['records']:,}: {export['seconds']} s = {export['rate']}/s, "
                  f"{export['bytes'] / 2**20:.1f} MiB, peak RSS {export['peak_rss_mb']} MiB (+{export['rss_rise_mb']})")
    largest = imports[-1]
    return {"one_at_a_time": single, "imports": imports, "speedup": round(largest["rate"] / single["rate"], 1),
            "export": export, "batch_size": args.batch_size, "workers": args.workers}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300, help="customers created one API call at a time")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="import batches applied at once")
    parser.add_argument("--no-export", action="store_true", help="skip the export")
    parser.add_argument("--emulator-heap", type=int, help="the emulator's Java heap in MiB (default: by --customers)")
    args = parser.parse_args()
    heap = args.emulator_heap or HEAP_BASE_MIB + args.customers * HEAP_KIB_PER_ROW // 1024
    os.environ["JDK_JAVA_OPTIONS"] = f"{os.environ.get('JDK_JAVA_OPTIONS', '')} -Xmx{heap}m".strip()
    print(f"emulator heap: {heap:,} MiB", flush=True)
    return run_on_emulator(run, args)


if __name__ == "__main__":
    sys.exit(main())
