"""A deal, order or activity may name a contact person: an active person of its own customer, checked in the
write's transaction."""

from __future__ import annotations

from crm.domain import access
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.ports import Transaction


def check_person(tx: Transaction, person_id: str, customer_id: str, caller: Caller) -> None:
    """Refuse ``person_id`` unless it names an active person of ``customer_id`` that the caller may see.

    Raises:
        ValidationFailedError: on ``person_id``.
    """
    person = tx.people.get(person_id)
    if person is None or not person.active or not access.sees(caller, person.owner_id):
        raise invalid("person_id", f"person {person_id} does not exist or is deleted")
    if person.customer_id != customer_id:
        raise invalid("person_id", f"person {person_id} belongs to customer {person.customer_id}, not {customer_id}")


def check_changed_person(tx: Transaction, person_id: str | None, customer_id: str, caller: Caller, *,
                         was: tuple[str | None, str]) -> None:
    """Check the person a record names after a change, when the person or the record's customer changed; ``was``
    is the (person, customer) pair before."""
    if person_id is not None and (person_id, customer_id) != was:
        check_person(tx, person_id, customer_id, caller)
