"""What a person is searched by: first and last name (forgiving one typo), then emails and phones, then the name and
organization of the customer the person belongs to ("maria acme" finds Maria at Acme)."""

from __future__ import annotations

from datetime import datetime

from crm.domain.contacts import national_digits
from crm.domain.customers import PHONE_TYPES, ContactType
from crm.domain.people.persons import Person
from crm.domain.search.schema import FieldKind, SearchField, SearchSchema
from crm.domain.search_tokens import phone_digit_forms

PERSON_SEARCH = SearchSchema(
    fields=(
        SearchField("name", 0, typos=True),
        SearchField("email", 1),
        SearchField("phone", 1, FieldKind.DIGITS),
        SearchField("contact", 1),
        SearchField("customer", 2),
    )
)


def person_search_values(person: Person) -> dict[str, list[str]]:
    emails, phones, others = [], [], []
    for contact in person.contacts:
        if contact.type is ContactType.EMAIL:
            emails.append(contact.value)
        elif contact.type in PHONE_TYPES:
            phones += phone_digit_forms(contact.value, *national_digits(contact.value))
        else:
            others.append(contact.value)
    names = [part for part in (person.first_name, person.last_name) if part]
    customer = [text for text in (person.customer_name, person.customer_organization) if text]
    return {"name": names, "email": emails, "phone": phones, "contact": others, "customer": customer}


def person_activity(person: Person) -> datetime:
    """When the person last changed, for ranking equally good matches."""
    return person.updated_at
