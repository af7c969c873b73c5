"""`crm reindex-search` on the emulator: old search fields rewritten, resumable, never overwriting a concurrent
change, deleted customers left without search fields."""

from __future__ import annotations

from typing import Any

import pytest
from google.cloud import firestore

from crm import cli
from crm.domain.customer_queries import CustomerListParams
from crm.services import customers as service
from crm.services.search_index import reindex_customer_search
from crm.settings import get_settings
from crm.store import search_reindex
from crm.store.customers import customer_to_document
from crm.store.search import SEARCH_FIELDS
from crm.store.search_reindex import FirestoreSearchReindex
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator


@pytest.fixture
def index(db, names) -> FirestoreSearchReindex:
    return FirestoreSearchReindex(db, names)


@pytest.fixture
def old_format(seed, db, names):
    """Seven customers whose documents carry search fields of an older format: word prefixes only."""
    made = seed([{"name": f"Papadopoulos {n}", "email": f"p{n}@example.com"} for n in range(7)])
    for customer in made:
        ref = db.collection(names.customers).document(customer.id)
        ref.update({"search_tokens": {"papadopoulos": True, "papad": True}, "search_rank": firestore.DELETE_FIELD,
                    "search_typos": firestore.DELETE_FIELD})
    return made


def stored_search_fields(db, names, customer_id: str) -> dict[str, Any]:
    data = db.collection(names.customers).document(customer_id).get().to_dict()
    return {field: data[field] for field in SEARCH_FIELDS if field in data}


def expected_search_fields(customer) -> dict[str, Any]:
    document = customer_to_document(customer)
    return {field: document[field] for field in SEARCH_FIELDS if field in document}


def test_reindex_rewrites_old_search_fields(customers, old_format, index, db, names):
    assert service.list_customers(customers, CustomerListParams(search="papadopolous"), admin_caller()).total == 0

    result = reindex_customer_search(index, batch_size=3)

    assert (result.processed, result.changed, result.done) == (7, 7, True)
    for customer in old_format:
        assert stored_search_fields(db, names, customer.id) == expected_search_fields(customer)
    found = service.list_customers(customers, CustomerListParams(search="papadopolous"), admin_caller())
    assert found.total == 7 and {c.match.kind for c in found.results} == {"approximate"}


def test_a_second_run_changes_nothing(customers, old_format, index):
    reindex_customer_search(index, batch_size=3)
    again = reindex_customer_search(index, batch_size=3)
    assert (again.processed, again.changed) == (7, 0)


def test_an_interrupted_run_goes_on_from_its_checkpoint(old_format, index, db, names):
    class Stop(Exception):
        pass

    def stop_after_first_batch(outcome):
        raise Stop

    with pytest.raises(Stop):
        reindex_customer_search(index, batch_size=3, progress=stop_after_first_batch)
    saved = index.checkpoint()
    assert saved is not None and (saved.processed, saved.done) == (3, False)

    batches: list[int] = []
    result = reindex_customer_search(index, batch_size=3, progress=lambda outcome: batches.append(outcome.processed))

    assert batches == [3, 1]  # the four customers after the checkpoint, not the first three again
    assert (result.processed, result.changed, result.done) == (7, 7, True)
    restarted = reindex_customer_search(index, batch_size=3, restart=True)
    assert restarted.processed == 7


def test_a_customer_changed_during_the_run_keeps_its_change(transactions, customers, old_format, index, db, names,
                                                            update_data, caller, monkeypatch):
    target = old_format[0]
    derive = search_reindex.customer_search_fields
    changed: list[str] = []

    def change_meanwhile(customer):
        if customer.id == target.id and not changed:
            changed.append(customer.id)
            service.update_customer(transactions, target.id, update_data(name="Zervos Renamed"), caller)
        return derive(customer)

    monkeypatch.setattr(search_reindex, "customer_search_fields", change_meanwhile)
    result = reindex_customer_search(index, batch_size=10)

    assert result.processed == 7 and changed == [target.id]
    renamed = service.get_customer(customers, target.id, caller)
    assert renamed.name == "Zervos Renamed"
    assert stored_search_fields(db, names, target.id) == expected_search_fields(renamed)
    assert [c.id for c in service.list_customers(customers, CustomerListParams(search="zervos"),
                                                 admin_caller()).results] == [target.id]


def test_a_deleted_customer_loses_its_search_fields(transactions, customers, old_format, index, db, names, caller):
    gone = old_format[1]
    service.delete_customer(transactions, gone.id, caller)
    db.collection(names.customers).document(gone.id).update({"search_tokens": {"papadopoulos": True}})

    reindex_customer_search(index, batch_size=3)

    assert stored_search_fields(db, names, gone.id) == {}


def test_the_command_reports_what_it_did(old_format, settings, monkeypatch, capsys):
    monkeypatch.setenv("CRM_COLLECTION_PREFIX", settings.collection_prefix)
    get_settings.cache_clear()
    try:
        assert cli.main(["reindex-search", "--batch-size", "4"]) == 0
    finally:
        get_settings.cache_clear()
    assert "7 customers read, 7 rewritten to search format" in capsys.readouterr().out
