"""What a customer is searched by: name, then organization, then contact values (emails by their words, phones
by their digits, other contacts by their words); names and organizations forgive one typo."""

from __future__ import annotations

from datetime import datetime

from crm.domain.contacts import national_digits
from crm.domain.customers import PHONE_TYPES, ContactType, Customer
from crm.domain.search.schema import FieldKind, SearchField, SearchSchema
from crm.domain.search_tokens import phone_digit_forms

CUSTOMER_SEARCH = SearchSchema(
    fields=(
        SearchField("name", 0, typos=True),
        SearchField("organization", 1, typos=True),
        SearchField("email", 2),
        SearchField("phone", 2, FieldKind.DIGITS),
        SearchField("contact", 2),
    )
)


def customer_search_values(customer: Customer) -> dict[str, list[str]]:
    emails, phones, others = [], [], []
    for contact in customer.contacts:
        if contact.type is ContactType.EMAIL:
            emails.append(contact.value)
        elif contact.type in PHONE_TYPES:
            phones += phone_digit_forms(contact.value, *national_digits(contact.value))
        else:
            others.append(contact.value)
    organization = [customer.organization] if customer.organization else []
    return {"name": [customer.name], "organization": organization, "email": emails, "phone": phones,
            "contact": others}


def customer_activity(customer: Customer) -> datetime:
    """When the customer was last active: its latest change or activity, for ranking equally good matches."""
    if customer.last_activity_at is not None and customer.last_activity_at > customer.updated_at:
        return customer.last_activity_at
    return customer.updated_at
