"""Demo deals through the real use cases, so stage history, lifetime values and stats are what users would make."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.domain.deals import DealCreate, StageMove
from crm.domain.identity import Caller, Role
from crm.domain.money import CurrencyRatesUpdate
from crm.services import deals as deal_service
from crm.services import pipelines as pipeline_service
from crm.services.deals import Transactions

DEAL_TITLES = ["Arcade cabinets", "Service contract", "Spare parts", "Event rental", "Software licences",
               "Installation", "Annual maintenance", "Prize machines"]
OWNERS = ["rep-maria", "rep-nikos", "rep-emma"]
DEMO_RATES = {"USD": Decimal("0.92"), "GBP": Decimal("1.17")}


def load_demo_deals(transactions: Transactions, customers: list[Customer], count: int, *, seed: int = 11) -> int:
    """Open ``count`` deals for random customers and walk them to every stage; some are won, some lost."""
    rng = random.Random(seed)
    admin = Caller(uid="demo", role=Role.ADMIN, via="token")
    pipeline_service.set_currency_rates(transactions, CurrencyRatesUpdate(rates=DEMO_RATES), admin)
    stages = pipeline_service.get_pipeline(transactions, "sales").stages
    today = utc_now().date()
    for n in range(count):
        owner = Caller(uid=rng.choice(OWNERS), role=Role.REP, via="token")
        customer = rng.choice(customers)
        deal = deal_service.create_deal(
            transactions,
            DealCreate(
                customer_id=customer.id,
                title=rng.choice(DEAL_TITLES),
                value=Decimal(rng.randrange(5, 500) * 100),
                currency=rng.choice(["EUR", "EUR", "EUR", "USD", "GBP"]),
                expected_close_date=today + timedelta(days=rng.randrange(-30, 180)),
            ),
            owner,
        )
        target = stages[n % len(stages)]
        if target.id == deal.stage:
            continue
        reason = "chose a competitor" if target.kind.value == "lost" else None
        deal_service.move_deal(transactions, deal.id, StageMove(stage=target.id, reason=reason), owner)
    return count
