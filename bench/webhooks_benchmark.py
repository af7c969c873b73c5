"""Benchmark: webhook delivery on a private Firestore emulator, to a real HTTP receiver on a local port.

Run from the repository root with the project's venv::

    .venv/bin/python bench/webhooks_benchmark.py                       # 50 latency samples, 20 records down an hour
    .venv/bin/python bench/webhooks_benchmark.py --latency-events 10 --records 5   # quick run

What it does:

1. LATENCY. Subscribes one endpoint to every event and runs the delivery loop of ``crm webhooks deliver --watch``
   (``crm.outbound.webhooks.watch``: a Firestore listener on the outbox hands each new event to the deliverer, as
   the outbox trigger does when deployed) in a thread, with the real clock. Creates ``--latency-events`` customers
   one after another through the service (the API's write path: the customer, its claims, audit entry and outbox
   event in one transaction) and measures, per customer, the time from the commit's return to the receiver
   getting the signed request. Reports median, 95th percentile and maximum.
2. RECEIVER DOWN FOR AN HOUR, simulated by a clock that moves when told (no sleeping). The receiver answers 503.
   ``--records`` customers are created, and every 5 simulated minutes for an hour each is changed again; after
   every change the deliverer runs (``drain``), and every simulated minute the scheduled sweep runs. Then the
   receiver comes back, and the sweep runs at each due retry until nothing is pending. Checks, against the outbox
   itself, that every event written reached the receiver (``lost`` must be 0), each record's events in the order
   they were written (``out_of_order`` must be 0), with a valid signature, and that the endpoint stayed enabled.
   Reports the attempts made, how long after recovery (simulated) the backlog was delivered, and the wall time.
3. Prints both, and as the LAST line one JSON object: ``latency_ms`` {median, p95, max, samples},
   ``outage`` {events, delivered, lost, out_of_order, bad_signatures, attempts, retry_attempts_while_down,
   caught_up_after_seconds, sweeps, endpoint_enabled, wall_seconds}.

Latency is measured on the local emulator and a 2-core machine that others share; it is noisy, and production adds
the trigger's start-up and the network. Counts are exact.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import run_on_emulator, warn  # noqa: E402
from crm.domain.common import utc_now  # noqa: E402
from crm.domain.customers import CustomerCreate, CustomerUpdate  # noqa: E402
from crm.domain.webhooks.deliveries import DeliveryListParams, DeliveryState  # noqa: E402
from crm.domain.webhooks.endpoints import WebhookEndpointCreate  # noqa: E402
from crm.identity import Caller, Role  # noqa: E402
from crm.outbound.webhook_sender import HttpWebhookSender  # noqa: E402
from crm.outbound.webhooks import WebhookDependencies, watch  # noqa: E402
from crm.services import customers  # noqa: E402
from crm.services.webhooks import endpoints as endpoint_service  # noqa: E402
from crm.services.webhooks.delivery import Deliverer  # noqa: E402
from crm.settings import settings_from_env  # noqa: E402
from crm.store.client import firestore_client  # noqa: E402
from crm.store.collections import CollectionNames  # noqa: E402
from crm.store.crm_transaction import crm_transactions  # noqa: E402
from tests.utils.webhook_receiver import FakeClock, Received, WebhookReceiver  # noqa: E402

PROJECT_ID = "demo-crm-bench"
CALLER = Caller(uid="bench", role=Role.ADMIN, via="token")
SIGNATURE = "X-CRM-Signature"


def signed(secret: str, request: Received) -> bool:
    """What the README tells a receiver to check (the timestamp's freshness aside: the outage's clock is simulated)."""
    items = [part.split("=", 1) for part in request.headers[SIGNATURE].split(",")]
    timestamp = next(value for key, value in items if key == "t")
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, value) for key, value in items if key == "v1")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_latency(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    db = firestore_client(settings)
    names = CollectionNames(f"bench{uuid.uuid4().hex[:8]}_")
    transactions = crm_transactions(db, names, "EUR")
    hooks = WebhookDependencies(settings, db, names)
    arrived = threading.Condition()
    with WebhookReceiver() as receiver:
        def answer(request: Received) -> int:
            with arrived:
                arrived.notify_all()
            return 200

        receiver.answer = answer
        endpoint = endpoint_service.create_endpoint(
            transactions, hooks.endpoints, WebhookEndpointCreate(url=receiver.url, events=["customer.created"]),
            CALLER, allow_private=True)
        stop = threading.Event()
        loop = threading.Thread(target=watch, args=(hooks, stop), daemon=True)
        loop.start()
        latencies: list[float] = []
        bad = 0
        try:
            for n in range(args.latency_events + 1):  # the first warms the listener and the connection up
                customer = customers.create_customer(
                    transactions, CustomerCreate(name=f"Latency {n}"), CALLER, default_language="en")
                committed = time.monotonic()
                with arrived:
                    found = arrived.wait_for(lambda record_id=customer.id: _received(receiver, record_id), timeout=30)
                if not found:
                    warn(f"customer {n}: no delivery within 30 s")
                    continue
                if not signed(endpoint.secret, found):
                    bad += 1
                if n:
                    latencies.append((found.at - committed) * 1000)
                print(f"\r  latency sample {n}/{args.latency_events}", end="", flush=True)
        finally:
            stop.set()
            loop.join(timeout=10)
    print(flush=True)
    if bad:
        warn(f"{bad} latency deliveries carried a bad signature")
    return {"median": round(statistics.median(latencies), 1), "p95": round(percentile(latencies, 0.95), 1),
            "max": round(max(latencies), 1), "min": round(min(latencies), 1), "samples": len(latencies),
            "bad_signatures": bad}


def _received(receiver: WebhookReceiver, record_id: str) -> Received | None:
    return next((r for r in list(receiver.requests) if r.json["subject"]["id"] == record_id), None)


def simulate_outage(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    db = firestore_client(settings)
    names = CollectionNames(f"bench{uuid.uuid4().hex[:8]}_")
    transactions = crm_transactions(db, names, "EUR")
    hooks = WebhookDependencies(settings, db, names)
    clock = FakeClock(utc_now())
    deliverer = Deliverer(hooks.queue, hooks.endpoints, hooks.endpoints, HttpWebhookSender(allow_private=True),
                          clock=clock, workers=4)
    started = time.monotonic()
    down = {"now": True}
    with WebhookReceiver(lambda request: 503 if down["now"] else 200) as receiver:
        endpoint = endpoint_service.create_endpoint(
            transactions, hooks.endpoints,
            WebhookEndpointCreate(url=receiver.url, events=["customer.created", "customer.updated"]),
            CALLER, allow_private=True)
        records = [customers.create_customer(transactions, CustomerCreate(name=f"Outage {n}"), CALLER,
                                             default_language="en") for n in range(args.records)]
        deliverer.drain()
        sweeps = 0
        for minute in range(1, args.down_minutes + 1):
            clock.advance(minutes=1)
            if minute % 5 == 0:
                for record in records:
                    customers.update_customer(transactions, record.id,
                                              CustomerUpdate(name=f"{record.name} at minute {minute}"), CALLER)
                deliverer.drain()
            deliverer.sweep()
            sweeps += 1
            print(f"\r  receiver down, minute {minute}/{args.down_minutes}", end="", flush=True)
        attempts_while_down = len(receiver.requests)
        recovered_at = clock.now
        down["now"] = False
        print(flush=True)
        for _ in range(500):
            pending = _pending(hooks, endpoint.id)
            if not pending:
                break
            due = [d.next_attempt_at for d in pending if d.next_attempt_at]
            if due:  # the heads of the records' queues; the deliveries behind them wait without a time
                clock.now = max(clock.now, min(due))
            deliverer.sweep()
            sweeps += 1
        caught_up = clock.now - recovered_at
        written = sorted((s.to_dict() | {"id": s.id} for s in db.collection(names.webhook_events).stream()),
                         key=lambda e: (e["occurred_at"], e["seq"]))
        accepted = receiver.requests[attempts_while_down:]
        delivered_ids = {r.json["id"] for r in accepted}
        lost = [e["id"] for e in written if e["id"] not in delivered_ids]
        out_of_order = 0
        for record in records:
            expected = [e["id"] for e in written if e["record_id"] == record.id]
            got = list(dict.fromkeys(r.json["id"] for r in accepted if r.json["subject"]["id"] == record.id))
            out_of_order += expected != got
        bad = sum(not signed(endpoint.secret, r) for r in accepted)
        enabled = hooks.endpoints.get(endpoint.id).enabled
    if lost:
        warn(f"{len(lost)} events never reached the receiver")
    if out_of_order:
        warn(f"{out_of_order} records got their events out of order")
    return {"records": args.records, "down_minutes": args.down_minutes, "events": len(written),
            "delivered": len(written) - len(lost), "lost": len(lost), "out_of_order": out_of_order,
            "bad_signatures": bad, "attempts": len(receiver.requests),
            "retry_attempts_while_down": attempts_while_down,
            "caught_up_after_seconds": round(caught_up.total_seconds(), 1), "sweeps": sweeps,
            "endpoint_enabled": enabled, "wall_seconds": round(time.monotonic() - started, 1)}


def _pending(hooks: WebhookDependencies, endpoint_id: str) -> list[Any]:
    found: list[Any] = []
    cursor = None
    while True:
        page = hooks.log.list(endpoint_id, DeliveryListParams(state=DeliveryState.PENDING, page_size=100,
                                                              cursor=cursor))
        found += page.results
        cursor = page.next_cursor
        if not cursor:
            return found


def run(args: argparse.Namespace, emulator_address: str) -> dict[str, Any]:
    os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": emulator_address,
                       "GOOGLE_CLOUD_PROJECT": PROJECT_ID})
    os.environ.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
    settings = settings_from_env()
    print(f"Latency: {args.latency_events} customers created one after another, each awaited at the receiver ...",
          flush=True)
    latency = measure_latency(args, settings)
    print(f"  commit -> receiver: median {latency['median']} ms, p95 {latency['p95']} ms, max {latency['max']} ms "
          f"({latency['samples']} samples)", flush=True)
    print(f"Receiver down for {args.down_minutes} simulated minutes, {args.records} records changing every 5 ...",
          flush=True)
    outage = simulate_outage(args, settings)
    print(f"  {outage['events']} events written, {outage['delivered']} delivered, {outage['lost']} lost, "
          f"{outage['out_of_order']} records out of order, {outage['attempts']} attempts "
          f"({outage['retry_attempts_while_down']} while down), backlog delivered "
          f"{outage['caught_up_after_seconds']} s (simulated) after recovery; {outage['wall_seconds']} s wall",
          flush=True)
    return {"latency_ms": latency, "outage": outage}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-events", type=int, default=50)
    parser.add_argument("--records", type=int, default=20)
    parser.add_argument("--down-minutes", type=int, default=60)
    return run_on_emulator(run, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
