"""Accounts on the emulator: running figures kept by every deal and person write (equal to a rebuild from the
records, read in three reads), parent accounts checked in the transaction, duplicate keys kept at write time, and a
merge interrupted at a random point that a re-run completes with every record accounted for."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from crm.domain.accounts.figures import add_up
from crm.domain.accounts.merge import MergeRequest, MergeState
from crm.domain.deals import DealCreate
from crm.domain.orders import OrderCreate, OrderStatus
from crm.errors import AlreadyExistsError, ValidationFailedError
from crm.services import customers as customer_service
from crm.services import deals as deal_service
from crm.services import orders as order_service
from crm.services.accounts.duplicates import list_duplicates
from crm.services.accounts.figures import customer_figures
from crm.services.accounts.merge import merge_customers
from crm.services.accounts.rebuild import rebuild_account_totals
from crm.services.people import people as people_service
from crm.store.accounts.duplicate_keys import FirestoreDuplicateKeys
from crm.store.accounts.reader import FirestoreAccountReader
from crm.store.accounts.totals import FirestoreAccountTotals
from crm.store.read_meter import metered
from tests.utils.factories import admin_caller
from tests.utils.people_steps import Interrupted, InterruptingTransactions

pytestmark = pytest.mark.emulator
ADMIN = admin_caller()


@pytest.fixture
def totals(db, names) -> FirestoreAccountTotals:
    return FirestoreAccountTotals(db, names)


@pytest.fixture
def keys(db, names) -> FirestoreDuplicateKeys:
    return FirestoreDuplicateKeys(db, names)


def deal(transactions, customer_id: str, value: str = "100", currency: str = "EUR"):
    return deal_service.create_deal(transactions, DealCreate(customer_id=customer_id, title="Deal",
                                                             value=Decimal(value), currency=currency), ADMIN)


def test_figures_follow_every_deal_and_person_write(transactions, db, names, create, add_person, totals, keys,
                                                    customers, set_rates):
    set_rates(USD="0.5")
    acme = create(name="Acme")
    for n in range(3):
        add_person(acme.id, first_name=f"P{n}")
    gone = add_person(acme.id, first_name="Gone")
    people_service.delete_person(transactions, gone.id, ADMIN)
    open_usd = deal(transactions, acme.id, "40", "USD")
    won = deal(transactions, acme.id, "100")
    deal_service.mark_deal_won(transactions, won.id, ADMIN)
    lost = deal(transactions, acme.id, "7")
    deal_service.mark_deal_lost(transactions, lost.id, "price", ADMIN)
    removed = deal(transactions, acme.id, "9")
    deal_service.delete_deal(transactions, removed.id, ADMIN)
    create(name="Acme North", parent_id=acme.id)

    with metered() as reads:
        figures = customer_figures(customers, FirestoreAccountReader(db, names), acme.id, ADMIN,
                                   base_currency="EUR")
    assert reads.reads == 3
    assert figures.people_count == 3 and figures.lost_deals == 1 and figures.sub_accounts == 1
    assert {c: (f.count, str(f.value)) for c, f in figures.open_deals.items()} == {"USD": (1, "40.00")}
    assert {c: (f.count, str(f.value)) for c, f in figures.won_deals.items()} == {"EUR": (1, "100.00")}
    assert figures.won_value == Decimal("100.00") == figures.lifetime_value
    assert totals.stored() == add_up(totals.deals(), totals.people())
    assert rebuild_account_totals(totals, keys, check_only=True).differing == 0
    assert open_usd.customer_id == acme.id


def test_a_rebuild_repairs_broken_totals(transactions, db, names, create, totals, keys):
    acme = create()
    deal(transactions, acme.id)
    db.collection(names.customer_totals).document(acme.id).set({"people": 5})
    first = rebuild_account_totals(totals, keys)
    assert first.differing == 1 and rebuild_account_totals(totals, keys, check_only=True).differing == 0


def test_a_parent_is_checked_in_the_transaction(transactions, create, update_data):
    top = create(name="Top")
    middle = create(name="Middle", parent_id=top.id)
    with pytest.raises(ValidationFailedError, match="cannot also be a sub-account"):
        customer_service.update_customer(transactions, top.id, update_data(parent_id=middle.id), ADMIN)
    with pytest.raises(ValidationFailedError, match="does not exist"):
        create(parent_id="nobody")
    customer_service.delete_customer(transactions, top.id, ADMIN)
    with pytest.raises(ValidationFailedError, match="does not exist or is deleted"):
        create(parent_id=top.id)


def test_duplicates_are_found_from_their_keys(transactions, create, keys, update_data):
    first = create(name="Maria Papadopoulou", organization="Acme", email="maria.p@gmail.com",
                   phone="2105550000")
    second = create(name="Μαρία Παπαδοπούλου", organization="ACME", email="mariap+shop@gmail.com")
    third = create(name="Someone", phone="+30 210 555 0000")
    create(name="Unrelated", email="x@y.gr")
    found = list_duplicates(keys, ADMIN, page_size=25, cursor=None)
    pairs = {tuple(sorted(c.id for c in p.customers)): sorted(r.reason for r in p.reasons) for p in found.results}
    assert pairs == {tuple(sorted((first.id, second.id))): ["email", "name"],
                     tuple(sorted((first.id, third.id))): ["phone"]}
    customer_service.update_customer(transactions, third.id, update_data(phone="2105559999"), ADMIN)
    customer_service.delete_customer(transactions, second.id, ADMIN)
    assert list_duplicates(keys, ADMIN, page_size=25, cursor=None).results == []


def test_a_merge_interrupted_at_a_random_point_completes_on_a_re_run(transactions, db, names, create, add_person,
                                                                     totals, keys, set_rates):
    survivor = create(name="Acme", email="info@acme.gr")
    absorbed = create(name="ACME SA", email="sales@acme.gr", organization="Acme")
    for n in range(3):
        add_person(absorbed.id, first_name=f"P{n}", email=f"p{n}@acme.gr")
    deals = [deal(transactions, absorbed.id, str(10 + n)) for n in range(7)]
    for won in deals[:3]:
        deal_service.mark_deal_won(transactions, won.id, ADMIN)
    order = order_service.create_order(transactions, OrderCreate(customer_id=absorbed.id, order_number="SO-9",
                                                                 total=Decimal("5")), ADMIN)
    for status in (OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order_service.transition_order(transactions, order.id, status, ADMIN)
    ledger = _ledger(db, names, survivor.id, absorbed.id)
    request = MergeRequest.model_validate({"from": [absorbed.id]})
    stop_after = random.Random(7).randrange(1, 8)
    with pytest.raises(Interrupted):
        merge_customers(InterruptingTransactions(transactions, stop_after), survivor.id, request, ADMIN,
                        batch_size=3)
    assert _ledger(db, names, survivor.id, absorbed.id) == ledger
    result = merge_customers(transactions, survivor.id, request, ADMIN, batch_size=3)

    assert result.merge.state is MergeState.DONE
    assert result.merge.moved.people == 3 and result.merge.moved.deals == 7 and result.merge.moved.orders == 1
    assert _ledger(db, names, survivor.id, absorbed.id) == ledger
    assert result.customer.lifetime_value == Decimal("38.00")
    assert {c.value for c in result.customer.contacts} == {"info@acme.gr", "sales@acme.gr"}
    with pytest.raises(AlreadyExistsError, match=survivor.id):
        create(email="sales@acme.gr")
    assert totals.stored() == add_up(totals.deals(), totals.people())
    assert totals.get(survivor.id)["people"] == 3 and totals.get(absorbed.id).get("people", 0) == 0
    assert rebuild_account_totals(totals, keys, check_only=True).differing == 0
    entries = [s.to_dict() for s in db.collection(names.audit).stream()]
    assert any(e["summary"] == f"customer 'ACME SA' merged into customer {survivor.id}" for e in entries)
    assert any(f"merged in customer {absorbed.id}" in e["summary"] for e in entries)


def _ledger(db, names, *customer_ids):
    """Every record of the two customers, once, and their lifetime values added up."""
    from google.cloud.firestore_v1 import FieldFilter

    held = []
    for collection in (names.people, names.deals, names.orders, names.activities):
        for customer_id in customer_ids:
            query = db.collection(collection).where(filter=FieldFilter("customer_id", "==", customer_id))
            held += [(collection, s.id) for s in query.stream()]
    total = sum(Decimal(str(db.collection(names.customers).document(i).get().get("lifetime_value_cents") or 0))
                for i in customer_ids)
    return sorted(held), total
