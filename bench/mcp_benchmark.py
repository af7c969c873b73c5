"""Benchmark: tool calls over the two MCP transports, and what the MCP server costs the function's cold start.

Run from the repository root with the project's venv::

    .venv/bin/python bench/mcp_benchmark.py               # 200 customers, 30 calls of each kind
    .venv/bin/python bench/mcp_benchmark.py --repeat 10   # quick run

What it does:

1. Starts its own Cloud Firestore emulator and loads ``--customers`` demo customers; creates an API key (role
   manager) through the identity use case.
2. HTTP: serves the Flask app of the function on a real local HTTP server (werkzeug, free port) and connects the MCP
   SDK's own client to ``/api/mcp`` with the key in ``X-API-Key`` (``mode`` auto: the stateless 2026-07-28
   protocol, one POST per call). stdio: starts ``crm mcp`` as a subprocess with the key in ``CRM_API_KEY`` and
   connects the same client to it.
3. On each transport, after ``--warmup`` untimed calls, times ``--repeat`` calls of a search
   (``search_customers`` with a demo customer's surname) and of a write (``add_customer_note`` on one customer),
   each measured around ``client.call_tool`` (client, transport, authentication, the use case, Firestore on the
   emulator). Over HTTP, the same search through the REST API (``GET /api/crm/customers?search=``, same server,
   same httpx client) takes turns with the MCP calls, so the two meet the same load.
4. Cold start: in fresh interpreters (``--imports`` of each), the time to import the function's app and create it;
   the modules loaded after a request that does not touch /api/mcp (is the MCP SDK among them?); the time of the
   first and of the second POST /api/mcp in that process; and the time to import the MCP server's modules on top
   of the app alone.
5. Prints a table and, as the LAST line, one JSON object: ``customers``, ``repeat``; ``latency_ms``
   {transport: {call: {median, p95}}} for transports http, stdio and rest (search only); ``cold_start_ms``
   {app_import_and_create, mcp_modules_import, first_mcp_call, second_mcp_call} (medians); ``mcp_loaded_before_call``
   (false means the import is lazy) and ``mcp_loaded_after_call``.

Latencies are on the local emulator on a shared 2-core machine: compare the transports with each other and with
REST in the same run rather than reading them as production figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import run_on_emulator, warn  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--imports", type=int, default=5, help="fresh interpreters for the cold-start figures")
    return parser.parse_args(argv)


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": round(statistics.median(ordered), 1), "p95": round(p95, 1)}


def run(args: argparse.Namespace, address: str) -> dict[str, Any]:
    env = {"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": address, "GOOGLE_CLOUD_PROJECT": "demo-crm-bench",
           "CRM_COLLECTION_PREFIX": f"b{uuid.uuid4().hex[:8]}_", "CRM_RATE_LIMIT_PER_MINUTE": "1000000",
           "CRM_RATE_LIMIT_BURST": "1000000"}
    os.environ.update(env)

    import anyio
    import httpx2
    from mcp import Client, StdioServerParameters
    from mcp.client.streamable_http import streamable_http_client
    from werkzeug.serving import make_server

    from crm.cli import load_demo
    from crm.domain.customer_queries import CustomerListParams
    from crm.http import create_app
    from crm.identity import Role, create_api_key
    from crm.settings import settings_from_env
    from crm.store.client import firestore_client

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    settings = settings_from_env()
    # A fresh emulator on a busy machine may take longer than a commit's time budget to answer its first call (a
    # commit is not retried on a deadline); a read is retried, so it wakes the emulator first.
    firestore_client(settings).collection(f"{settings.collection_prefix}warm_up").document("first").get()
    print(f"Loading {args.customers} demo customers ...", flush=True)
    load_demo(args.customers, settings)
    app = create_app(settings)
    deps = app.extensions["crm"]
    secret, _ = create_api_key(deps.api_keys, "Benchmark", Role.MANAGER, "bench")
    first = deps.customers.list(CustomerListParams(page_size=1)).results[0]
    surname = first.name.split()[-1]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    latency: dict[str, dict[str, dict[str, float]]] = {}

    counter = iter(range(1_000_000))

    def calls(client: Client) -> dict[str, Callable[[], Awaitable[Any]]]:
        async def search() -> None:
            result = await client.call_tool("search_customers", {"search": surname})
            if result.is_error or not result.structured_content["results"]:
                warn(f"search for {surname!r} found nothing or failed: {result.content}")

        async def write() -> None:
            result = await client.call_tool("add_customer_note", {"customer_id": first.id,
                                                                  "text": f"Bench note {next(counter)}"})
            if result.is_error:
                warn(f"note failed: {result.content}")

        return {"search": search, "write": write}

    async def measure(named: dict[str, Callable[[], Awaitable[Any]]]) -> dict[str, list[float]]:
        """Each call ``--repeat`` times, taking turns, so that every kind meets the same load of the machine."""
        for call in named.values():
            for _ in range(args.warmup):
                await call()
        samples: dict[str, list[float]] = {name: [] for name in named}
        for _ in range(args.repeat):
            for name, call in named.items():
                start = time.perf_counter()
                await call()
                samples[name].append((time.perf_counter() - start) * 1000)
        return samples

    async def over_http() -> None:
        async with (httpx2.AsyncClient(headers={"X-API-Key": secret}, timeout=60) as http,
                    Client(streamable_http_client(f"{base}/api/mcp", http_client=http)) as client):
            async def rest() -> None:
                answer = await http.get(f"{base}/api/crm/customers", params={"search": surname, "page_size": 10})
                assert answer.status_code == 200, answer.text

            samples = await measure({**calls(client), "rest": rest})
            latency["http"] = {name: percentiles(samples[name]) for name in ("search", "write")}
            latency["rest"] = {"search": percentiles(samples["rest"])}

    async def over_stdio() -> None:
        parameters = StdioServerParameters(command=sys.executable, args=["-m", "crm.cli", "mcp"],
                                           env={**env, "CRM_API_KEY": secret}, cwd=str(ROOT))
        async with Client(parameters) as client:
            samples = await measure(calls(client))
            latency["stdio"] = {name: percentiles(values) for name, values in samples.items()}

    for name, transport in (("HTTP", over_http), ("stdio", over_stdio)):
        print(f"Timing tool calls over {name} ...", flush=True)
        anyio.run(transport)
    server.shutdown()
    cold = cold_start(args, env, secret)
    print()
    print(f"{'transport':10} {'call':8} {'median ms':>10} {'p95 ms':>8}")
    for transport, calls in latency.items():
        for call, figures in calls.items():
            print(f"{transport:10} {call:8} {figures['median']:>10} {figures['p95']:>8}")
    for name, value in cold.items():
        print(f"{name}: {value}")
    return {"customers": args.customers, "repeat": args.repeat, "latency_ms": latency, **cold}


COLD_SCRIPT = """
import json, sys, time
start = time.perf_counter()
from crm.http import create_app
from crm.settings import get_settings
app = create_app(get_settings())
created = time.perf_counter()
client = app.test_client()
assert client.get('/api/health').status_code == 200
before = 'mcp' in sys.modules
body = {'jsonrpc': '2.0', 'id': 1, 'method': 'tools/list'}
timings = []
for _ in range(2):
    t = time.perf_counter()
    answer = client.post('/api/mcp', json=body, headers={'X-API-Key': sys.argv[1]})
    assert answer.status_code == 200, answer.get_data()
    timings.append((time.perf_counter() - t) * 1000)
