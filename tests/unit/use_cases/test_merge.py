"""Merging customers on in-memory repositories: what moves, what the survivor becomes, what is refused, and a merge
interrupted between any two of its transactions that a re-run completes with every record accounted for."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm.domain.accounts.merge import MergeRequest, MergeState
from crm.domain.activities import ActivityCreate
from crm.domain.customers import CustomerStatus
from crm.domain.deals import DealCreate
from crm.domain.orders import OrderCreate, OrderStatus
from crm.errors import FailedPreconditionError, NotFoundError, PermissionDeniedError, ValidationFailedError
from crm.identity import Caller, Role
from crm.services import activities as activity_service
from crm.services import customers as customer_service
from crm.services import deals as deal_service
from crm.services import orders as order_service
from crm.services.accounts.merge import merge_customers
from tests.utils.factories import admin_caller
from tests.utils.people_steps import Interrupted, InterruptingTransactions

ADMIN = admin_caller()


@pytest.fixture
def duplicates(create, add_person, transactions, update_data):
    """A survivor and an absorbed customer with a bit of everything: people, won and open deals, a delivered order,
    an activity, a sub-account, contacts, notes, tags."""
    keep = create(name="Acme", email="info@acme.gr", tags=["vip"], status="lead")
    dup = create(name="ACME SA", email="sales@acme.gr", phone="2105550000", tags=["b2b", "vip"], status="customer",
                 notes=[{"text": "met at the fair"}])
    add_person(dup.id, first_name="Maria", email="maria@acme.gr", primary=True)
    add_person(dup.id, first_name="Nikos")
    for n in range(5):
        deal = deal_service.create_deal(transactions, DealCreate(customer_id=dup.id, title=f"D{n}",
                                                                 value=Decimal("100")), ADMIN)
        if n < 2:
            deal_service.mark_deal_won(transactions, deal.id, ADMIN)
    order = order_service.create_order(transactions, OrderCreate(customer_id=dup.id, order_number="SO-1",
                                                                 total=Decimal("50")), ADMIN)
    for status in (OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        order_service.transition_order(transactions, order.id, status, ADMIN)
    activity_service.create_activity(transactions, ActivityCreate(type="call", subject="Call", customer_id=dup.id),
                                     ADMIN)
    create(name="Acme Thessaloniki", parent_id=dup.id)
    return keep, dup


def test_a_merge_moves_everything_to_the_survivor(memory, duplicates, transactions):
    keep, dup = duplicates
    counting = InterruptingTransactions(transactions, 10**6)
    request = MergeRequest.model_validate({"from": [dup.id]})
    result = merge_customers(counting, keep.id, request, ADMIN, batch_size=2)
    assert result.merge.state is MergeState.DONE and counting.committed == MERGE_TRANSACTIONS
    assert result.merge.moved.model_dump() == {"people": 2, "deals": 5, "orders": 1, "activities": 1,
                                               "sub_accounts": 1}
    survivor, absorbed = memory.customers[keep.id], memory.customers[dup.id]
    assert absorbed.deleted_at is not None and absorbed.merged_into == keep.id
    assert survivor.merged_from == [dup.id]
    assert {c.value for c in survivor.contacts} == {"info@acme.gr", "sales@acme.gr", "+302105550000"}
    assert survivor.tags == ["vip", "b2b"] and [n.text for n in survivor.notes] == ["met at the fair"]
    assert survivor.lifetime_value == Decimal("250.00") and absorbed.lifetime_value == Decimal("0.00")
    assert survivor.status is CustomerStatus.CUSTOMER
    assert _everything_of(memory, keep.id) == (2, 5, 1, 1, 1) and _everything_of(memory, dup.id) == (0, 0, 0, 0, 0)
    assert [p.primary for p in memory.people.values() if p.first_name == "Maria"] == [True]
    assert all(p.customer_name == "Acme" for p in memory.people.values())


def test_the_absorbed_emails_move_with_it(memory, duplicates, merge, create):
    keep, dup = duplicates
    merge(keep.id, dup.id)
    from crm.errors import AlreadyExistsError

    with pytest.raises(AlreadyExistsError, match=f"belongs to customer {keep.id}"):
        create(email="sales@acme.gr")
    with pytest.raises(AlreadyExistsError, match=f"belongs to customer {keep.id}"):
        customer_service.restore_customer(memory_transactions(memory), dup.id, ADMIN)


def test_repeating_a_finished_merge_answers_it_again(memory, duplicates, merge):
    keep, dup = duplicates
    first = merge(keep.id, dup.id)
    writes = len(memory.writes)
    again = merge(keep.id, dup.id)
    assert again.merge == first.merge and len(memory.writes) == writes + 0


MERGE_TRANSACTIONS = 11  # start, people 2 (a full batch, then none), deals 3, orders, activities, sub-accounts,
# fold in, finish


@pytest.mark.parametrize("stop_after", range(MERGE_TRANSACTIONS))
def test_an_interrupted_merge_completes_on_a_re_run_with_nothing_lost(memory, duplicates, transactions,
                                                                       stop_after):
    keep, dup = duplicates
    before = _ledger(memory, keep.id, dup.id)
    request = MergeRequest.model_validate({"from": [dup.id]})
    interrupting = InterruptingTransactions(transactions, stop_after)
    with pytest.raises(Interrupted):
        merge_customers(interrupting, keep.id, request, ADMIN, batch_size=2)
    assert _ledger(memory, keep.id, dup.id) == before, "between two transactions, everything is somewhere"
    result = merge_customers(transactions, keep.id, request, ADMIN, batch_size=2)
    assert result.merge.state is MergeState.DONE
    assert _everything_of(memory, keep.id) == (2, 5, 1, 1, 1)
    assert _ledger(memory, keep.id, dup.id) == before
    assert memory.customers[keep.id].lifetime_value == Decimal("250.00")


def test_only_managers_and_admins_merge(duplicates, merge):
    keep, dup = duplicates
    with pytest.raises(PermissionDeniedError):
        merge(keep.id, dup.id, caller=Caller(uid="rep-1", role=Role.REP, via="token"))


def test_refusals(create, merge, duplicates, update_data, transactions):
    keep, dup = duplicates
    with pytest.raises(ValidationFailedError, match="cannot absorb itself"):
        merge(keep.id, keep.id)
    with pytest.raises(ValidationFailedError, match="does not exist"):
        merge(keep.id, "nobody")
    with pytest.raises(NotFoundError):
        merge("nobody", dup.id)
    child = create(name="Child", parent_id=dup.id)
    with pytest.raises(FailedPreconditionError, match="parent account above"):
        merge(child.id, dup.id)


def test_a_combined_record_over_a_limit_is_refused_before_anything_moves(create, merge, memory):
    keep = create(tags=[f"a{n}" for n in range(15)])
    dup = create(tags=[f"b{n}" for n in range(15)])
    with pytest.raises(FailedPreconditionError, match="30 tags"):
        merge(keep.id, dup.id)
    assert memory.merges == {} and memory.customers[dup.id].deleted_at is None


def test_a_customer_in_an_unfinished_merge_is_not_merged_elsewhere(duplicates, transactions, create, merge):
    keep, dup = duplicates
    request = MergeRequest.model_validate({"from": [dup.id]})
    with pytest.raises(Interrupted):
        merge_customers(InterruptingTransactions(transactions, 2), keep.id, request, ADMIN)
    third = create()
    with pytest.raises(FailedPreconditionError, match="in another merge"):
        merge(third.id, dup.id)
    merge(keep.id, dup.id)
    merge(third.id, keep.id)


def test_restoring_an_absorbed_customer_brings_back_its_own_record(memory, duplicates, merge, transactions,
                                                                   update_data):
    keep, dup = duplicates
    merge(keep.id, dup.id)
    customer_service.update_customer(transactions, keep.id, update_data(contacts=[
        {"type": "email", "value": "info@acme.gr", "primary": True}]), ADMIN)
    restored = customer_service.restore_customer(transactions, dup.id, ADMIN)
    assert restored.merged_into is None and restored.lifetime_value == Decimal("0.00")
    assert restored.email == "sales@acme.gr" and restored.tags == ["b2b", "vip"]
    assert _everything_of(memory, dup.id) == (0, 0, 0, 0, 0), "its records stay with the survivor"


def _everything_of(memory, customer_id):
    return (sum(p.customer_id == customer_id for p in memory.people.values()),
            sum(d.customer_id == customer_id for d in memory.deals.values()),
            sum(o.customer_id == customer_id for o in memory.orders.values()),
            sum(a.customer_id == customer_id for a in memory.activities.values()),
            sum(c.parent_id == customer_id for c in memory.customers.values()))


def _ledger(memory, *customer_ids):
    """What the two customers hold between them: every record once, and the lifetime value in total."""
    ids = set(customer_ids)
    return (sorted(p.id for p in memory.people.values() if p.customer_id in ids),
            sorted(d.id for d in memory.deals.values() if d.customer_id in ids),
            sorted(o.id for o in memory.orders.values() if o.customer_id in ids),
            sorted(a.id for a in memory.activities.values() if a.customer_id in ids),
            sorted(c.id for c in memory.customers.values() if c.parent_id in ids),
            sum(memory.customers[i].lifetime_value for i in ids))


def memory_transactions(memory):
    from tests.utils.memory import MemoryTransactions

    return MemoryTransactions(memory)
