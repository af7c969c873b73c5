"""The person aggregate: a contact person of a customer, its models (create, update, public, list page) and the
rules that change it. Channels are typed contacts validated and normalized as a customer's are."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints, computed_field, field_validator, model_validator

from crm.domain.common import InputModel, Label, Versioned, refuse_null
from crm.domain.contacts import checked_email, checked_phone
from crm.domain.customers import (
    MAX_CONTACTS,
    PHONE_TYPES,
    Contact,
    ContactType,
    Customer,
    UserId,
    merge_contact_shorthand,
    primary_value,
)
from crm.domain.paging import ListPage
from crm.domain.search.ranking import SearchMatch
from crm.domain.search_tokens import fold
from crm.errors import FailedPreconditionError, ValidationFailedError

MAX_PEOPLE_PER_CUSTOMER = 100
PERSON_NOTES_LENGTH = 5000

PersonName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
NOT_NULLABLE = ("contacts", "primary", "do_not_call", "email_opt_out", "owner_id")
SERVER_OWNED = frozenset({"id", "customer_id", "customer_name", "customer_organization", "name", "created_at",
                          "updated_at", "deleted_at", "version"})


class PersonFields(InputModel):
    """Fields a caller may write; every one optional, as in a partial update."""

    server_owned_fields = SERVER_OWNED

    first_name: PersonName | None = None
    last_name: PersonName | None = None
    job_title: Label | None = None
    department: Label | None = None
    contacts: Annotated[list[Contact], Field(max_length=MAX_CONTACTS)] | None = None
    email: Annotated[str, Field(max_length=320, description="Shorthand for the primary email contact")] | None = None
    phone: Annotated[str, Field(max_length=64, description="Shorthand for the primary phone contact")] | None = None
    primary: Annotated[bool, Field(description="The customer's primary person; marking one unmarks the other")] \
        | None = None
    do_not_call: bool | None = None
    email_opt_out: bool | None = None
    notes: Annotated[str, StringConstraints(strip_whitespace=True, max_length=PERSON_NOTES_LENGTH)] | None = None
    owner_id: Annotated[UserId, Field(description="The customer's owner unless given; only managers and admins give "
                                                  "a person to someone else")] | None = None

    _not_null = refuse_null(*NOT_NULLABLE)

    _check_email = field_validator("email")(checked_email)
    _check_phone = field_validator("phone")(checked_phone)

    @model_validator(mode="after")
    def _check_contacts(self) -> PersonFields:
        if self.contacts is not None:
            merge_contact_shorthand(self.contacts, self.email, self.phone)
        return self


class PersonCreate(PersonFields):
    """A new contact person of the customer named in the path: a first or a last name at least."""

    @model_validator(mode="after")
    def _named(self) -> PersonCreate:
        if not (self.first_name or self.last_name):
            message = "a person needs a first_name or a last_name"
            raise ValidationFailedError(message, [{"field": f, "message": message}
                                                  for f in ("first_name", "last_name")])
        return self


class PersonUpdate(PersonFields):
    """A partial update: only the fields present in the request change (PUT and PATCH alike)."""


class Person(Versioned):
    """A contact person as stored and as served."""

    id: str
    customer_id: str
    customer_name: str = Field("", description="The customer's name, kept in step with it")
    customer_organization: str | None = Field(None, description="The customer's organization, kept in step")
    first_name: str | None = None
    last_name: str | None = None
    job_title: str | None = None
    department: str | None = None
    contacts: list[Contact] = []
    primary: bool = False
    do_not_call: bool = False
    email_opt_out: bool = False
    notes: str | None = None
    owner_id: str | None = None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None

    @computed_field(description="First and last name")
    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @computed_field
    @property
    def email(self) -> str | None:
        return primary_value(self.contacts, (ContactType.EMAIL,))

    @computed_field
    @property
    def phone(self) -> str | None:
        return primary_value(self.contacts, PHONE_TYPES)

    def emails(self) -> list[str]:
        return [c.value for c in self.contacts if c.type is ContactType.EMAIL]

    def name_sort_key(self) -> str:
        return fold(self.name)

    @property
    def active(self) -> bool:
        return self.deleted_at is None


class PersonListItem(Person):
    """A person in a list: with ``match`` when the list answers a search."""

    match: SearchMatch | None = Field(None, description="How the person matched the search; null without search")


class PeoplePage(ListPage[PersonListItem]):
    """One page of contact persons."""


def new_person(data: PersonCreate, *, person_id: str, customer: Customer, by: str, now: datetime) -> Person:
    """A person of ``customer``, owned by the owner given, else the customer's owner, else its creator."""
    contacts = merge_contact_shorthand(data.contacts or [], data.email, data.phone)
    fields = data.model_dump(exclude={"contacts", "email", "phone", "owner_id", "primary", "do_not_call",
                                      "email_opt_out"}, exclude_none=True)
    return Person(
        **fields,
        id=person_id,
        customer_id=customer.id,
        customer_name=customer.name,
        customer_organization=customer.organization,
        contacts=contacts,
        primary=bool(data.primary),
        do_not_call=bool(data.do_not_call),
        email_opt_out=bool(data.email_opt_out),
        owner_id=data.owner_id or customer.owner_id or by,
        created_at=now,
        updated_at=now,
    )


