"""Benchmark: contact person search, an account page's figures and a merge of a customer with many deals, on a
private Firestore emulator.

Run from the repository root with the project's venv::

    .venv/bin/python bench/people_accounts_benchmark.py                     # 10,000 customers, 30,000 people
    .venv/bin/python bench/people_accounts_benchmark.py --customers 500 --people 1500 --account-deals 100 \\
        --merge-deals 60                                                    # quick run

What it does:

1. Starts its own Cloud Firestore emulator and stops it at the end (also on error, Ctrl-C or SIGTERM).
2. People search: loads ``--customers`` demo customers and ``--people`` contact persons at their companies (bulk
   writes of the store's own documents, search maps and email claims included, as the demo data does), then runs
   a labelled query set through the people list use case, each inside ``crm.store.read_meter.metered()``: a broad
   first name, a full name, a name with its customer's name, a surname with one typo, a Greek name typed in Latin, a
   phone's inner digits, an email's domain. Each query is labelled with the person it was made from (where there is
   one); it reports the reads of the first page of 25, whether the labelled person is on it, and whether the result
   names the person's customer. The same page's reads are independent of the number of people (the goal: at most
   60 for 25 results).
3. Account page: one organization with ``--account-deals`` deals (bulk-loaded, with the running figures the write
   path keeps, as a migration would), 5 people and 2 sub-accounts. Measures the reads of the figures endpoint's use
   case and of the page's API calls (the customer, its figures, its people, its sub-accounts) and compares the
   figures with a baseline that streams every deal of the customer and adds up in Python.
4. Merge: a survivor and a customer with ``--merge-deals`` deals (a third of them won, crediting its lifetime
   value), 20 people, 10 delivered orders, 20 activities and 2 sub-accounts, merged by the merge use case. Twice:
   once straight through (time, transactions, document writes, reads), and once on a twin pair stopped at a random
   transaction (``--seed``) as if the process died there, checked (every record with one of the two customers, the
   two lifetime values adding up to what they did), and then run again, which must complete it with every record
   accounted for and the running figures equal to a rebuild from the records.
5. Prints a summary and, as the LAST line of output, one JSON object:

   - ``people_search``: {customers, people, queries: [{kind, query, reads, results, labelled_rank, names_customer}],
     max_reads}.
   - ``account_page``: {deals, figures_reads, page_reads, baseline_reads, figures_agree}.
   - ``merge``: {deals, people, orders, activities, sub_accounts, seconds, transactions, writes, reads,
     interrupted_after, resumed_seconds, resumed_writes, nothing_lost, totals_agree}.
   - ``warnings``: number of WARNING lines; 0 is correct.

Latencies are on the local emulator (noisy, and slower than production); reads are what the billing model in
``crm.store.read_meter`` says production would charge; writes are the documents each committed transaction wrote
(records, audit entries, claims, running totals, the merge record and its locks).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _harness import run_on_emulator, warn, warnings
from google.cloud import firestore  # noqa: E402
from google.cloud.firestore_v1 import FieldFilter  # noqa: E402

from crm.devstack.demo_accounts import demo_people  # noqa: E402
from crm.devstack.demo_data import demo_customers  # noqa: E402
from crm.domain.accounts.figures import add_up, figures_of  # noqa: E402
from crm.domain.accounts.merge import MergeRequest, MergeState  # noqa: E402
from crm.domain.activities import Activity, ActivityType  # noqa: E402
from crm.domain.common import from_cents, to_cents  # noqa: E402
from crm.domain.customers import Customer, CustomerCreate, new_customer  # noqa: E402
from crm.domain.deals import Deal, DealStatus, StageChange  # noqa: E402
from crm.domain.orders import Order, OrderStatus  # noqa: E402
from crm.domain.people.persons import Person  # noqa: E402
from crm.domain.people.queries import PersonListParams  # noqa: E402
from crm.domain.search_tokens import fold  # noqa: E402
from crm.identity import Caller, Role  # noqa: E402
from crm.services.accounts.figures import customer_figures, list_sub_accounts  # noqa: E402
from crm.services.accounts.merge import merge_customers  # noqa: E402
from crm.services.customers import get_customer  # noqa: E402
from crm.services.people import people as people_service  # noqa: E402
from crm.settings import settings_from_env  # noqa: E402
from crm.store.accounts.reader import FirestoreAccountReader  # noqa: E402
from crm.store.accounts.totals import FirestoreAccountTotals  # noqa: E402
from crm.store.activities import activity_to_document  # noqa: E402
from crm.store.client import firestore_client  # noqa: E402
from crm.store.collections import CollectionNames  # noqa: E402
from crm.store.crm_transaction import crm_transactions  # noqa: E402
from crm.store.customers import FirestoreCustomerReader, import_customers  # noqa: E402
from crm.store.deals import deal_from_snapshot, deal_to_document  # noqa: E402
from crm.store.orders import order_to_document  # noqa: E402
from crm.store.people.people import FirestorePeopleReader, import_people  # noqa: E402
from crm.store.read_meter import metered  # noqa: E402
from tests.utils.people_steps import Interrupted, InterruptingTransactions  # noqa: E402

PROJECT_ID = "demo-crm-bench"
BASE = "EUR"
BATCH = 200
CALLER = Caller(uid="bench-manager", role=Role.MANAGER, via="token")
STAGES = [("lead", DealStatus.OPEN, 10), ("qualified", DealStatus.OPEN, 25), ("proposal", DealStatus.OPEN, 50),
          ("negotiation", DealStatus.OPEN, 75), ("closed_won", DealStatus.WON, 100),
          ("closed_lost", DealStatus.LOST, 0)]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--account-deals", type=int, default=1_000)
    parser.add_argument("--merge-deals", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


# ---------------------------------------------------------------- writes, counted


class WriteMeter:
    """Counts the document writes of every committed transaction (records, audit entries, claims, totals)."""

    def __init__(self) -> None:
        self.writes = 0
        self.transactions = 0
        original = firestore.Transaction._commit

        def counting(transaction: firestore.Transaction) -> list:
            staged = len(transaction._write_pbs)
            result = original(transaction)
            self.writes += staged
            self.transactions += 1
            return result

        firestore.Transaction._commit = counting  # type: ignore[method-assign]

    def snapshot(self) -> tuple[int, int]:
        return self.writes, self.transactions


# ---------------------------------------------------------------- 1. people search


def people_search(db: Any, names: CollectionNames, args: argparse.Namespace) -> dict[str, Any]:
    customer_ids = FirestoreCustomerReader(db, names)
    customers = list(demo_customers(args.customers, new_id=customer_ids.new_id))
    print(f"Loading {len(customers)} demo customers ...", flush=True)
    start = time.perf_counter()
    import_customers(db, names, customers)
    people_ids = db.collection(names.people)
    people = list(demo_people(customers, args.people, new_id=lambda: people_ids.document().id))
    print(f"Loading {len(people)} contact persons ...", flush=True)
    import_people(db, names, people)
    print(f"Loaded in {time.perf_counter() - start:.0f} s", flush=True)
    reader = FirestorePeopleReader(db, names)
    rng = random.Random(args.seed)
    queries = people_queries(rng, people)
    rows = []
    for kind, query, labelled in queries:
        with metered() as reads:
            page = people_service.list_people(reader, PersonListParams(search=query, page_size=25), CALLER)
        rank = next((i + 1 for i, p in enumerate(page.results) if labelled and p.id == labelled.id), None)
        names_customer = all(p.customer_id and p.customer_name for p in page.results)
        rows.append({"kind": kind, "query": query, "reads": reads.reads, "results": page.total,
                     "labelled_rank": rank, "names_customer": names_customer})
        if labelled is not None and rank is None:
            warn(f"{kind} {query!r}: the labelled person {labelled.name} is not on the first page")
        if reads.reads > 60:
            warn(f"{kind} {query!r}: {reads.reads} reads for a page of 25 (goal: at most 60)")
        print(f"    {kind:<14} {query!r:<40} reads={reads.reads:<3} total={page.total:<6} rank={rank}", flush=True)
    return {"customers": len(customers), "people": len(people), "queries": rows,
            "max_reads": max(r["reads"] for r in rows)}


def people_queries(rng: random.Random, people: list[Person]) -> list[tuple[str, str, Person | None]]:
    greek = [p for p in people if p.first_name and not p.first_name.isascii()]
    latin = [p for p in people if p.last_name and p.last_name.isascii() and len(p.last_name) >= 7
             and " " not in p.last_name]  # one word, so that the swap is one typo in one term
    found = []
    person = rng.choice(people)
    found.append(("full name", f"{person.first_name} {person.last_name}", person))
    person = rng.choice([p for p in people if p.customer_name])
    found.append(("with customer", f"{person.first_name} {person.customer_name.split()[0]}", person))
    person = rng.choice(latin)
    surname = fold(person.last_name or "")
    typo = surname[:3] + surname[4] + surname[3] + surname[5:]  # two letters swapped
    found.append(("typo", f"{person.first_name} {typo}", person))
    person = rng.choice([p for p in greek if p.last_name])
    found.append(("transliterated", f"{_latin(person.first_name)} {_latin(person.last_name)}", person))
    person = rng.choice([p for p in people if p.phone])
    digits = "".join(ch for ch in person.phone or "" if ch.isdigit())
    found.append(("phone infix", digits[-7:], person))
    person = rng.choice([p for p in people if p.email])
    found.append(("email domain", (person.email or "").rpartition("@")[2], None))
    found.append(("broad", "maria", None))
    found.append(("broad", "nikos", None))
    return found


def _latin(name: str | None) -> str:
    from crm.devstack.demo_names import GREEK_TO_LATIN

    return GREEK_TO_LATIN.get(name or "", name or "")


# ---------------------------------------------------------------- deals, orders, activities, loaded in bulk


def make_deals(rng: random.Random, customer_id: str, count: int, prefix: str) -> list[Deal]:
    now = datetime.now(UTC).replace(microsecond=0)
    deals = []
    for n in range(count):
        stage, status, probability = rng.choice(STAGES)
        currency = rng.choice(["EUR", "EUR", "EUR", "USD"])
        value = from_cents(rng.randrange(10_000, 2_000_000))
        won = to_cents(value) if status is DealStatus.WON and currency == BASE else 0
        entered = now - timedelta(days=rng.randrange(1, 300))
        deals.append(Deal(
            id=f"{prefix}{n:05d}", customer_id=customer_id, title=f"Deal {n}", value=value, currency=currency,
            pipeline_id="sales", stage=stage, probability=probability, status=status, owner_id="rep-maria",
            closed_at=entered if status is not DealStatus.OPEN else None, stage_entered_at=entered,
            lost_reason="budget" if status is DealStatus.LOST else None,
            stage_history=[StageChange(from_stage=None, to=stage, at=entered, by="bench", pipeline_id="sales")],
            created_at=entered, updated_at=entered, won_base_cents=won))
    return deals


def write_all(db: Any, writes: list[tuple[Any, dict[str, Any]]]) -> None:
    for start in range(0, len(writes), BATCH):
        batch = db.batch()
        for ref, data in writes[start : start + BATCH]:
            batch.set(ref, data)
        batch.commit()


def load_account(db: Any, names: CollectionNames, transactions: Any, rng: random.Random, name: str, *,
                 deals: int, people: int, orders: int, activities: int, subs: int) -> tuple[Customer, list[Deal]]:
    """A customer with its records, bulk-written, and the running figures and lifetime value they make."""
    pipeline = transactions.read(lambda tx: tx.pipelines.default())
    ids = FirestoreCustomerReader(db, names)
    now = datetime.now(UTC)
    data = CustomerCreate.model_validate({"name": name, "kind": "organization", "owner_id": "rep-maria",
                                          "email": f"info@{fold(name).replace(' ', '-')}.gr"})
    customer = new_customer(data, customer_id=ids.new_id(), by="bench", now=now, default_language="el")
    made = make_deals(rng, customer.id, deals, f"{customer.id[:6]}d")
    delivered = [Order(id=f"{customer.id[:6]}o{n:03d}", customer_id=customer.id, order_number=f"{customer.id[:6]}-{n}",
                       total=Decimal("100.00"), currency=BASE, status=OrderStatus.DELIVERED, owner_id="rep-maria",
                       created_at=now, updated_at=now, delivered_at=now, ltv_base_cents=10_000)
                 for n in range(orders)]
    credit = sum(d.won_base_cents for d in made) + sum(o.ltv_base_cents for o in delivered)
    customer = customer.model_copy(update={"lifetime_value": from_cents(credit)})
    import_customers(db, names, [customer])
    children = [new_customer(CustomerCreate.model_validate({"name": f"{name} branch {n}", "parent_id": customer.id}),
                             customer_id=ids.new_id(), by="bench", now=now, default_language="el")
                for n in range(subs)]
    import_customers(db, names, children)
    persons = [Person(id=f"{customer.id[:6]}p{n:03d}", customer_id=customer.id, customer_name=customer.name,
                      first_name=f"Person{n}", last_name=name.split()[0], owner_id="rep-maria", created_at=now,
                      updated_at=now, primary=n == 0) for n in range(people)]
    import_people(db, names, persons)
    writes: list[tuple[Any, dict[str, Any]]] = [
        (db.collection(names.deals).document(d.id), deal_to_document(d, pipeline)) for d in made]
    writes += [(db.collection(names.orders).document(o.id), order_to_document(o)) for o in delivered]
    writes += [(db.collection(names.activities).document(f"{customer.id[:6]}a{n:03d}"), activity_to_document(Activity(
        id=f"{customer.id[:6]}a{n:03d}", type=ActivityType.CALL, subject=f"Call {n}", customer_id=customer.id,
        owner_id="rep-maria", created_at=now, updated_at=now))) for n in range(activities)]
    write_all(db, writes)
    totals = add_up(made, [])
    db.collection(names.customer_totals).document(customer.id).set({**totals.get(customer.id, {}), "people": people},
                                                                  merge=True)
    return customer, made


# ---------------------------------------------------------------- 2. account page


def account_page(db: Any, names: CollectionNames, transactions: Any, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed + 1)
    print(f"Loading an account with {args.account_deals} deals ...", flush=True)
    customer, deals = load_account(db, names, transactions, rng, "Aegean Leisure", deals=args.account_deals,
                                   people=5, orders=0, activities=0, subs=2)
    customers, accounts = FirestoreCustomerReader(db, names), FirestoreAccountReader(db, names)
    people = FirestorePeopleReader(db, names)
    with metered() as figures_reads:
        figures = customer_figures(customers, accounts, customer.id, CALLER, base_currency=BASE)
    with metered() as page_reads:
        get_customer(customers, customer.id, CALLER)
        customer_figures(customers, accounts, customer.id, CALLER, base_currency=BASE)
        people_service.list_people(people, PersonListParams(customer_id=customer.id, page_size=100), CALLER)
        list_sub_accounts(customers, accounts, customer.id, CALLER, page_size=20, cursor=None)
    with metered() as baseline_reads:
        query = db.collection(names.deals).where(filter=FieldFilter("customer_id", "==", customer.id))
        streamed = [deal_from_snapshot(s) for s in query.stream()]
        from crm.store import read_meter

        read_meter.record_documents(len(streamed))
    baseline = figures_of(customer.id, add_up(streamed, []).get(customer.id, {}) | {"people": 5},
                          lifetime_value=customer.lifetime_value, base_currency=BASE, last_activity_at=None,
                          sub_accounts=2)
    agree = baseline == figures
    if not agree:
        warn("the account's figures differ from the baseline's")
    print(f"    figures: {figures_reads.reads} reads; the page's calls: {page_reads.reads} reads; "
          f"baseline: {baseline_reads.reads} reads; agree: {agree}", flush=True)
    return {"deals": len(deals), "figures_reads": figures_reads.reads, "page_reads": page_reads.reads,
            "baseline_reads": baseline_reads.reads, "figures_agree": agree}


# ---------------------------------------------------------------- 3. merge


def ledger(db: Any, names: CollectionNames, ids: list[str]) -> tuple[list[tuple[str, str]], Decimal]:
    """Every record tied to the customers, once, and their lifetime values added up."""
    held = []
    for collection, field in ((names.people, "customer_id"), (names.deals, "customer_id"),
                              (names.orders, "customer_id"), (names.activities, "customer_id"),
                              (names.customers, "parent_id")):
        for customer_id in ids:
            query = db.collection(collection).where(filter=FieldFilter(field, "==", customer_id))
            held += [(collection, s.id) for s in query.select([]).stream()]
    total = sum((from_cents(db.collection(names.customers).document(i).get().get("lifetime_value_cents") or 0)
                 for i in ids), Decimal("0.00"))
    return sorted(held), total


def merge_pair(db: Any, names: CollectionNames, transactions: Any, rng: random.Random, label: str,
               args: argparse.Namespace) -> tuple[Customer, Customer]:
    survivor, _ = load_account(db, names, transactions, rng, f"Delta {label}", deals=3, people=2, orders=1,
                               activities=2, subs=0)
    absorbed, _ = load_account(db, names, transactions, rng, f"Delta SA {label}", deals=args.merge_deals,
                               people=20, orders=10, activities=20, subs=2)
    return survivor, absorbed


def merge(db: Any, names: CollectionNames, transactions: Any, args: argparse.Namespace,
          meter: WriteMeter) -> dict[str, Any]:
    rng = random.Random(args.seed + 2)
    print(f"Loading two customers to merge, one with {args.merge_deals} deals (twice) ...", flush=True)
    straight = merge_pair(db, names, transactions, rng, "straight", args)
    twin = merge_pair(db, names, transactions, rng, "interrupted", args)

    request = MergeRequest.model_validate({"from": [straight[1].id]})
    writes, count = meter.snapshot()
    with metered() as reads:
        start = time.perf_counter()
        result = merge_customers(transactions, straight[0].id, request, CALLER)
        seconds = time.perf_counter() - start
    merge_writes, merge_transactions = meter.writes - writes, meter.transactions - count
    print(f"    straight merge: {seconds:.1f} s, {merge_transactions} transactions, {merge_writes} writes, "
          f"{reads.reads} reads, moved {result.merge.moved.model_dump()}", flush=True)

    ids = [twin[0].id, twin[1].id]
    before = ledger(db, names, ids)
    stop_after = random.Random(args.seed).randrange(1, merge_transactions)
    request = MergeRequest.model_validate({"from": [twin[1].id]})
    try:
        merge_customers(InterruptingTransactions(transactions, stop_after), twin[0].id, request, CALLER)
        warn("the merge was not stopped")
    except Interrupted:
        pass
    between = ledger(db, names, ids)
    if between != before:
        warn("after the interruption a record or some lifetime value is missing")
    writes, _ = meter.snapshot()
    start = time.perf_counter()
    resumed = merge_customers(transactions, twin[0].id, request, CALLER)
    resumed_seconds = time.perf_counter() - start
    resumed_writes = meter.writes - writes
    after = ledger(db, names, ids)
    moved_all = ledger(db, names, [twin[1].id])[0] == []
    nothing_lost = after == before and resumed.merge.state is MergeState.DONE and moved_all
    if not nothing_lost:
        warn("the resumed merge lost or left behind a record")
    totals = FirestoreAccountTotals(db, names)
    computed = add_up(totals.deals(), totals.people())
    stored = totals.stored()
    totals_agree = all(computed.get(i) == stored.get(i) for i in (*ids, straight[0].id, straight[1].id))
    if not totals_agree:
        warn("the merged customers' running figures differ from a rebuild")
    print(f"    interrupted after transaction {stop_after} of {merge_transactions}; resumed in {resumed_seconds:.1f} s "
          f"with {resumed_writes} writes; every record accounted for: {nothing_lost}; figures agree: {totals_agree}",
          flush=True)
    return {"deals": args.merge_deals, "people": 20, "orders": 10, "activities": 20, "sub_accounts": 2,
            "seconds": round(seconds, 2), "transactions": merge_transactions, "writes": merge_writes,
            "reads": reads.reads, "interrupted_after": stop_after, "resumed_seconds": round(resumed_seconds, 2),
            "resumed_writes": resumed_writes, "records": len(after[0]), "nothing_lost": nothing_lost,
            "totals_agree": totals_agree}


def run(args: argparse.Namespace, emulator_address: str) -> dict[str, Any]:
    os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": emulator_address,
                       "GOOGLE_CLOUD_PROJECT": PROJECT_ID, "CRM_DEFAULT_CURRENCY": BASE})
    os.environ.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
    settings = settings_from_env()
    db = firestore_client(settings)
    names = CollectionNames(f"bench{uuid.uuid4().hex[:8]}_")
    transactions = crm_transactions(db, names, BASE)
    meter = WriteMeter()
    from crm.domain.money import CurrencyRatesUpdate
    from crm.services import pipelines

    pipelines.set_currency_rates(transactions, CurrencyRatesUpdate.model_validate({"rates": {"USD": "0.9"}}), CALLER)
    print("[merge]", flush=True)
    merged = merge(db, names, transactions, args, meter)
    print("[account page]", flush=True)
    account = account_page(db, names, transactions, args)
    print("[people search]", flush=True)
    search = people_search(db, names, args)
    print()
    print(f"people search at {search['customers']} customers and {search['people']} people: at most "
          f"{search['max_reads']} reads a page of 25")
    print(f"account page with {account['deals']} deals: figures {account['figures_reads']} reads, the page's calls "
          f"{account['page_reads']} (streaming its deals: {account['baseline_reads']})")
    print(f"merge of a customer with {merged['deals']} deals: {merged['seconds']} s, {merged['writes']} writes; "
          f"interrupted and resumed: nothing lost {merged['nothing_lost']}")
    return {"people_search": search, "account_page": account, "merge": merged, "warnings": len(warnings)}


def main(argv: list[str] | None = None) -> int:
    return run_on_emulator(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
