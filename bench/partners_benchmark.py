"""Benchmark: the partner programme's figures on a private Firestore emulator: the tracked-link redirect against a
bare function that only redirects, the reads of a partner's monthly report over many clicks, and concurrent
conversions on one wallet.

Run from the repository root with the project's venv::

    .venv/bin/python bench/partners_benchmark.py                 # 100,000 clicks, 300 redirects, 20 writers
    .venv/bin/python bench/partners_benchmark.py --clicks 5000   # quick run

What it does:

1. Starts its own Cloud Firestore emulator and sets up, through the services, the programme's settings, a plan, a
   partner and two links.
2. Report: loads ``--clicks`` click documents into one month (batched writes, as the redirect writes them), adds
   them to the running totals with the scheduled roll-up (reads: one per click, once), then reads the partner's
   report (six months, by link) with ``crm.store.read_meter.metered()``: its reads and median latency, against the
   BASELINE of counting the same figures by reading every click of the partner (one read per click, in chunks).
3. Redirect: two functions served by functions-framework (gunicorn, as Cloud Functions serve them) on local ports in
   processes of their own: OURS, ``redirect`` of functions/main.py, and a BARE function that only answers a 302 with
   a made-up click id (bench/bare_redirect_function.py). Each call is a new HTTP connection (a new visitor) with a
   different client address (each click a unique one), timed from connecting until the whole answer is read;
   the two alternate, ``--redirects`` timed calls each after 20 untimed ones, in two passes: back to back, then
   paced (a visitor to each every ``--pace-ms``, default 20 ms: 50 clicks a second). Medians and 95th percentiles;
   the ratio of the medians. Then every click of ours must be in Firestore (the click is written after the answer has
   left): the run waits for them and reports any missing. Writes and reads per click are counted at the client
   library (document gets, creates, sets, updates; query streams; get_all) over the same number of calls made
   in this process through the deployed entry point, each answer closed as a server closes it.
4. Wallet: ``--writers`` threads post purchase conversions for the same partner at once (each with its own click),
   first without the instance's queue (Firestore's transactions alone keep the wallet), then with it; each round's
   wall time, whether the wallet equals the sum of the commissions and its ledger has entries 1..N, and the 503s
   ("too many concurrent changes") a writer got and retried with the same event id, as a source does.
5. Prints a summary and, as the LAST line, one JSON object: ``redirect`` {back_to_back and paced: {median_ms,
   p95_ms, bare_median_ms, bare_p95_ms, ratio}, pace_ms, clicks, recorded, writes_per_click, reads_per_click},
   ``report`` {clicks, rollup_seconds, rollup_reads, reads, median_ms, baseline_reads, baseline_ms, figures},
   ``wallet`` [{writers, queued, seconds, exact, landed, retried_503}].

The emulator is not production Firestore: a write's latency there is a local gRPC call. The visitor waits for no
Firestore call in either case (ours looks the link up once a minute per instance), so the ratio is the cost of our
code over the bare function's; read counts are what production would bill.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask  # noqa: E402
from _harness import run_on_emulator, warn
from google.cloud import firestore  # noqa: E402
from google.cloud.firestore_v1 import DocumentReference, FieldFilter, Query, WriteBatch  # noqa: E402
from google.cloud.firestore_v1.client import Client  # noqa: E402
from google.cloud.firestore_v1.field_path import FieldPath  # noqa: E402

from crm.devstack.emulator import free_port  # noqa: E402
from crm.domain.partners.clicks import first_click_id, repeat_window, visitor_hash  # noqa: E402
from crm.domain.partners.conversions import ConversionEvent, month_of  # noqa: E402
from crm.domain.partners.links import PartnerLinkCreate  # noqa: E402
from crm.domain.partners.partners import PartnerCreate  # noqa: E402
from crm.domain.partners.plans import PlanCreate  # noqa: E402
from crm.domain.partners.programme import PartnerProgrammeUpdate  # noqa: E402
from crm.domain.partners.reports import ReportParams  # noqa: E402
from crm.errors import UnavailableError  # noqa: E402
from crm.identity import Caller, Role  # noqa: E402
from crm.services.partners import links, partners, reports, settings  # noqa: E402
from crm.services.partners.conversions import Locale, receive_conversion  # noqa: E402
from crm.settings import settings_from_env  # noqa: E402
from crm.store import read_meter  # noqa: E402
from crm.store.client import firestore_client  # noqa: E402
from crm.store.collections import CollectionNames  # noqa: E402
from crm.store.crm_transaction import crm_transactions  # noqa: E402
from crm.store.partners.readers import PartnerReaders  # noqa: E402
from crm.store.partners.rollup import roll_up_clicks  # noqa: E402

PROJECT_ID = "demo-crm"
HOST = "shop.example.com"
CALLER = Caller(uid="bench", role=Role.ADMIN, via="token")
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
WARM_UP = 20


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=100_000, help="clicks loaded for the report (default 100000)")
    parser.add_argument("--redirects", type=int, default=300, help="timed redirects of each kind (default 300)")
    parser.add_argument("--pace-ms", type=float, default=20.0,
                        help="the paced pass's time between visitors, per function (default 20: 50 a second)")
    parser.add_argument("--writers", type=int, default=20, help="concurrent conversions on one wallet (default 20)")
    parser.add_argument("--repeat", type=int, default=10, help="timed reads of the report (default 10)")
    args = parser.parse_args(argv)
    if min(args.clicks, args.redirects, args.writers, args.repeat) < 1:
        parser.error("every figure must be at least 1")
    return args


class FirestoreCalls:
    """Counts what the Firestore client library is asked for while ``counting`` is set."""

    WRITES = ("DocumentReference.create", "DocumentReference.set", "DocumentReference.update", "WriteBatch.commit")

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.counting = False
        for owner, name in ((DocumentReference, "get"), (DocumentReference, "create"), (DocumentReference, "set"),
                            (DocumentReference, "update"), (WriteBatch, "commit"), (Query, "stream"), (Query, "get"),
                            (Client, "get_all")):
            setattr(owner, name, self._counting(f"{owner.__name__}.{name}", getattr(owner, name)))

    def _counting(self, label: str, method: Any) -> Any:
        def counted(*args: Any, **kwargs: Any) -> Any:
            if self.counting:
                self.calls[label] += 1
            return method(*args, **kwargs)

        return counted

    def writes(self) -> int:
        return sum(self.calls[name] for name in self.WRITES)

    def reads(self) -> int:
        return sum(count for name, count in self.calls.items() if name not in self.WRITES)


def wsgi_client(handler: Any) -> Any:
    app = flask.Flask("bench")

    @app.route("/", defaults={"path": ""}, methods=["GET"])
    @app.route("/<path:path>", methods=["GET"])
    def serve(path: str) -> Any:
        return handler(flask.request)

    return app.test_client()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


@contextlib.contextmanager
def served(source: Path, target: str, env: dict[str, str]) -> Iterator[int]:
    """``functions-framework --source SOURCE --target TARGET`` on a free port, in a session of its own, stopped
    (its process group) when done."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("functions-framework")), "--source", str(source), "--target", target,
               "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, env={**os.environ, **env, "FUNCTION_TARGET": target}, cwd=source.parent,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{target} stopped: {server.stderr.read().decode() if server.stderr else ''}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{target} did not listen within 60 s") from None
                time.sleep(0.1)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def visit(port: int, code: str, address: str) -> tuple[float, int]:
    """One visitor: a new connection, the GET, the whole answer read. Milliseconds and the status."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", f"/r/{code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": address})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed, response.status


def address_of(n: int) -> str:
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def bench_redirect(args: argparse.Namespace, db: firestore.Client, names: CollectionNames, link_id: str, code: str,
                   calls: FirestoreCalls) -> dict[str, Any]:
    root = Path(__file__).resolve().parent.parent
    before = count_clicks(db, names, link_id)
    figures: dict[str, Any] = {}
    visits = 0
    with served(root / "functions" / "main.py", "redirect", {}) as ours, \
            served(root / "bench" / "bare_redirect_function.py", "bare", {}) as bare:
        for pace, name in ((0.0, "back_to_back"), (args.pace_ms / 1000, "paced")):
            timings: dict[str, list[float]] = {"ours": [], "bare": []}
            for n in range(WARM_UP + args.redirects):
                slot = time.perf_counter() + pace
                for label, port in (("ours", ours), ("bare", bare)) if n % 2 else (("bare", bare), ("ours", ours)):
                    elapsed, status = visit(port, code, address_of(visits))
                    visits += label == "ours"
                    if status != 302:
                        warn(f"{label} answered {status}")
                    if n >= WARM_UP:
                        timings[label].append(elapsed)
                time.sleep(max(0.0, slot - time.perf_counter()))
            median, bare_median = statistics.median(timings["ours"]), statistics.median(timings["bare"])
            figures[name] = {"median_ms": round(median, 3), "p95_ms": round(percentile(timings["ours"], 0.95), 3),
                             "bare_median_ms": round(bare_median, 3),
                             "bare_p95_ms": round(percentile(timings["bare"], 0.95), 3),
                             "ratio": round(median / bare_median, 2)}
        recorded = wait_for_clicks(db, names, link_id, before + visits) - before
    if recorded != visits:
        warn(f"{visits - recorded} of {visits} clicks were not recorded")

    from crm.http import handle_redirect

    counted = wsgi_client(handle_redirect)
    counted.get(f"/r/{code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": "10.255.0.0"}, buffered=True)
    calls.counting = True  # the instance knows the link and the settings now, as a warm one does
    for n in range(args.redirects):
        counted.get(f"/r/{code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": address_of(1_000_000 + n)},
                    buffered=True)  # buffered: closed, as a server closes it, so the click is written
    calls.counting = False
    return {**figures, "pace_ms": args.pace_ms, "clicks": visits, "recorded": recorded,
            "writes_per_click": calls.writes() / args.redirects, "reads_per_click": calls.reads() / args.redirects}


def count_clicks(db: firestore.Client, names: CollectionNames, link_id: str) -> int:
    query = db.collection(names.partner_programme.clicks).where(filter=FieldFilter("link_id", "==", link_id))
    return int(query.count().get()[0][0].value)


def wait_for_clicks(db: firestore.Client, names: CollectionNames, link_id: str, expected: int,
                    seconds: float = 60) -> int:
    """The link's click documents, counted until there are ``expected`` of them or ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    while True:
        count = count_clicks(db, names, link_id)
        if count >= expected or time.monotonic() > deadline:
            return count
        time.sleep(0.1)


