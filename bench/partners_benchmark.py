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
3. Redirect: the deployed entry point (``crm.http.handle_request``, which answers ``/r/{code}`` before building the
   app) and a BARE function that only answers a 302 to the same destination with a made-up click id, each behind
   the same minimal Flask app, called through its WSGI test client with a different client address each time (each
   click a unique one), alternating the two, ``--redirects`` timed calls each after 20 untimed ones. Medians and
   95th percentiles; the ratio of the medians. Firestore calls made during our timed calls are counted at the client
   library (document gets, creates, sets, updates; query streams; get_all): writes and reads per click.
4. Wallet: ``--writers`` threads post purchase conversions for the same partner at once (each with its own click),
   first without the instance's queue (Firestore's transactions alone keep the wallet), then with it; each round's
   wall time and whether the wallet equals the sum of the commissions and its ledger has entries 1..N.
5. Prints a summary and, as the LAST line, one JSON object: ``redirect`` {median_ms, p95_ms, bare_median_ms,
   bare_p95_ms, ratio, writes_per_click, reads_per_click}, ``report`` {clicks, rollup_seconds, rollup_reads,
   reads, median_ms, baseline_reads, baseline_ms, figures}, ``wallet`` [{writers, queued, seconds, exact}].

The emulator is not production Firestore: a write's latency there is a local gRPC call, so the redirect's ratio here
is the cost of that one write over an in-process redirect; read counts are what production would bill.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
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
from google.cloud.firestore_v1 import DocumentReference, FieldFilter, Query  # noqa: E402
from google.cloud.firestore_v1.client import Client  # noqa: E402
from google.cloud.firestore_v1.field_path import FieldPath  # noqa: E402

from crm.domain.partners.clicks import first_click_id, repeat_window, visitor_hash  # noqa: E402
from crm.domain.partners.conversions import ConversionEvent, month_of  # noqa: E402
from crm.domain.partners.links import PartnerLinkCreate  # noqa: E402
from crm.domain.partners.partners import PartnerCreate  # noqa: E402
from crm.domain.partners.plans import PlanCreate  # noqa: E402
from crm.domain.partners.programme import PartnerProgrammeUpdate  # noqa: E402
from crm.domain.partners.reports import ReportParams  # noqa: E402
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
    parser.add_argument("--writers", type=int, default=20, help="concurrent conversions on one wallet (default 20)")
    parser.add_argument("--repeat", type=int, default=10, help="timed reads of the report (default 10)")
    args = parser.parse_args(argv)
    if min(args.clicks, args.redirects, args.writers, args.repeat) < 1:
        parser.error("every figure must be at least 1")
    return args


class FirestoreCalls:
    """Counts what the Firestore client library is asked for while ``counting`` is set."""

    WRITES = ("DocumentReference.create", "DocumentReference.set", "DocumentReference.update")

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.counting = False
        for owner, name in ((DocumentReference, "get"), (DocumentReference, "create"), (DocumentReference, "set"),
                            (DocumentReference, "update"), (Query, "stream"), (Query, "get"), (Client, "get_all")):
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


def bare_redirect(request: flask.Request) -> flask.Response:
    """The bare function: a 302 to the destination with a click id, nothing recorded."""
    return flask.Response(status=302, headers={"Location": f"https://{HOST}/landing?click_id={uuid.uuid4().hex}",
                                               "Cache-Control": "no-store"})


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def bench_redirect(args: argparse.Namespace, code: str, calls: FirestoreCalls) -> dict[str, Any]:
    from crm.http import handle_request

    ours, bare = wsgi_client(handle_request), wsgi_client(bare_redirect)
    timings: dict[str, list[float]] = {"ours": [], "bare": []}
    for n in range(WARM_UP + args.redirects):
        headers = {"User-Agent": BROWSER, "X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
        for label, client in (("ours", ours), ("bare", bare)) if n % 2 else (("bare", bare), ("ours", ours)):
            calls.counting = label == "ours" and n >= WARM_UP
            started = time.perf_counter()
            response = client.get(f"/r/{code}", headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            calls.counting = False
            if response.status_code != 302:
                warn(f"{label} answered {response.status_code}")
            if n >= WARM_UP:
                timings[label].append(elapsed)
    median, bare_median = statistics.median(timings["ours"]), statistics.median(timings["bare"])
    return {"median_ms": round(median, 3), "p95_ms": round(percentile(timings["ours"], 0.95), 3),
            "bare_median_ms": round(bare_median, 3), "bare_p95_ms": round(percentile(timings["bare"], 0.95), 3),
            "ratio": round(median / bare_median, 1), "writes_per_click": calls.writes() / args.redirects,
            "reads_per_click": calls.reads() / args.redirects, "calls": dict(calls.calls)}


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
            location = redirect_response(flask.request, settings_).headers["Location"]
            click_ids.append(parse_qs(urlsplit(location).query)["click_id"][0])
    before = {w.currency: w for w in found.wallets.wallets(partner_id)}.get("USD")
    amounts = [Decimal(f"{50 + n}.{(7 * n) % 100:02d}") for n in range(args.writers)]
    barrier = threading.Barrier(args.writers)

    def convert(n: int) -> str | None:
        event = ConversionEvent(event_id=f"r{round_no}-{n}", type="purchase", click_id=click_ids[n],
                                amount=amounts[n], currency="USD", email=f"buyer{round_no}-{n}@example.com")
        barrier.wait()
        return receive_conversion(transactions, "bench", event, Locale("GR", "el"),
                                  partner_id if queued else None).conversion.commission_id

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
    return {"writers": args.writers, "queued": queued, "seconds": round(seconds, 2), "exact": bool(exact)}


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
    redirect = bench_redirect(args, made[0].code, calls)
    print(f"  ours median {redirect['median_ms']} ms (p95 {redirect['p95_ms']}), bare {redirect['bare_median_ms']} "
          f"ms (p95 {redirect['bare_p95_ms']}): {redirect['ratio']}x; {redirect['writes_per_click']} writes and "
          f"{redirect['reads_per_click']} reads a click", flush=True)

    wallet = [bench_wallet(args, transactions, found, made[1].code, partner.id, queued, n)
              for n, queued in enumerate((False, True))]
    for row in wallet:
        print(f"Wallet: {row['writers']} concurrent conversions (queued={row['queued']}): {row['seconds']} s, "
              f"exact={row['exact']}", flush=True)
    return {"redirect": {k: v for k, v in redirect.items() if k != "calls"}, "report": report, "wallet": wallet}


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
