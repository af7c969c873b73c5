"""Benchmark: "25 customers with their open deals" through GraphQL (one request, the deals batched) against the
same through REST (one list call and one deals call per customer): Firestore reads and time.

Run from the repository root with the project's venv::

    .venv/bin/python bench/graphql_benchmark.py               # 200 demo customers, 20 timed runs of each
    .venv/bin/python bench/graphql_benchmark.py --repeat 5    # quick run

What it does:

1. Starts its own Cloud Firestore emulator and loads ``--customers`` demo customers with their deals, orders and
   activities (``crm.cli.load_demo``, as ``bin/dev`` does).
2. Through the function's Flask app in this process (its test client, so no HTTP server's time is counted), with
   an emulator ID token of a manager (verified without a Firestore read, unlike an API key whose cached lookup
   expires now and then, which would blur the counts):

   - GraphQL: ``POST /api/graphql`` with ``customers(first: 25, orderBy: "name") { nodes { id name
     deals(status: OPEN) { id title value stage } } }``;
   - REST: ``GET /api/crm/customers?page_size=25&order_by=name``, then ``GET
     /api/crm/customers/{id}/deals?status=open`` for each of the 25.

   Each way is run ``--warmup`` times untimed, then ``--repeat`` times, taking turns, each run inside
   ``crm.store.read_meter.metered()``. Both must find the same deals of the same customers; a difference prints a
   line starting with ``WARNING:``.
3. Prints a table and, as the LAST line, one JSON object: ``customers``, ``repeat``, ``open_deals`` (found on the
   page), ``reads`` {graphql, rest} of one run (the same every run, or a WARNING), ``median_ms`` and ``p95_ms``
   {graphql, rest}, ``requests`` {graphql, rest}, and ``mismatches`` (WARNING lines; 0 is correct).

Reads are what the billing model of ``crm.store.read_meter`` says production would charge; times are on the local
emulator on a shared machine: compare the two ways in the same run, not with production.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import run_on_emulator, warn, warnings  # noqa: E402

PAGE = 25
QUERY = """query($first: Int!) { customers(first: $first, orderBy: "name") {
  nodes { id name deals(status: OPEN) { id title value stage } } } }"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    return parser.parse_args(argv)


def run(args: argparse.Namespace, address: str) -> dict[str, Any]:
    # unsigned emulator tokens are accepted with an Auth emulator address set; verifying one calls nobody
    os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": address, "GOOGLE_CLOUD_PROJECT": "demo-crm-bench",
                       "FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9", "CRM_RATE_LIMIT_PER_MINUTE": "1000000",
                       "CRM_COLLECTION_PREFIX": f"b{uuid.uuid4().hex[:8]}_", "CRM_RATE_LIMIT_BURST": "1000000"})
    from crm.cli import load_demo
    from crm.devstack.tokens import emulator_id_token
    from crm.http import create_app
    from crm.settings import settings_from_env
    from crm.store import read_meter
    from crm.store.client import firestore_client

    logging.getLogger("crm").setLevel(logging.WARNING)
    settings = settings_from_env()
    firestore_client(settings).collection(f"{settings.collection_prefix}warm_up").document("first").get()
    print(f"Loading {args.customers} demo customers with their deals ...", flush=True)
    load_demo(args.customers, settings)
    app = create_app(settings)
    client = app.test_client()
    token = emulator_id_token(settings.project_id, "bench-manager", role="manager")
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def graphql() -> dict[str, list[str]]:
        response = client.post("/api/graphql", json={"query": QUERY, "variables": {"first": PAGE}})
        body = response.get_json()
        if response.status_code != 200 or "errors" in body:
            raise SystemExit(f"GraphQL failed: {body}")
        return {c["id"]: [d["id"] for d in c["deals"]] for c in body["data"]["customers"]["nodes"]}

    def rest() -> dict[str, list[str]]:
        page = client.get("/api/crm/customers", query_string={"page_size": PAGE, "order_by": "name"}).get_json()
        found = {}
        for customer in page["results"]:
            deals = client.get(f"/api/crm/customers/{customer['id']}/deals", query_string={"status": "open"})
            found[customer["id"]] = [d["id"] for d in deals.get_json()["results"]]
        return found

    ways: dict[str, Callable[[], dict[str, list[str]]]] = {"graphql": graphql, "rest": rest}
    answers = {name: way() for name, way in ways.items()}
    if answers["graphql"] != answers["rest"]:
        warn("GraphQL and REST found different customers or deals")
    for _ in range(args.warmup):
        for way in ways.values():
            way()
    samples: dict[str, list[float]] = {name: [] for name in ways}
    reads: dict[str, set[int]] = {name: set() for name in ways}
    for _ in range(args.repeat):
        for name, way in ways.items():
            with read_meter.metered() as count:
                started = time.perf_counter()
                way()
                samples[name].append((time.perf_counter() - started) * 1000)
            reads[name].add(count.reads)
    for name, seen in reads.items():
        if len(seen) != 1:
            warn(f"{name} read a different number of documents in different runs: {sorted(seen)}")
    open_deals = sum(len(ids) for ids in answers["graphql"].values())
    result = {
        "customers": args.customers, "repeat": args.repeat, "open_deals": open_deals,
        "reads": {name: max(seen) for name, seen in reads.items()},
        "median_ms": {name: round(statistics.median(s), 1) for name, s in samples.items()},
        "p95_ms": {name: round(sorted(s)[min(len(s) - 1, round(0.95 * (len(s) - 1)))], 1)
                   for name, s in samples.items()},
        "requests": {"graphql": 1, "rest": 1 + PAGE},
        "mismatches": len(warnings),
    }
    print(f"\n{PAGE} customers with their {open_deals} open deals ({args.repeat} runs each, median):")
    for name in ways:
        print(f"  {name:8} {result['requests'][name]:>3} requests  {result['reads'][name]:>4} reads  "
              f"{result['median_ms'][name]:>8.1f} ms (p95 {result['p95_ms'][name]:.1f})")
    return result


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