def load_clicks(db: firestore.Client, names: CollectionNames, link_ids: list[str], partner_id: str,
                count: int) -> None:
    """Click documents as the redirect writes them, spread over this month until a minute ago: 80% unique, 15%
    repeats, 5% bots."""
    clicks = db.collection(names.partner_programme.clicks)
    now = datetime.now(UTC) - timedelta(minutes=1)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    span = (now - start).total_seconds()
    salt = b"bench-salt".ljust(32, b"-")
    writer = db.bulk_writer()
    for n in range(count):
        at = start + timedelta(seconds=span * n / count)
        kind = "bot" if n % 20 == 0 else "repeat" if n % 20 < 4 else "unique"
        visitor = visitor_hash(salt, f"10.{n % 250}.{n // 250 % 250}.{n // 62500}")
        link_id = link_ids[n % len(link_ids)]
        click_id = first_click_id(salt, link_id, visitor, repeat_window(at.timestamp()) + n)
        writer.create(clicks.document(click_id), {
            "link_id": link_id, "partner_id": partner_id, "kind": kind, "agent": "bot" if kind == "bot" else "desktop",
            "visitor": visitor, "window": repeat_window(at.timestamp()), "referrer_host": "blog.example.org",
            "country": "GR", "at": at})
    writer.close()


