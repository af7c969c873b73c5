"""Orders on the emulator: unique order numbers by claim, money in minor units, deliveries raced and credited once,
lists (the rest of the order use cases run on in-memory repositories: tests/unit/use_cases/test_orders.py)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from crm.domain.orders import Order, OrderCreate, OrderListParams, OrderStatus, OrderUpdate
from crm.errors import AlreadyExistsError, FailedPreconditionError, NotFoundError, ValidationFailedError
from crm.services import customers as customer_service
from crm.services import orders as service
from crm.store.orders import ORDER_NUMBER_CLAIMS, FirestoreOrderReader
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

TO_DELIVERED = (OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


@pytest.fixture
def reader(db, names) -> FirestoreOrderReader:
    return FirestoreOrderReader(db, names)


def claim(db, names, number: str) -> dict | None:
    snapshot = db.collection(names.order_numbers).document(ORDER_NUMBER_CLAIMS.claim_id(number)).get()
    return snapshot.to_dict() if snapshot.exists else None


def lifetime_value(customers, customer_id: str) -> Decimal:
    return customers.get(customer_id).lifetime_value


def test_create_stores_cents_and_claims_the_number(db, names, reader, place, order_customer):
    order = place(order_number="SO-100", total="1234.5")

    stored = db.collection(names.orders).document(order.id).get().to_dict()
    assert stored["total_cents"] == 123450 and "total" not in stored
    assert stored["status"] == "pending" and stored["customer_id"] == order_customer.id
    assert [h["from"] for h in stored["status_history"]] == [None]
    assert claim(db, names, "so-100") == {"order_number": "SO-100", "order_id": order.id}
    assert reader.get(order.id) == order
    assert str(reader.get(order.id).total) == "1234.50"


def test_a_taken_number_is_refused_case_insensitively_naming_its_order(db, names, reader, place):
    first = place(order_number="SO-200")

    with pytest.raises(AlreadyExistsError) as taken:
        place(order_number="so-200", total="5")

    assert first.id in taken.value.message
    assert taken.value.details[0] == {
        "field": "order_number", "value": "SO-200", "order_id": first.id, "message": taken.value.message
    }
    assert [s.id for s in db.collection(names.orders).stream()] == [first.id]


def test_concurrent_creates_with_one_number_let_exactly_one_win(db, names, transactions, reader, caller,
                                                                order_customer):
    contenders = 10
    start = threading.Barrier(contenders)

    def attempt(n: int) -> Order | AlreadyExistsError:
        data = OrderCreate.model_validate({"customer_id": order_customer.id, "order_number": "RACE-1", "total": str(n)})
        start.wait()
        try:
            return service.create_order(transactions, data, caller)
        except AlreadyExistsError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=contenders) as pool:
        outcomes = list(pool.map(attempt, range(contenders)))

    winners = [o for o in outcomes if isinstance(o, Order)]
    losers = [o for o in outcomes if isinstance(o, AlreadyExistsError)]
    assert len(winners) == 1, outcomes
    assert len(losers) == contenders - 1, outcomes
    assert {e.details[0]["order_id"] for e in losers} == {winners[0].id}
    assert [s.id for s in db.collection(names.orders).stream()] == [winners[0].id]
    assert [s.to_dict() for s in db.collection(names.order_numbers).stream()] == [
        {"order_number": "RACE-1", "order_id": winners[0].id}
    ]


def test_renumbering_moves_the_claim(db, names, transactions, reader, caller, place):
    order = place(order_number="OLD-1")

    service.update_order(transactions, order.id, OrderUpdate(order_number="NEW-1"), caller)

    assert claim(db, names, "OLD-1") is None
    assert claim(db, names, "NEW-1") == {"order_number": "NEW-1", "order_id": order.id}
    assert place(order_number="OLD-1").order_number == "OLD-1"


def test_renumbering_to_a_taken_number_fails_and_changes_nothing(db, names, transactions, reader, caller, place):
    holder = place(order_number="A-1")
    other = place(order_number="B-1")

    with pytest.raises(AlreadyExistsError) as taken:
        service.update_order(transactions, other.id, OrderUpdate(order_number="a-1", notes="x"), caller)

    assert taken.value.details[0]["order_id"] == holder.id
    assert reader.get(other.id) == other
    assert claim(db, names, "B-1") == {"order_number": "B-1", "order_id": other.id}


def test_changing_only_the_case_keeps_the_claim(db, names, transactions, reader, caller, place):
    order = place(order_number="case-1")

    updated = service.update_order(transactions, order.id, OrderUpdate(order_number="CASE-1"), caller)

    assert updated.order_number == "CASE-1"
    assert claim(db, names, "case-1") == {"order_number": "case-1", "order_id": order.id}


def test_deleting_releases_the_number(db, names, transactions, reader, caller, place):
    order = place(order_number="DEL-1")

    service.delete_order(transactions, order.id, caller)

    assert reader.get(order.id) is None and claim(db, names, "DEL-1") is None
    assert place(order_number="DEL-1").id != order.id
    with pytest.raises(NotFoundError):
        service.delete_order(transactions, order.id, caller)


def test_a_stale_claim_is_released_on_create(db, names, place):
    db.collection(names.order_numbers).document(ORDER_NUMBER_CLAIMS.claim_id("GHOST-1")).set(
        {"order_number": "GHOST-1", "order_id": "gone"}
    )

    order = place(order_number="GHOST-1")

    assert claim(db, names, "GHOST-1") == {"order_number": "GHOST-1", "order_id": order.id}


def test_concurrent_deliveries_credit_once(transactions, customers, caller, order_customer, place, move_order):
    shipped = move_order(place(total="40.00"), *TO_DELIVERED[:-1])
    racers = 5
    start = threading.Barrier(racers)

    def deliver(_: int) -> str:
        start.wait()
        try:
            service.transition_order(transactions, shipped.id, OrderStatus.DELIVERED, caller)
        except FailedPreconditionError:
            return "refused"
        return "delivered"

    with ThreadPoolExecutor(max_workers=racers) as pool:
        outcomes = sorted(pool.map(deliver, range(racers)))

    assert outcomes == ["delivered"] + ["refused"] * (racers - 1)
    assert lifetime_value(customers, order_customer.id) == Decimal("40.00")


def test_orders_need_an_active_customer(transactions, db, names, customers, caller, order_customer, place):
    with pytest.raises(ValidationFailedError) as unknown:
        place(customer_id="nobody")
    customer_service.delete_customer(transactions, order_customer.id, caller)
    with pytest.raises(ValidationFailedError) as deleted:
        place()

    assert unknown.value.details[0]["field"] == deleted.value.details[0]["field"] == "customer_id"
    assert list(db.collection(names.orders).stream()) == []
    assert list(db.collection(names.order_numbers).stream()) == []


def test_lists_filter_order_and_page(transactions, reader, caller, create, order_customer, place, move_order):
    other = create(name="Other Customer")
    small = place(order_number="b-2", total="5.00")
    big = place(order_number="A-3", total="500.00", owner_id="rep-7")
    move_order(big, OrderStatus.CONFIRMED)
    mid = place(order_number="c-1", total="50.00", customer_id=other.id)

    def ids(**params: Any) -> list[str]:
        return [o.id for o in service.list_orders(reader, OrderListParams(**params), admin_caller()).results]

    assert ids() == [mid.id, big.id, small.id]
    assert ids(order_by="created_at") == [small.id, big.id, mid.id]
    assert ids(order_by="total") == [small.id, mid.id, big.id]
    assert ids(order_by="-total") == [big.id, mid.id, small.id]
    assert ids(order_by="order_number") == [big.id, small.id, mid.id]
    assert ids(customer_id=order_customer.id) == [big.id, small.id]
    assert ids(status="confirmed") == [big.id]
    assert ids(owner_id="rep-7") == [big.id]
    assert ids(owner_id=caller.uid, customer_id=order_customer.id, status="pending") == [small.id]

    first = service.list_orders(reader, OrderListParams(page_size=2, order_by="total"), admin_caller())
    assert (first.total, [o.id for o in first.results]) == (3, [small.id, mid.id])
    following = OrderListParams(page_size=2, order_by="total", cursor=first.next_cursor)
    rest = service.list_orders(reader, following, admin_caller())
    assert ([o.id for o in rest.results], rest.page, rest.next_cursor) == ([big.id], 2, None)
