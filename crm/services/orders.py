"""Order use cases: create, read, list, change, delete, and move through statuses; a delivered order's total counts
into its customer's lifetime value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from crm.domain import access
from crm.domain import orders as rules
from crm.domain.common import require_version, to_cents, utc_now
from crm.domain.customers import credit_lifetime_value
from crm.domain.orders import Order, OrderCreate, OrderListParams, OrdersPage, OrderStatus, OrderUpdate
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.lookups import rates_covering, visible_customer
from crm.services.people.links import check_changed_person, check_person
from crm.services.ports import OrderReader, Transaction, Transactions


def create_order(transactions: Transactions, data: OrderCreate, caller: Caller) -> Order:
    """Create a pending order for an active customer, claiming its order number.

    Raises:
        PermissionDeniedError: a rep named another owner.
        ValidationFailedError: the customer does not exist, is deleted or is not the caller's to see, or the
            currency has no rate.
        AlreadyExistsError: another order holds the order number.
    """
    access.check_owner_change(caller, data)

    def work(tx: Transaction) -> Order:
        visible_customer(tx, data.customer_id, caller)
        if data.person_id is not None:
            check_person(tx, data.person_id, data.customer_id, caller)
        rates = rates_covering(tx, data.currency)
        order = rules.new_order(data, order_id=tx.orders.new_id(), currency=rates.base, by=caller.uid, now=utc_now())
        tx.orders.put(order, None)
        return order

    return transactions.run(work, actor=caller)


def get_order(reader: OrderReader, order_id: str, caller: Caller) -> Order:
    return _visible(reader.get(order_id), order_id, caller)


def list_orders(reader: OrderReader, params: OrderListParams, caller: Caller) -> OrdersPage:
    """One page of the orders matching ``params``; a rep's list holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's orders.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    return OrdersPage.of(reader.list(params), params.page_size)


def update_order(transactions: Transactions, order_id: str, data: OrderUpdate, caller: Caller,
                 if_match: str | None = None) -> Order:
    """Apply the fields present in ``data``.

    Raises:
        NotFoundError: no such order (that the caller may see).
        PermissionDeniedError: a rep named another owner.
        FailedPreconditionError: total or currency would change after the order was confirmed.
        ValidationFailedError: a new currency has no rate.
        AlreadyExistsError: a new order number belongs to another order.
    """
    access.check_owner_change(caller, data)

    def change(tx: Transaction, order: Order, now: datetime) -> Order:
        require_version(order, if_match, "order")
        if data.currency and data.currency != order.currency:
            rates_covering(tx, data.currency)
        check_changed_person(tx, data.person_id, order.customer_id, caller, was=(order.person_id, order.customer_id))
        return rules.apply_update(order, data, now=now)

    return _change(transactions, order_id, caller, change)


def transition_order(transactions: Transactions, order_id: str, status: OrderStatus, caller: Caller) -> Order:
    """Move an order to its next status; delivery credits the customer's lifetime value, in the base currency, in
    the same transaction.

    Raises:
        NotFoundError: no such order.
        FailedPreconditionError: ``status`` is not a next status of the order's (the message names those that
            are), or the order's currency has lost its exchange rate.
    """

    def change(tx: Transaction, order: Order, now: datetime) -> Order:
        moved = rules.transition(order, status, by=caller.uid, now=now)
        if moved.status is OrderStatus.DELIVERED:
            cents = tx.config.currency_rates().to_base_cents(to_cents(moved.total), moved.currency)
            credited = _credit_customer(tx, moved.customer_id, cents, now, purchase=True)
            moved = moved.model_copy(update={"ltv_base_cents": credited})
        return moved

    return _change(transactions, order_id, caller, change)


def delete_order(transactions: Transactions, order_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Delete an order and release its number; a delivered order's credit leaves its customer's lifetime value.

    Raises:
        NotFoundError: no such order.
    """

    def work(tx: Transaction) -> None:
        order = _visible(tx.orders.get(order_id), order_id, caller)
        require_version(order, if_match, "order")
        if order.ltv_base_cents:
            _credit_customer(tx, order.customer_id, -order.ltv_base_cents, utc_now(), purchase=False)
        tx.orders.delete(order)

    transactions.run(work, actor=caller, lock=[f"orders/{order_id}"])


def _change(transactions: Transactions, order_id: str, caller: Caller,
            change: Callable[[Transaction, Order, datetime], Order]) -> Order:
    def work(tx: Transaction) -> Order:
        order = _visible(tx.orders.get(order_id), order_id, caller)
        updated = change(tx, order, utc_now())
        tx.orders.put(updated, order)
        return updated

    return transactions.run(work, actor=caller, lock=[f"orders/{order_id}"])


def _credit_customer(tx: Transaction, customer_id: str, cents: int, now: datetime, *, purchase: bool) -> int:
    """Add ``cents`` to the customer's lifetime value (a purchase makes a lead or prospect a customer); returns
    what was credited: nothing when the customer record is gone."""
    customer = tx.customers.get(customer_id)
    if customer is None:
        return 0
    tx.customers.put(credit_lifetime_value(customer, cents, won_deal=purchase, now=now), customer)
    return cents


def _visible(order: Order | None, order_id: str, caller: Caller) -> Order:
    if order is None or not access.sees(caller, order.owner_id):
        raise _not_found(order_id)
    return order


def _not_found(order_id: str) -> NotFoundError:
    return NotFoundError(f"order {order_id} not found")