def bench_report(args: argparse.Namespace, db: firestore.Client, names: CollectionNames, found: PartnerReaders,
                 partner_id: str, link_ids: list[str]) -> dict[str, Any]:
    print(f"Loading {args.clicks} clicks ...", flush=True)
    started = time.perf_counter()
    load_clicks(db, names, link_ids, partner_id, args.clicks)
    print(f"  {time.perf_counter() - started:.1f} s; rolling them up ...", flush=True)
    started, added, rollup_reads = time.perf_counter(), 0, 0
    while True:
        rolled = roll_up_clicks(db, names, lag=timedelta(0), page_size=500, max_pages=1000)
        added += rolled.clicks
        rollup_reads += rolled.clicks + rolled.pages  # each page's clicks, and its checkpoint
        if rolled.clicks == 0 or added >= args.clicks:
            break
    rollup_seconds = time.perf_counter() - started
    if added != args.clicks:
        warn(f"the roll-up added {added} clicks of {args.clicks}")

    month = month_of(datetime.now(UTC))
    params = ReportParams.model_validate({"to": month})
    timings, report = [], None
    for _ in range(args.repeat + 1):
        with read_meter.metered() as metered:
            started = time.perf_counter()
            report = reports.partner_report(found.totals, found.partners, found.links, partner_id, params, CALLER)
            timings.append((time.perf_counter() - started) * 1000)
    assert report is not None
    started = time.perf_counter()
    counted: Counter[str] = Counter()
    query = db.collection(names.partner_programme.clicks).where(
        filter=FieldFilter("partner_id", "==", partner_id)).order_by(FieldPath.document_id()).limit(5000)
    last = None
    while True:
        chunk = list((query.start_after(last) if last is not None else query).stream())
        for snapshot in chunk:
            counted[snapshot.get("kind")] += 1
        if len(chunk) < 5000:
            break
        last = chunk[-1]
    baseline_ms = (time.perf_counter() - started) * 1000
    total = report.total
    baseline = {"clicks": counted["unique"] + counted["repeat"], "unique_clicks": counted["unique"],
                "bot_clicks": counted["bot"]}
    ours = {"clicks": total.clicks, "unique_clicks": total.unique_clicks, "bot_clicks": total.bot_clicks}
    if ours != baseline:
        warn(f"report {ours} differs from the clicks counted one by one {baseline}")
    return {"clicks": args.clicks, "rollup_seconds": round(rollup_seconds, 1), "rollup_reads": rollup_reads,
            "reads": metered.reads, "median_ms": round(statistics.median(timings[1:]), 1),
            "baseline_reads": sum(counted.values()), "baseline_ms": round(baseline_ms, 1), "figures": ours}


