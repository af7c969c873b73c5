"""Customer use cases: create, read, list and search, change, note, upgrade, delete and restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from crm.domain import access
from crm.domain import customers as rules
from crm.domain.common import require_version, utc_now
from crm.domain.customer_queries import CustomerListParams
from crm.domain.customers import Customer, CustomerCreate, CustomersPage, CustomerUpdate
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.store.paging import Page


class CustomerStore(Protocol):
    def new_id(self) -> str: ...
    def get(self, customer_id: str) -> Customer | None: ...
    def save(self, customer_id: str, decide: Callable[[Customer | None], Customer]) -> Customer: ...
    def list(self, params: CustomerListParams) -> tuple[list[Customer], Page]: ...


def create_customer(store: CustomerStore, data: CustomerCreate, caller: Caller, *, default_language: str) -> Customer:
    """Create a customer owned by the caller, or by the owner_id a manager or admin names.

    Raises:
        PermissionDeniedError: a rep named another owner.
        AlreadyExistsError: one of its emails belongs to another active customer.
    """
    access.check_owner_change(caller, data)
    customer_id = store.new_id()
    now = utc_now()
    new = rules.new_customer(data, customer_id=customer_id, by=caller.uid, now=now, default_language=default_language)
    return store.save(customer_id, lambda current: new)


def get_customer(store: CustomerStore, customer_id: str, caller: Caller) -> Customer:
    """One active customer.

    Raises:
        NotFoundError: no active customer has this id, or the caller may not see it.
    """
    customer = store.get(customer_id)
    if customer is None or customer.deleted_at is not None or not access.sees(caller, customer.owner_id):
        raise _not_found(customer_id)
    return customer


def list_customers(store: CustomerStore, params: CustomerListParams, caller: Caller) -> CustomersPage:
    """One page of the active customers matching ``params``; a rep's list holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's customers.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    customers, page = store.list(params)
    return CustomersPage(
        results=customers,
        total=page.total,
        total_exact=page.total_exact,
        page=page.page,
        page_size=params.page_size,
        next_cursor=page.next_cursor,
    )


def update_customer(store: CustomerStore, customer_id: str, data: CustomerUpdate, caller: Caller,
                    if_match: str | None = None) -> Customer:
    """Apply the fields present in ``data``; only a manager or admin changes the owner.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        PermissionDeniedError: a rep named another owner.
        AlreadyExistsError: a new email belongs to another active customer.
    """
    access.check_owner_change(caller, data)

    def update(customer: Customer) -> Customer:
        require_version(customer, if_match, "customer")
        return rules.apply_update(customer, data, now=utc_now())

    return store.save(customer_id, _active(customer_id, caller, update))


def add_note(store: CustomerStore, customer_id: str, text: str, caller: Caller) -> Customer:
    change = _active(customer_id, caller, lambda c: rules.add_note(c, text, by=caller.uid, now=utc_now()))
    return store.save(customer_id, change)


def upgrade_customer(store: CustomerStore, customer_id: str, caller: Caller) -> Customer:
    """Move a lead or prospect to customer.

    Raises:
        FailedPreconditionError: the customer is already a customer, or churned.
    """
    return store.save(customer_id, _active(customer_id, caller, lambda c: rules.upgrade(c, now=utc_now())))


def delete_customer(store: CustomerStore, customer_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Soft-delete: the customer disappears from reads and lists and releases its emails."""
    now = utc_now()

    def delete(customer: Customer) -> Customer:
        require_version(customer, if_match, "customer")
        return customer.model_copy(update={"deleted_at": now, "updated_at": now})

    store.save(customer_id, _active(customer_id, caller, delete))


def restore_customer(store: CustomerStore, customer_id: str, caller: Caller) -> Customer:
    """Bring back a soft-deleted customer.

    Raises:
        NotFoundError: no customer has this id.
        FailedPreconditionError: the customer is not deleted.
        AlreadyExistsError: one of its emails has been taken by another customer meanwhile.
    """

    def restore(current: Customer | None) -> Customer:
        if current is None or not access.sees(caller, current.owner_id):
            raise _not_found(customer_id)
        if current.deleted_at is None:
            raise FailedPreconditionError(f"customer {customer_id} is not deleted")
        return current.model_copy(update={"deleted_at": None, "updated_at": utc_now()})

    return store.save(customer_id, restore)


def _active(customer_id: str, caller: Caller,
            change: Callable[[Customer], Customer]) -> Callable[[Customer | None], Customer]:
    def decide(current: Customer | None) -> Customer:
        if current is None or current.deleted_at is not None or not access.sees(caller, current.owner_id):
            raise _not_found(customer_id)
        return change(current)

    return decide


def _not_found(customer_id: str) -> NotFoundError:
    return NotFoundError(f"customer {customer_id} not found")
