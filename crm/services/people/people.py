"""Contact person use cases: create, read, list and search, change, mark primary, delete and restore."""

from __future__ import annotations

from collections.abc import Callable

from crm.domain import access
from crm.domain.common import require_version, utc_now
from crm.domain.customers import Customer
from crm.domain.people import persons as rules
from crm.domain.people.persons import PeoplePage, Person, PersonCreate, PersonUpdate
from crm.domain.people.queries import PersonListParams
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.ports import PersonReader, Transaction, Transactions


def create_person(transactions: Transactions, customer_id: str, data: PersonCreate, caller: Caller) -> Person:
    """Add a contact person to an active customer; owned by the customer's owner unless a manager or admin names
    another (a rep may name only themself).

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        PermissionDeniedError: a rep named another owner.
        FailedPreconditionError: the customer holds as many people as it may.
        AlreadyExistsError: one of the person's emails belongs to another active person.
    """
    access.check_owner_change(caller, data)

    def work(tx: Transaction) -> Person:
        customer = tx.customers.get_active(customer_id)
        if customer is None or not access.sees(caller, customer.owner_id):
            raise NotFoundError(f"customer {customer_id} not found")
        rules.require_room(tx.account_totals.people(customer_id))
        person = rules.new_person(data, person_id=tx.people.new_id(), customer=customer, by=caller.uid, now=utc_now())
        if person.primary:
            _unmark_other_primaries(tx, person)
        tx.people.put(person, None)
        return person

    return transactions.run(work, actor=caller, lock=[f"customers/{customer_id}"])


def get_person(reader: PersonReader, person_id: str, caller: Caller) -> Person:
    """One active person.

    Raises:
        NotFoundError: no active person has this id (that the caller may see).
    """
    return _visible(reader.get(person_id), person_id, caller)


def list_people(reader: PersonReader, params: PersonListParams, caller: Caller) -> PeoplePage:
    """One page of the active people matching ``params``; a rep's list holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's people.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    return PeoplePage.of(reader.list(params), params.page_size)


def update_person(transactions: Transactions, person_id: str, data: PersonUpdate, caller: Caller,
                  if_match: str | None = None) -> Person:
    """Apply the fields present in ``data``; marking the person primary unmarks the customer's other primary.

    Raises:
        NotFoundError: no active person has this id (that the caller may see).
        PermissionDeniedError: a rep named another owner.
        PreconditionFailedError: ``if_match`` names another version.
        AlreadyExistsError: a new email belongs to another active person.
    """
    access.check_owner_change(caller, data)

    def change(tx: Transaction, person: Person) -> Person:
        require_version(person, if_match, "person")
        changed = rules.apply_update(person, data, now=utc_now())
        if changed.primary and not person.primary:
            _unmark_other_primaries(tx, changed)
        return changed

    return _change(transactions, person_id, caller, change)


def delete_person(transactions: Transactions, person_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Soft-delete: the person leaves lists and searches and releases its emails; it can be restored.

    Raises:
        NotFoundError: no active person has this id (that the caller may see).
        PreconditionFailedError: ``if_match`` names another version.
    """

    def delete(tx: Transaction, person: Person) -> Person:
        require_version(person, if_match, "person")
        return rules.soft_delete(person, now=utc_now())

    _change(transactions, person_id, caller, delete)


def restore_person(transactions: Transactions, person_id: str, caller: Caller) -> Person:
    """Bring back a deleted person, under its customer's current name; primary again only if its customer has no
    other primary person now.

    Raises:
        NotFoundError: no person has this id (that the caller may see).
        FailedPreconditionError: the person is not deleted, its customer is deleted, or the customer is full.
        AlreadyExistsError: one of its emails was taken by another person meanwhile.
    """

    def work(tx: Transaction) -> Person:
        person = tx.people.get(person_id)
        if person is None or not access.sees(caller, person.owner_id):
            raise _not_found(person_id)
        if person.active:
            raise FailedPreconditionError(f"person {person_id} is not deleted")
        customer = tx.customers.get_active(person.customer_id)
        if customer is None:
            raise FailedPreconditionError(f"person {person_id} belongs to customer {person.customer_id}, which is "
                                          "deleted: restore the customer first")
        rules.require_room(tx.account_totals.people(customer.id))
        keeps_primary = not tx.people.primaries(customer.id)
        restored = rules.restore(person, customer, keeps_primary=keeps_primary, now=utc_now())
        tx.people.put(restored, person)
        return restored

    return transactions.run(work, actor=caller, lock=[f"people/{person_id}"])


def _change(transactions: Transactions, person_id: str, caller: Caller,
            change: Callable[[Transaction, Person], Person]) -> Person:
    def work(tx: Transaction) -> Person:
        current = _visible(tx.people.get(person_id), person_id, caller)
        changed = change(tx, current)
        tx.people.put(changed, current)
        return changed

    return transactions.run(work, actor=caller, lock=[f"people/{person_id}"])


def _unmark_other_primaries(tx: Transaction, person: Person) -> None:
    now = utc_now()
    for other in tx.people.primaries(person.customer_id):
        if other.id != person.id:
            tx.people.put(rules.unmark_primary(other, now=now), other)


def customer_people_changes(tx: Transaction, before: Customer | None, after: Customer) -> None:
    """Keep a customer's people in step with it, in the same transaction: its new name on each of them, and the
    people deleted with it (at the same time) and restored with it."""
    now = utc_now()
    if before is None:
        return
    if before.deleted_at is None and after.deleted_at is not None and after.merged_into is None:
        for person in tx.people.of_customer(after.id, rules.MAX_PEOPLE_PER_CUSTOMER + 1, active_only=True):
            tx.people.put(person.model_copy(update={"deleted_at": after.deleted_at, "updated_at": now}), person)
    elif before.deleted_at is not None and after.deleted_at is None:
        for person in tx.people.of_customer(after.id, 10 * rules.MAX_PEOPLE_PER_CUSTOMER):
            if person.deleted_at == before.deleted_at:
                tx.people.put(rules.restore(person, after, keeps_primary=True, now=now), person)
    elif after.deleted_at is None and (before.name, before.organization) != (after.name, after.organization):
        for person in tx.people.of_customer(after.id, rules.MAX_PEOPLE_PER_CUSTOMER + 1, active_only=True):
            renamed = rules.renamed_customer(person, after, now=now)
            if renamed is not None:
                tx.people.put(renamed, person)


def _visible(person: Person | None, person_id: str, caller: Caller) -> Person:
    if person is None or not person.active or not access.sees(caller, person.owner_id):
        raise _not_found(person_id)
    return person


def _not_found(person_id: str) -> NotFoundError:
    return NotFoundError(f"person {person_id} not found")