def bench_wallet(args: argparse.Namespace, transactions: Any, found: PartnerReaders, tracking_code: str,
                 partner_id: str, queued: bool, round_no: int) -> dict[str, Any]:
    from crm.http.partners.redirect import redirect_response

    settings_ = settings_from_env()
    app = flask.Flask("clicks")
    click_ids = []
    for n in range(args.writers):
        with app.test_request_context(f"/r/{tracking_code}", headers={
                "User-Agent": BROWSER, "X-Forwarded-For": f"172.16.{round_no}.{n}"}):
            response = redirect_response(flask.request, settings_)
            response.close()  # as a server does once the answer is sent: the click is written
            location = response.headers["Location"]
            click_ids.append(parse_qs(urlsplit(location).query)["click_id"][0])
    before = {w.currency: w for w in found.wallets.wallets(partner_id)}.get("USD")
    amounts = [Decimal(f"{50 + n}.{(7 * n) % 100:02d}") for n in range(args.writers)]
    barrier = threading.Barrier(args.writers)

    refusals = Counter[str]()

    def convert(n: int) -> str | None:
        event = ConversionEvent(event_id=f"r{round_no}-{n}", type="purchase", click_id=click_ids[n],
                                amount=amounts[n], currency="USD", email=f"buyer{round_no}-{n}@example.com")
        barrier.wait()
        for attempt in range(8):  # a 503 is retried by the sender with the same event id, as sources do
            try:
                return receive_conversion(transactions, "bench", event, Locale("GR", "el"),
                                          partner_id if queued else None).conversion.commission_id
            except UnavailableError:
                refusals["busy"] += 1
                time.sleep(min(5.0, 0.1 * 2 ** attempt))
        return None

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.writers) as pool:
        commission_ids = list(pool.map(convert, range(args.writers)))
    seconds = time.perf_counter() - started
    wallet = {w.currency: w for w in found.wallets.wallets(partner_id)}["USD"]
    earned = sum(int((a * 100 * Decimal("0.10")).quantize(Decimal(1), rounding=ROUND_HALF_UP)) for a in amounts)
    pending_before = before.cents["pending"] if before else 0
    entries_before = before.entries if before else 0
    ledger = found.wallets.ledger(partner_id, "USD", 100, None).results
    exact = (all(commission_ids) and wallet.cents["pending"] - pending_before == earned
             and wallet.entries - entries_before == args.writers
             and sorted(e.seq for e in ledger if e.seq > entries_before) == list(
                 range(entries_before + 1, entries_before + args.writers + 1)))
    if not exact:
        warn(f"wallet not exact after {args.writers} writers (queued={queued}): {wallet.cents} {wallet.entries}")
    return {"writers": args.writers, "queued": queued, "seconds": round(seconds, 2), "exact": bool(exact),
            "landed": sum(1 for c in commission_ids if c), "retried_503": refusals["busy"]}


