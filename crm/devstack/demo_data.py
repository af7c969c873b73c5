"""Realistic, reproducible demo customers for the local service and the benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator

from crm.domain.common import utc_now
from crm.domain.customers import Customer, CustomerCreate, new_customer

FIRST = ["Maria", "Giorgos", "Eleni", "Nikos", "Katerina", "Dimitris", "Sofia", "Yannis", "Anna", "Kostas",
         "John", "Emma", "Lucas", "Mia", "Oliver", "Chloé", "Jürgen", "Ana", "Pedro", "Zoë"]
LAST = ["Papadopoulos", "Georgiou", "Nikolaou", "Ioannou", "Karagiannis", "Vlachos", "Smith", "Müller",
        "García", "Rossi", "Dubois", "Novak", "Kowalski", "Jensen", "O'Brien", "Costa", "Athanasiou"]
COMPANY_WORDS = ["Acme", "Aegean", "Olympus", "Hellas", "Nordic", "Blue", "Delta", "Atlas", "Orion", "Vertex",
                 "Kyma", "Ionian", "Cyclades", "Apollo", "Helios", "Meltemi", "Lambda", "Pella", "Corinth", "Zephyr"]
COMPANY_KINDS = ["Trading", "Games", "Logistics", "Foods", "Hotels", "Software", "Marine", "Retail", "Labs"]
CITIES = [("Athens", "GR", "Attica"), ("Thessaloniki", "GR", "Central Macedonia"), ("Patras", "GR", "Western Greece"),
          ("Heraklion", "GR", "Crete"), ("Αθήνα", "GR", "Αττική"), ("Berlin", "DE", None), ("Lyon", "FR", None),
          ("Milano", "IT", "Lombardia"), ("Lisboa", "PT", None), ("London", "GB", None)]
TAGS = ["vip", "wholesale", "retail", "arcade", "newsletter", "partner", "b2b", "events"]
STATUSES = ["lead", "lead", "prospect", "customer", "customer", "churned"]
SOURCES = ["website", "referral", "advertising", "cold_outreach", "other"]
OWNERS = ["rep-maria", "rep-nikos", "rep-emma"]


def demo_customers(count: int, *, seed: int = 7, new_id) -> Iterator[Customer]:
    """``count`` customers, owned in turn by the demo reps; the same seed gives the same people, companies, emails
    and phones."""
    rng = random.Random(seed)
    now = utc_now()
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
        city, country, region = rng.choice(CITIES)
        handle = f"{first}.{last}".lower().replace("'", "").encode("ascii", "ignore").decode()
        data = CustomerCreate.model_validate(
            {
                "name": f"{first} {last}",
                "organization": company,
                "email": f"{handle}.{n}@{company.split()[0].lower()}.example",
                "phone": f"+30 69{rng.randrange(10**7, 10**8)}",
                "location": {"city": city, "country": country, "region": region},
                "tags": rng.sample(TAGS, rng.randrange(0, 3)),
                "status": rng.choice(STATUSES),
                "source": rng.choice(SOURCES),
                "owned_items": [{"type": "console_device", "device_id": f"DEV-{n:06d}", "label": "Cabinet"}]
                if rng.random() < 0.3
                else [],
            },
            context={"phone_region": "GR"},
        )
        owner = OWNERS[n % len(OWNERS)]
        yield new_customer(data, customer_id=new_id(), by=owner, now=now, default_language="el")
