"""The console's figures on the local stack: the gzipped JavaScript a first visit downloads, the time until the
customers list is interactive in headless Chromium, and the Firestore reads (the API's read meter) each screen costs.

    .venv/bin/python bench/console_benchmark.py [--customers 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench._harness import run_on_emulator  # noqa: E402
from crm.devstack.auth_emulator import AuthEmulator, DemoUser  # noqa: E402
from crm.devstack.console_build import PUBLIC, ensure_console_built  # noqa: E402
from crm.devstack.console_server import ConsoleApp, ConsoleServer, firebase_web_config  # noqa: E402
from crm.settings import get_settings  # noqa: E402
from crm.store.read_meter import metered  # noqa: E402

PROJECT = "demo-crm-bench"
ADMIN = DemoUser("bench-admin", "admin@bench.example", "bench-pass-1", "admin", "Bench Admin")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]


class ReadCounter:
    """Wraps the API so that every request's Firestore reads (crm.store.read_meter) add up here."""

    def __init__(self, api):
        self.api = api
        self.reads = 0
        self.requests = 0
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with metered() as count:
            body = list(self.api(environ, start_response))
        with self._lock:
            self.reads += count.reads
            self.requests += 1
        return body

    def take(self) -> tuple[int, int]:
        with self._lock:
            taken = (self.reads, self.requests)
            self.reads = self.requests = 0
            return taken


def gzipped(path: str) -> int:
    return len(gzip.compress((PUBLIC / path.lstrip("/")).read_bytes(), compresslevel=9))


def run(args: argparse.Namespace, firestore_address: str) -> dict[str, Any]:
    from crm.cli import load_demo

    print("Building the console and starting the Auth emulator ...", flush=True)
    ensure_console_built()
    with AuthEmulator(PROJECT) as auth:
        auth.create_user(ADMIN)
        os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": firestore_address,
                           "FIREBASE_AUTH_EMULATOR_HOST": auth.address, "GOOGLE_CLOUD_PROJECT": PROJECT})
        get_settings.cache_clear()
        settings = get_settings()
        print(f"Loading {args.customers} demo customers with their deals, orders and activities ...", flush=True)
        load_demo(args.customers, settings)
        app = ConsoleApp(settings, firebase_web_config(PROJECT, auth.url, firestore_address))
        counter = ReadCounter(app.api)
        app.api = counter
        server = ConsoleServer(app).start_in_background()
        try:
            return measure(server.url, counter, args)
        finally:
            server.stop()


class Quiet:
    """Tracks the page's requests to its own origin (not Firestore's long-lived listen channel): settled once none
    has started or finished for ``quiet_ms``."""

    def __init__(self, page, origin: str):
        self.page = page
        self.last = time.monotonic()
        self.inflight = 0
        mine = lambda request: request.url.startswith(origin)  # noqa: E731
        page.on("request", lambda r: self._change(+1) if mine(r) else None)
        page.on("requestfinished", lambda r: self._change(-1) if mine(r) else None)
        page.on("requestfailed", lambda r: self._change(-1) if mine(r) else None)

    def _change(self, delta: int) -> None:
        self.inflight += delta
        self.last = time.monotonic()

    def settle(self, quiet_ms: int = 1500, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.inflight <= 0 and time.monotonic() - self.last > quiet_ms / 1000:
                return
            self.page.wait_for_timeout(100)
        raise TimeoutError("the page kept requesting")


def measure(url: str, counter: ReadCounter, args: argparse.Namespace) -> dict[str, Any]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
        page = context.new_page()
        quiet = Quiet(page, url)
        scripts: list[tuple[str, bool]] = []
        phase = {"listed": False}
        page.on("response", lambda r: scripts.append((r.url.removeprefix(url), phase["listed"]))
                if r.request.resource_type == "script" else None)
        page.goto(f"{url}/customers")
        page.get_by_label("Email").fill(ADMIN.email)
        page.get_by_label("Password").fill(ADMIN.password)
        page.get_by_role("button", name="Sign in").click()
        first_row = page.get_by_role("table", name="Customers").get_by_role("link").first
        first_row.wait_for()
        phase["listed"] = True
        quiet.settle()
        initial = sorted({path for path, late in scripts if not late})
        later = sorted({path for path, late in scripts if late} - set(initial))
        js_initial = sum(gzipped(p) for p in initial)
        js_later = sum(gzipped(p) for p in later)
        print(f"First visit JavaScript, gzipped: {js_initial / 1024:.1f} KiB until the list is shown "
              f"({len(initial)} files), {js_later / 1024:.1f} KiB more right after (live updates: Firestore SDK)")

        timings = []
        for _ in range(args.repeat):
            page.goto("about:blank")
            page.goto(f"{url}/customers")
            first_row.wait_for()
            first_row.focus()
            timings.append(page.evaluate("performance.now()"))
        print(f"Customers list interactive after navigation: median {statistics.median(timings):.0f} ms "
              f"(runs: {', '.join(f'{t:.0f}' for t in timings)})")

        counter.take()
        reads: dict[str, dict[str, int]] = {}
        list_page = f"{url}/customers"
        orders_page = f"{url}/orders"
        first_order = page.get_by_role("table", name="Orders").get_by_role("link").first
        screens = {  # name: (where to start, uncounted; what to do, counted)
            "customers list (first page of 50)": ("about:blank", lambda: page.goto(list_page)),
            "customers search 'maria'": ("about:blank", lambda: page.goto(f"{list_page}?q=maria")),
            "customers filtered by status": ("about:blank", lambda: page.goto(f"{list_page}?status=customer")),
            "next page of 50 (cursor)": (list_page, lambda: page.get_by_role("button", name="Load more").click()),
            "customer page (all panels)": (list_page, lambda: first_row.click()),
            "my work, everyone's (first page of 50)": ("about:blank", lambda: page.goto(f"{url}/activities?owner=*")),
            "orders list (first page of 50)": ("about:blank", lambda: page.goto(orders_page)),
            "order page": (orders_page, lambda: first_order.click()),
        }
        for name, (start, visit) in screens.items():
            page.goto(start)
            if start != "about:blank":
                (first_order if start == orders_page else first_row).wait_for()
            quiet.settle()
            counter.take()
            visit()
            quiet.settle()
            count, requests = counter.take()
            reads[name] = {"reads": count, "api_requests": requests}
            print(f"  {name}: {count} Firestore reads in {requests} API requests")
        browser.close()
    return {
        "benchmark": "console",
        "js_gzip_initial_bytes": js_initial,
        "js_gzip_after_list_bytes": js_later,
        "js_gzip_first_visit_total_bytes": js_initial + js_later,
        "list_interactive_ms_median": round(statistics.median(timings)),
        "list_interactive_ms_runs": [round(t) for t in timings],
        "reads_per_screen": reads,
        "customers": args.customers,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    return run_on_emulator(run, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