def run(args: argparse.Namespace, emulator_address: str) -> dict[str, Any]:
    prefix = f"bench{uuid.uuid4().hex[:8]}_"
    os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": emulator_address,
                       "GOOGLE_CLOUD_PROJECT": PROJECT_ID, "CRM_COLLECTION_PREFIX": prefix})
    os.environ.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
    config = settings_from_env()
    db, names = firestore_client(config), CollectionNames(prefix)
    transactions = crm_transactions(db, names, "EUR")
    settings.update_programme(transactions, PartnerProgrammeUpdate(allowed_hosts=[HOST]), CALLER)
    plan = settings.create_plan(transactions, PlanCreate.model_validate({
        "name": "Ten percent", "signup_amounts": {"EUR": "5.00"}, "purchase_percent": "10",
        "purchase_scope": "recurring", "recurring_months": 12}), CALLER)
    partner = partners.create_partner(transactions, PartnerCreate(name="Bench partner", plan_id=plan.id), CALLER,
                                      "EUR")
    made = [links.create_link(transactions, PartnerLinkCreate.model_validate({
        "partner_id": partner.id, "destination": f"https://{HOST}/landing?lang=en", "utm_source": "partner"}),
        CALLER) for _ in range(2)]
    found = PartnerReaders(db, names)
    calls = FirestoreCalls()

    # the report first: its clicks carry past times, and the roll-up takes clicks in the order of their times
    report = bench_report(args, db, names, found, partner.id, [link.id for link in made])
    print(f"Report over {report['clicks']} clicks: {report['reads']} reads, {report['median_ms']} ms; counting the "
          f"clicks instead: {report['baseline_reads']} reads, {report['baseline_ms']} ms; roll-up of the clicks "
          f"{report['rollup_seconds']} s, {report['rollup_reads']} reads once", flush=True)

    print(f"Redirect: {args.redirects} timed calls each ...", flush=True)
    redirect = bench_redirect(args, db, names, made[0].id, made[0].code, calls)
    for name in ("back_to_back", "paced"):
        row = redirect[name]
        print(f"  {name}: ours median {row['median_ms']} ms (p95 {row['p95_ms']}), bare {row['bare_median_ms']} ms "
              f"(p95 {row['bare_p95_ms']}): {row['ratio']}x", flush=True)
    print(f"  {redirect['recorded']} of {redirect['clicks']} clicks recorded; {redirect['writes_per_click']} writes "
          f"and {redirect['reads_per_click']} reads a click", flush=True)

    wallet = [bench_wallet(args, transactions, found, made[1].code, partner.id, queued, n)
              for n, queued in enumerate((False, True))]
    for row in wallet:
        print(f"Wallet: {row['writers']} concurrent conversions (queued={row['queued']}): {row['seconds']} s, "
              f"exact={row['exact']}, {row['landed']} landed, 503s retried {row['retried_503']}", flush=True)
    return {"redirect": redirect, "report": report, "wallet": wallet}


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