def apply_update(person: Person, update: PersonUpdate, *, now: datetime) -> Person:
    """Return ``person`` with the fields present in ``update`` applied; absent fields keep their value.

    Raises:
        ValidationFailedError: the update leaves the person without a first or last name.
    """
    changes: dict[str, Any] = {
        name: getattr(update, name) for name in update.model_fields_set if name not in {"email", "phone"}
    }
    if update.email is not None or update.phone is not None:
        base = changes.get("contacts", person.contacts)
        changes["contacts"] = merge_contact_shorthand(base, update.email, update.phone)
    changed = person.model_copy(update={**changes, "updated_at": now})
    if not changed.name:
        message = "a person needs a first_name or a last_name"
        raise ValidationFailedError(message, [{"field": f, "message": message} for f in ("first_name", "last_name")])
    return changed


def unmark_primary(person: Person, *, now: datetime) -> Person:
    return person.model_copy(update={"primary": False, "updated_at": now})


def soft_delete(person: Person, *, now: datetime) -> Person:
    return person.model_copy(update={"deleted_at": now, "updated_at": now})


def restore(person: Person, customer: Customer, *, keeps_primary: bool, now: datetime) -> Person:
    """Bring a deleted person back under its customer's current name; it stays primary only if no other person of
    the customer became primary meanwhile.

    Raises:
        FailedPreconditionError: the person is not deleted.
    """
    if person.deleted_at is None:
        raise FailedPreconditionError(f"person {person.id} is not deleted")
    return person.model_copy(update={"deleted_at": None, **customer_fields(customer), "updated_at": now,
                                     "primary": person.primary and keeps_primary})


def moved_to(person: Person, customer: Customer, *, keeps_primary: bool, now: datetime) -> Person:
    """The person under another customer (a merge): the customer's name follows, and it stays primary only if
    that customer has no primary person yet."""
    return person.model_copy(update={"customer_id": customer.id, **customer_fields(customer), "updated_at": now,
                                     "primary": person.primary and keeps_primary})


def customer_fields(customer: Customer) -> dict[str, Any]:
    """What a person keeps of its customer: its name and organization, to be found by and shown with them."""
    return {"customer_name": customer.name, "customer_organization": customer.organization}


def renamed_customer(person: Person, customer: Customer, *, now: datetime) -> Person | None:
    """The person with its customer's new name and organization, or None when it already carries them."""
    fields = customer_fields(customer)
    if all(getattr(person, key) == value for key, value in fields.items()):
        return None
    return person.model_copy(update={**fields, "updated_at": now})


def require_room(active_people: int) -> None:
    """A customer holds at most MAX_PEOPLE_PER_CUSTOMER active people.

    Raises:
        FailedPreconditionError: it holds that many already.
    """
    if active_people >= MAX_PEOPLE_PER_CUSTOMER:
        raise FailedPreconditionError(
            f"a customer holds at most {MAX_PEOPLE_PER_CUSTOMER} active people; delete one first")
