"""Duplicate keys on the emulator when thousands of customers share one (a switchboard number): the key's document
stays a few bytes, the list still shows the pairs of its first holders in a bounded number of reads, and removals
through the API's writes and a rebuild keep the count and the holders right."""

from __future__ import annotations

import json

import pytest

from crm.domain.accounts.duplicates import HOLDERS_SHOWN, DuplicateKey, DuplicateReason
from crm.services import customers as customer_service
from crm.services.accounts.duplicates import list_duplicates
from crm.services.accounts.rebuild import rebuild_account_totals
from crm.store.accounts.duplicate_keys import HELD_FIELD, FirestoreDuplicateKeys
from crm.store.accounts.totals import FirestoreAccountTotals
from crm.store.read_meter import metered
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator
ADMIN = admin_caller()
SWITCHBOARD = "+302105550123"
CROWD = 2000


@pytest.fixture
def keys(db, names) -> FirestoreDuplicateKeys:
    return FirestoreDuplicateKeys(db, names)


def pairs(keys: FirestoreDuplicateKeys) -> set[tuple[str, str]]:
    found = list_duplicates(keys, ADMIN, page_size=25, cursor=None).results
    assert all([r.reason for r in p.reasons] == [DuplicateReason.PHONE] for p in found)
    return {(p.customers[0].id, p.customers[1].id) for p in found}


def expected_pairs(holders: list[str]) -> set[tuple[str, str]]:
    first = sorted(holders)[:HOLDERS_SHOWN]
    return {(a, b) for i, a in enumerate(first) for b in first[i + 1:]}


def test_a_key_held_by_thousands_stays_small_and_is_kept_right(db, names, seed, create, transactions, keys,
                                                               update_data):
    crowd = seed([{"name": f"Desk {n}", "phone": SWITCHBOARD} for n in range(CROWD)])
    caller = create(name="Late caller", phone="210 555 0123")  # through a transaction, in another spelling
    holders = [c.id for c in crowd] + [caller.id]
    key = db.collection(names.duplicate_keys).document(DuplicateKey(DuplicateReason.PHONE, SWITCHBOARD,
                                                                    SWITCHBOARD).id)

    stored = key.get().to_dict()
    assert stored == {"reason": "phone", "label": SWITCHBOARD, "n": CROWD + 1}
    assert len(json.dumps(stored)) < 100  # the same size as for two holders
    with metered() as reads:
        assert pairs(keys) == expected_pairs(holders)
    assert reads.reads == 1 + HOLDERS_SHOWN  # the key, and its first holders' names

    first, second = sorted(holders)[:2]
    customer_service.delete_customer(transactions, first, ADMIN)
    customer_service.update_customer(transactions, second, update_data(phone="2105559999"), ADMIN)
    holders = [h for h in holders if h not in (first, second)]
    assert key.get().get("n") == CROWD - 1
    assert pairs(keys) == expected_pairs(holders)
    assert db.collection(names.customers).document(first).get().get(HELD_FIELD) == []

    rebuild_account_totals(FirestoreAccountTotals(db, names), keys)
    assert key.get().to_dict() == {"reason": "phone", "label": SWITCHBOARD, "n": CROWD - 1}
    assert pairs(keys) == expected_pairs(holders)


def test_a_rebuild_lists_each_customer_s_keys_again(db, names, create, keys):
    one = create(name="One", phone="2105550100")
    two = create(name="Two", phone="2105550100")
    documents = db.collection(names.customers)
    documents.document(one.id).update({HELD_FIELD: []})  # as stored before customers listed their keys
    assert pairs(keys) == set()
    rebuild_account_totals(FirestoreAccountTotals(db, names), keys)
    assert pairs(keys) == {tuple(sorted((one.id, two.id)))}
