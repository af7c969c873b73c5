"""Concurrent changes to one customer, from threads of one instance and from separate processes (instances)."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import pytest

from crm.domain.customers import CustomerCreate
from crm.errors import AlreadyExistsError, CrmError
from crm.services import customers as service
from crm.settings import Settings
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import CrmTransactions, crm_transactions
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

WRITERS = 10
INSTANCES = 6  # each contended round waits out the emulator's lock timeout, so fewer than WRITERS keeps this quick
_start: Any = None


def test_concurrent_notes_from_threads_are_all_kept(transactions, customers, create):
    created = create()
    texts = [f"note {n}" for n in range(WRITERS)]
    start = threading.Barrier(WRITERS)

    def note(text: str) -> str:
        start.wait()
        service.add_note(transactions, created.id, text, admin_caller(f"user-{text}"))
        return text

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        assert sorted(pool.map(note, texts)) == sorted(texts)

    stored = service.get_customer(customers, created.id, admin_caller())
    assert sorted(n.text for n in stored.notes) == sorted(texts)
    assert stored.updated_at == max(n.at for n in stored.notes)


def test_concurrent_notes_from_separate_instances_are_all_kept(settings, customers, create):
    created = create()
    texts = [f"note {n}" for n in range(INSTANCES)]

    outcomes = in_processes(_add_note_in_own_process, [(settings, created.id, text) for text in texts])

    assert outcomes == ["ok"] * INSTANCES
    stored = service.get_customer(customers, created.id, admin_caller())
    assert sorted(n.text for n in stored.notes) == sorted(texts)


def test_concurrent_claims_of_one_email_from_separate_instances(settings, db, names):
    racers = [(settings, f"Racer {n}", "Race@Example.com") for n in range(WRITERS)]
    outcomes = in_processes(_create_in_own_process, racers)

    winners = [o for o in outcomes if o.startswith("created ")]
    assert len(winners) == 1, outcomes
    assert outcomes.count("AlreadyExistsError") == WRITERS - 1, outcomes
    winner_id = winners[0].removeprefix("created ")
    claims = [s.to_dict() for s in db.collection(names.customer_emails).stream()]
    assert claims == [{"email": "race@example.com", "customer_id": winner_id}]
    assert [s.id for s in db.collection(names.customers).stream()] == [winner_id]


def in_processes(work, arguments: list[tuple]) -> list[str]:
    """Run ``work`` once per argument tuple, each in its own process, all released at the same moment."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(arguments))
    with ProcessPoolExecutor(len(arguments), mp_context=context, initializer=_wait_here, initargs=(barrier,)) as pool:
        futures = [pool.submit(work, *args) for args in arguments]
        return [future.result(timeout=240) for future in futures]


def _wait_here(barrier) -> None:
    global _start
    _start = barrier


def _transactions_in_this_process(settings: Settings) -> CrmTransactions:
    os.environ["FIRESTORE_EMULATOR_HOST"] = settings.firestore_emulator_host or ""
    names = CollectionNames(settings.collection_prefix)
    return crm_transactions(firestore_client(settings), names, settings.default_currency)


def _add_note_in_own_process(settings: Settings, customer_id: str, text: str) -> str:
    transactions = _transactions_in_this_process(settings)
    _start.wait(timeout=120)
    try:
        service.add_note(transactions, customer_id, text, admin_caller(f"process-{text}"))
    except CrmError as exc:
        return f"{type(exc).__name__}: {exc.message}"
    return "ok"


def _create_in_own_process(settings: Settings, name: str, email: str) -> str:
    transactions = _transactions_in_this_process(settings)
    data = CustomerCreate.model_validate({"name": name, "email": email})
    _start.wait(timeout=120)
    try:
        created = service.create_customer(transactions, data, admin_caller(), default_language="el")
    except AlreadyExistsError:
        return "AlreadyExistsError"
    except CrmError as exc:
        return f"{type(exc).__name__}: {exc.message}"
    return f"created {created.id}"
