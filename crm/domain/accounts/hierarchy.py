"""Parent accounts: a customer's chain of parents has no cycle and a bounded length, checked when a parent is set by
walking up from the new parent (at most MAX_DEPTH reads, inside the write's transaction)."""

from __future__ import annotations

from collections.abc import Callable

from crm.domain.customers import Customer
from crm.errors import ValidationFailedError

MAX_DEPTH = 8

Lookup = Callable[[str], Customer | None]


def check_parent(customer_id: str, parent: Customer, lookup: Lookup) -> None:
    """Refuse ``parent`` for ``customer_id`` when it would close a cycle or make a chain longer than MAX_DEPTH.

    ``parent`` is the new parent (already known to be an active customer the caller may see); ``lookup`` reads a
    customer by id (None when missing) for each ancestor above it.

    Raises:
        ValidationFailedError: on ``parent_id``.
    """
    if parent.id == customer_id:
        raise _invalid("a customer cannot be its own parent account")
    node: Customer | None = parent
    depth = 1
    while node is not None and node.parent_id is not None:
        if node.parent_id == customer_id:
            raise _invalid(f"customer {parent.id} is under {customer_id} already: a parent account cannot also be "
                           "a sub-account")
        depth += 1
        if depth > MAX_DEPTH:
            raise _invalid(f"parent accounts nest at most {MAX_DEPTH} levels deep")
        node = lookup(node.parent_id)


def _invalid(message: str) -> ValidationFailedError:
    return ValidationFailedError(message, [{"field": "parent_id", "message": message}])
