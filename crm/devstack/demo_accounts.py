"""Demo contact persons and accounts: people at the demo customers' companies (bulk-written, as customers are), and
through the real use cases a group of companies with sub-accounts and their people, and a likely duplicate."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from crm.devstack import demo_names as n
from crm.domain.access import SYSTEM
from crm.domain.common import utc_now
from crm.domain.customers import Customer, CustomerCreate
from crm.domain.people.persons import Person, PersonCreate, new_person
from crm.domain.search_tokens import fold
from crm.services import customers as customer_service
from crm.services.people import people as people_service
from crm.services.ports import Transactions

JOB_TITLES = ["CEO", "Purchasing manager", "Store manager", "Accountant", "Technician", "Marketing lead",
              "Ιδιοκτήτης", "Υπεύθυνη αγορών", "Λογιστής", "Τεχνικός"]
DEPARTMENTS = ["Purchasing", "Finance", "Operations", "Marketing", "Αγορές", "Λογιστήριο"]
CONTEXT = {"phone_region": "GR"}


def demo_people(customers: list[Customer], count: int, *, seed: int = 19,
                new_id: Callable[[], str]) -> Iterator[Person]:
    """``count`` contact persons, spread over the customers with an organization (their company's people), the
    first of each customer primary, owned by the customer's owner."""
    rng = random.Random(seed)
    companies = [c for c in customers if c.organization] or customers
    now = utc_now()
    seen: set[str] = set()
    for index in range(count):
        customer = companies[index % len(companies)]
        first, last, first_latin, last_latin = _name(rng)
        domain = (customer.email or "x@example.com").rpartition("@")[2]
        handle = fold(f"{first_latin}.{last_latin}").replace("'", "").replace(" ", "")
        body: dict[str, Any] = {"first_name": first, "last_name": last, "job_title": rng.choice(JOB_TITLES),
                                "email": f"{handle}.{index}@{domain}",
                                "phone": f"+30 69{rng.choice('3479')} {rng.randrange(1000000, 9999999)}"}
        if rng.random() < 0.3:
            body["department"] = rng.choice(DEPARTMENTS)
        if rng.random() < 0.1:
            body["do_not_call"] = True
        if rng.random() < 0.1:
            body["email_opt_out"] = True
        body["primary"] = customer.id not in seen
        seen.add(customer.id)
        data = PersonCreate.model_validate(body, context=CONTEXT)
        yield new_person(data, person_id=new_id(), customer=customer, by="system", now=now)


def _name(rng: random.Random) -> tuple[str, str, str, str]:
    if rng.random() < 0.2:
        first, last = rng.choice(n.FOREIGN_FIRST), rng.choice(n.FOREIGN_LAST)
        return first, last, first, last
    woman = rng.random() < 0.5
    first_greek, first_latin = rng.choice(n.GREEK_WOMEN if woman else n.GREEK_MEN)
    surname = rng.choice(n.GREEK_SURNAMES)
    last_greek, last_latin = (surname[1], surname[3]) if woman else (surname[0], surname[2])
    if rng.random() < 0.5:
        return first_greek, last_greek, first_latin, last_latin
    return first_latin, last_latin, first_latin, last_latin


def load_demo_accounts(transactions: Transactions, customers: list[Customer], *, default_language: str = "el") -> int:
    """A group with two sub-accounts, each with its people, and a likely duplicate of a demo customer; returns how
    many customers it made."""
    def create(**body: Any) -> Customer:
        data = CustomerCreate.model_validate(body, context=CONTEXT)
        return customer_service.create_customer(transactions, data, SYSTEM, default_language=default_language)

    group = create(name="Aegean Leisure Group", kind="organization", website="aegean-leisure.gr",
                   industry="Entertainment", size_band="201-500", tax_id="EL094019245", owner_id="rep-maria",
                   annual_revenue={"amount": Decimal("12500000"), "currency": "EUR"}, status="customer",
                   email="info@aegean-leisure.gr", phone="+30 210 600 1000",
                   billing_address={"line1": "Λεωφόρος Συγγρού 100", "city": "Αθήνα", "postal_code": "11741",
                                    "country": "GR"})
    made = [group]
    for name, city, phone in (("Aegean Arcades Athens", "Athens", "+30 210 600 2000"),
                              ("Aegean Arcades Thessaloniki", "Thessaloniki", "+30 2310 600 300")):
        made.append(create(name=name, kind="organization", parent_id=group.id, industry="Entertainment",
                           size_band="11-50", owner_id="rep-maria", status="customer", phone=phone,
                           location={"city": city, "country": "GR"}))
    people = [("Μαρία", "Παπαδοπούλου", "Διευθύντρια αγορών"), ("Nikos", "Alexiou", "CEO"),
              ("Ελένη", "Καραγιάννη", "Λογίστρια"), ("Dimitris", "Georgiou", "Technician")]
    for index, customer in enumerate(made):
        for offset, (first, last, title) in enumerate(people[index: index + 2]):
            email = f"{fold(first)[:1]}.{index}{offset}@aegean-leisure.gr"
            data = PersonCreate.model_validate({"first_name": first, "last_name": last, "job_title": title,
                                                "email": email, "primary": offset == 0}, context=CONTEXT)
            people_service.create_person(transactions, customer.id, data, SYSTEM)
    original = next((c for c in customers if c.phone and c.organization), None)
    if original is not None:
        made.append(create(name=original.name.upper(), organization=original.organization, phone=original.phone,
                           owner_id=original.owner_id, notes=[{"text": "Entered twice at the trade fair"}]))
    return len(made)
