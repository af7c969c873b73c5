"""What follows from any customer write, in its transaction: a new parent account is checked (it exists, the caller
sees it, no cycle, bounded depth), and the customer's people follow its name, its deletion and its restore."""

from __future__ import annotations

from crm.domain import access
from crm.domain.accounts.hierarchy import check_parent
from crm.domain.customers import Customer
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.people.people import customer_people_changes
from crm.services.ports import Transaction


def follow_customer_write(tx: Transaction, before: Customer | None, after: Customer, caller: Caller) -> None:
    """Check and carry out what ``after`` (``before``: as read, None for a new customer) means for its parent
    account and its people.

    Raises:
        ValidationFailedError: on ``parent_id``.
    """
    if after.parent_id is not None and after.parent_id != (before.parent_id if before else None):
        parent = tx.customers.get_active(after.parent_id)
        if parent is None or not access.sees(caller, parent.owner_id):
            raise invalid("parent_id", f"customer {after.parent_id} does not exist or is deleted")
        check_parent(after.id, parent, tx.customers.get)
    customer_people_changes(tx, before, after)
