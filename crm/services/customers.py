"""Customer use cases: create, read, list and search, change, note, upgrade, delete and restore."""

from __future__ import annotations

from collections.abc import Callable

from crm.domain import access
from crm.domain import customers as rules
from crm.domain.common import require_version, utc_now
from crm.domain.customer_queries import CustomerListParams, DeletedCustomerListParams
from crm.domain.customers import Customer, CustomerCreate, CustomersPage, CustomerUpdate
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.accounts.follow import follow_customer_write
from crm.services.catalog.references import with_owned_products
from crm.services.ports import CustomerReader, Transaction, Transactions
from crm.services.qualification.follow import followed_lead, placed_new_lead


def create_customer(transactions: Transactions, data: CustomerCreate, caller: Caller, *,
                    default_language: str) -> Customer:
    """Create a customer owned by the caller, or by the owner_id a manager or admin names.

    Raises:
        PermissionDeniedError: a rep named another owner.
        AlreadyExistsError: one of its emails belongs to another active customer.
    """
    access.check_owner_change(caller, data)

    def work(tx: Transaction) -> Customer:
        new = rules.new_customer(data, customer_id=tx.customers.new_id(), by=caller.uid, now=utc_now(),
                                 default_language=default_language)
        new = placed_new_lead(tx, with_owned_products(tx, None, new))
        follow_customer_write(tx, None, new, caller)
        tx.customers.put(new, None)
        return new

    return transactions.run(work, actor=caller)


def get_customer(reader: CustomerReader, customer_id: str, caller: Caller) -> Customer:
    """One active customer.

    Raises:
        NotFoundError: no active customer has this id, or the caller may not see it.
    """
    customer = reader.get(customer_id)
    if customer is None or customer.deleted_at is not None or not access.sees(caller, customer.owner_id):
        raise _not_found(customer_id)
    return customer


def list_customers(reader: CustomerReader, params: CustomerListParams, caller: Caller) -> CustomersPage:
    """One page of the active customers matching ``params``; a rep's list holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's customers.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    return CustomersPage.of(reader.list(params), params.page_size)


def list_deleted_customers(reader: CustomerReader, params: DeletedCustomerListParams, caller: Caller) -> CustomersPage:
    """One page of deleted customers, most recently deleted first, for restoring them; a rep's holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's customers.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    return CustomersPage.of(reader.list_deleted(params), params.page_size)


def update_customer(transactions: Transactions, customer_id: str, data: CustomerUpdate, caller: Caller,
                    if_match: str | None = None) -> Customer:
    """Apply the fields present in ``data``; only a manager or admin changes the owner.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        PermissionDeniedError: a rep named another owner.
        PreconditionFailedError: ``if_match`` names another version.
        AlreadyExistsError: a new email belongs to another active customer.
    """
    access.check_owner_change(caller, data)

    def update(customer: Customer) -> Customer:
        require_version(customer, if_match, "customer")
        return rules.apply_update(customer, data, now=utc_now())

    return _change(transactions, customer_id, caller, update)


def add_note(transactions: Transactions, customer_id: str, text: str, caller: Caller) -> Customer:
    """Append a note by the caller.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        FailedPreconditionError: the customer has as many notes as it may hold.
    """
    return _change(transactions, customer_id, caller, lambda c: rules.add_note(c, text, by=caller.uid, now=utc_now()))


def upgrade_customer(transactions: Transactions, customer_id: str, caller: Caller) -> Customer:
    """Move a lead or prospect to customer.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        FailedPreconditionError: the customer is already a customer, or churned.
    """
    return _change(transactions, customer_id, caller, lambda c: rules.upgrade(c, now=utc_now()))


def delete_customer(transactions: Transactions, customer_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Soft-delete: the customer disappears from reads and lists and releases its emails.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        PreconditionFailedError: ``if_match`` names another version.
    """

    def delete(customer: Customer) -> Customer:
        require_version(customer, if_match, "customer")
        now = utc_now()
        return customer.model_copy(update={"deleted_at": now, "updated_at": now})

    _change(transactions, customer_id, caller, delete)


def restore_customer(transactions: Transactions, customer_id: str, caller: Caller) -> Customer:
    """Bring back a soft-deleted customer.

    Raises:
        NotFoundError: no customer has this id (that the caller may see).
        FailedPreconditionError: the customer is not deleted.
        AlreadyExistsError: one of its emails has been taken by another customer meanwhile.
    """

    def work(tx: Transaction) -> Customer:
        current = tx.customers.get(customer_id)
        if current is None or not access.sees(caller, current.owner_id):
            raise _not_found(customer_id)
        if current.deleted_at is None:
            raise FailedPreconditionError(f"customer {customer_id} is not deleted")
        restored = current.model_copy(update={"deleted_at": None, "merged_into": None, "updated_at": utc_now()})
        follow_customer_write(tx, current, restored, caller)
        tx.customers.put(restored, current)
        return restored

    return transactions.run(work, actor=caller, lock=[f"customers/{customer_id}"])


def _change(transactions: Transactions, customer_id: str, caller: Caller,
            change: Callable[[Customer], Customer]) -> Customer:
    """Change an active customer the caller may see, in one transaction."""

    def work(tx: Transaction) -> Customer:
        current = tx.customers.get_active(customer_id)
        if current is None or not access.sees(caller, current.owner_id):
            raise _not_found(customer_id)
        changed = change(current)
        changed = followed_lead(tx, current, with_owned_products(tx, current, changed))
        follow_customer_write(tx, current, changed, caller)
        tx.customers.put(changed, current)
        return changed

    return transactions.run(work, actor=caller, lock=[f"customers/{customer_id}"])


def _not_found(customer_id: str) -> NotFoundError:
    return NotFoundError(f"customer {customer_id} not found")
