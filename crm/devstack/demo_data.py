"""Realistic, reproducible demo customers for the local service and the benchmarks.

Greek customers, named in Greek or (as often) in Latin, foreign customers, companies with their own web domains,
business or personal emails, Greek mobiles and landlines or foreign numbers, and activity spread over two years.
The same seed gives the same people, companies, emails, phones and relative times.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from crm.devstack import demo_names as n
from crm.domain.common import utc_now
from crm.domain.customers import Customer, CustomerCreate, new_customer
from crm.domain.search_tokens import fold

CITIES = [("Athens", "GR", "Attica"), ("Thessaloniki", "GR", "Central Macedonia"), ("Patras", "GR", "Western Greece"),
          ("Heraklion", "GR", "Crete"), ("Αθήνα", "GR", "Αττική"), ("Θεσσαλονίκη", "GR", "Κεντρική Μακεδονία")]
FOREIGN_CITIES = [("Berlin", "DE", None), ("Lyon", "FR", None), ("Milano", "IT", "Lombardia"), ("Lisboa", "PT", None),
                  ("London", "GB", None)]
FOREIGN_PHONES = ["+44 20 7946 {4}", "+49 30 {8}", "+33 1 {8}", "+39 02 {8}"]
TAGS = ["vip", "wholesale", "retail", "arcade", "newsletter", "partner", "b2b", "events"]
STATUSES = ["lead", "lead", "prospect", "customer", "customer", "churned"]
SOURCES = ["website", "referral", "advertising", "cold_outreach", "other"]
OWNERS = ["rep-maria", "rep-nikos", "rep-emma"]
GREEK_SCRIPT, GREEK_IN_LATIN = 0.45, 0.35  # the rest are foreign names


def demo_customers(count: int, *, seed: int = 7, new_id: Callable[[], str]) -> Iterator[Customer]:
    """``count`` customers, owned in turn by the demo reps."""
    rng = random.Random(seed)
    now = utc_now()
    for index in range(count):
        person = _person(rng)
        company = _company(rng) if rng.random() < 0.75 else None
        domain = company[1] if company and rng.random() < 0.7 else rng.choice(n.FREE_MAIL)
        handle = fold(f"{person['first_latin']}.{person['last_latin']}").replace("'", "").replace(" ", "")
        body: dict[str, Any] = {
            "name": f"{person['first']} {person['last']}",
            "email": f"{handle}.{index}@{domain}",
            "phone": _phone(rng, person["greek"]),
            "location": dict(zip(("city", "country", "region"),
                                 rng.choice(CITIES if person["greek"] else FOREIGN_CITIES), strict=True)),
            "tags": rng.sample(TAGS, rng.randrange(0, 3)),
            "status": rng.choice(STATUSES),
            "source": rng.choice(SOURCES),
        }
        if company:
            body["organization"] = company[0]
        if rng.random() < 0.15:
            body["contacts"] = [{"type": "whatsapp", "value": _phone(rng, person["greek"])}]
        if rng.random() < 0.3:
            body["owned_items"] = [{"type": "console_device", "device_id": f"DEV-{index:06d}", "label": "Cabinet"}]
        data = CustomerCreate.model_validate(body, context={"phone_region": "GR"})
        updated = now - timedelta(seconds=rng.randrange(0, 730 * 86400))
        created = updated - timedelta(seconds=rng.randrange(0, 365 * 86400))
        customer = new_customer(data, customer_id=new_id(), by=OWNERS[index % len(OWNERS)], now=created,
                                default_language="el" if person["greek"] else "en")
        yield customer.model_copy(update={"updated_at": updated})


def _person(rng: random.Random) -> dict:
    draw = rng.random()
    if draw >= GREEK_SCRIPT + GREEK_IN_LATIN:
        first, last = rng.choice(n.FOREIGN_FIRST), rng.choice(n.FOREIGN_LAST)
        return {"first": first, "last": last, "first_latin": first, "last_latin": last, "greek": False}
    woman = rng.random() < 0.5
    first_greek, first_latin = rng.choice(n.GREEK_WOMEN if woman else n.GREEK_MEN)
    surname = rng.choice(n.GREEK_SURNAMES)
    last_greek, last_latin = (surname[1], surname[3]) if woman else (surname[0], surname[2])
    in_greek = draw < GREEK_SCRIPT
    return {"first": first_greek if in_greek else first_latin, "last": last_greek if in_greek else last_latin,
            "first_latin": first_latin, "last_latin": last_latin, "greek": True}


def _company(rng: random.Random) -> tuple[str, str]:
    """A company name and its web domain."""
    if rng.random() < 0.25:
        (word, slug), (kind, kind_slug) = rng.choice(n.GREEK_COMPANY_WORDS), rng.choice(n.GREEK_COMPANY_KINDS)
        return f"{word} {kind}{rng.choice(n.GREEK_SUFFIXES)}", f"{slug}-{kind_slug}.gr"
    (word, slug), (kind, kind_slug) = rng.choice(n.COMPANY_WORDS), rng.choice(n.COMPANY_KINDS)
    return f"{word} {kind}{rng.choice(n.LATIN_SUFFIXES)}", f"{slug}-{kind_slug}.{rng.choice(['gr', 'com'])}"


def _phone(rng: random.Random, greek: bool) -> str:
    if not greek:
        pattern = rng.choice(FOREIGN_PHONES)
        return pattern.replace("{4}", _digits(rng, 4)).replace("{8}", _digits(rng, 8))
    if rng.random() < 0.6:
        return f"+30 69{rng.choice('3479')} {_digits(rng, 3)} {_digits(rng, 4)}"
    return rng.choice([f"+30 210 {_digits(rng, 3)} {_digits(rng, 4)}", f"+30 2310 {_digits(rng, 6)}"])


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))