print(json.dumps({'app': (created - start) * 1000, 'before': before, 'after': 'mcp' in sys.modules,
                  'first': timings[0], 'second': timings[1]}))
"""
SDK_SCRIPT = """
import json, time
import crm.http.app, crm.http.operations
start = time.perf_counter()
import crm.assistants.http_exchange, crm.assistants.mcp_server
print(json.dumps({'mcp_modules': (time.perf_counter() - start) * 1000}))
"""


def cold_start(args: argparse.Namespace, env: dict[str, str], secret: str) -> dict[str, Any]:
    print(f"Cold start: {args.imports} fresh interpreters of each kind ...", flush=True)
    full_env = {**os.environ, **env}
    runs = [json.loads(subprocess.run([sys.executable, "-c", COLD_SCRIPT, secret], env=full_env, cwd=ROOT,
                                      capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
            for _ in range(args.imports)]
    sdk = [json.loads(subprocess.run([sys.executable, "-c", SDK_SCRIPT], env=full_env, cwd=ROOT,
                                     capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
           for _ in range(args.imports)]

    def median(values: list[float]) -> float:
        return round(statistics.median(values), 1)

    return {
        "cold_start_ms": {
            "app_import_and_create": median([r["app"] for r in runs]),
            "mcp_modules_import": median([r["mcp_modules"] for r in sdk]),
            "first_mcp_call": median([r["first"] for r in runs]),
            "second_mcp_call": median([r["second"] for r in runs]),
        },
        "mcp_loaded_before_call": any(r["before"] for r in runs),
        "mcp_loaded_after_call": all(r["after"] for r in runs),
    }


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
