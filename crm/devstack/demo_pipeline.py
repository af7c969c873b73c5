"""Demo deals, orders and activities through the real use cases, so stage history, lifetime values, stats and
last-activity times are what users would make. The system makes them (as the audit trail says), each owned by the
rep who owns its customer."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from crm.devstack.demo_data import OWNERS
from crm.domain.access import SYSTEM
from crm.domain.activities import ActivityCreate, ActivityPriority, ActivityType
from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.domain.deals import DealCreate, StageMove
from crm.domain.money import CurrencyRatesUpdate
from crm.domain.orders import OrderCreate, OrderStatus
from crm.domain.pipelines import Pipeline, StageKind
from crm.services import activities as activity_service
from crm.services import deals as deal_service
from crm.services import orders as order_service
from crm.services import pipelines as pipeline_service
from crm.services.ports import Transactions

DEAL_TITLES = ["Arcade cabinets", "Service contract", "Spare parts", "Event rental", "Software licences",
               "Installation", "Annual maintenance", "Prize machines"]
DEMO_RATES = {"USD": Decimal("0.92"), "GBP": Decimal("1.17")}


def load_demo_deals(transactions: Transactions, customers: list[Customer], count: int, *, seed: int = 11) -> int:
    """Open ``count`` deals for random customers and walk them to every stage; some are won, some lost."""
    rng = random.Random(seed)
    pipeline_service.set_currency_rates(transactions, CurrencyRatesUpdate(rates=DEMO_RATES), SYSTEM)
    sales = _with_rotting_days(transactions, pipeline_service.get_pipeline(transactions, "sales"))
    stages = sales.stages
    today = utc_now().date()
    for n in range(count):
        customer = rng.choice(customers)
        deal = deal_service.create_deal(
            transactions,
            DealCreate(
                customer_id=customer.id,
                owner_id=_owner_of(customer),
                title=rng.choice(DEAL_TITLES),
                value=Decimal(rng.randrange(5, 500) * 100),
                currency=rng.choice(["EUR", "EUR", "EUR", "USD", "GBP"]),
                expected_close_date=today + timedelta(days=rng.randrange(-30, 180)),
            ),
            SYSTEM,
        )
        target = stages[n % len(stages)]
        if target.kind is StageKind.OPEN and rng.random() < 0.7:
            due = utc_now() + timedelta(days=rng.randrange(-6, 20), hours=rng.randrange(0, 9))
            activity_service.create_activity(transactions, ActivityCreate(
                type=ActivityType.CALL, subject="Follow-up call", deal_id=deal.id, owner_id=deal.owner_id,
                due_at=due), SYSTEM)
        if target.id == deal.stage:
            continue
        reason = "chose a competitor" if target.kind.value == "lost" else None
        deal_service.move_deal(transactions, deal.id, StageMove(stage=target.id, reason=reason), SYSTEM)
    return count


ROTTING_DAYS = {"lead": 14, "qualified": 14, "proposal": 21, "negotiation": 10}


def _with_rotting_days(transactions: Transactions, pipeline: Pipeline) -> Pipeline:
    """The demo pipeline marks deals idle too long in an open stage (no deals exist yet, so nothing moves)."""
    stages = [s.model_copy(update={"rotting_days": ROTTING_DAYS.get(s.id)}) for s in pipeline.stages]
    changed = pipeline.model_copy(update={"stages": stages, "updated_at": utc_now()})
    transactions.run(lambda tx: tx.pipelines.put(changed), actor=SYSTEM)
    return changed


ORDER_PATH = [OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED]
ACTIVITY_SUBJECTS = {
    ActivityType.CALL: "Follow-up call",
    ActivityType.MEETING: "Showroom visit",
    ActivityType.TASK: "Send a quote",
    ActivityType.EMAIL: "Send the catalogue",
    ActivityType.NOTE: "Met at the trade fair",
}


def load_demo_orders(transactions: Transactions, customers: list[Customer], count: int, *, seed: int = 13) -> int:
    """``count`` orders in every status of the workflow; delivered ones add to their customers' lifetime values."""
    rng = random.Random(seed)
    for n in range(count):
        customer = rng.choice(customers)
        order = order_service.create_order(
            transactions,
            OrderCreate(customer_id=customer.id, order_number=f"SO-{2026_0000 + n}", owner_id=_owner_of(customer),
                        total=Decimal(rng.randrange(10, 900) * 10), notes="Demo order"),
            SYSTEM,
        )
        path = ORDER_PATH[: n % (len(ORDER_PATH) + 1)] or ([OrderStatus.CANCELLED] if n % 7 == 0 else [])
        for status in path:
            order_service.transition_order(transactions, order.id, status, SYSTEM)
    return count


def load_demo_activities(transactions: Transactions, customers: list[Customer], count: int, *, seed: int = 17) -> int:
    """``count`` activities, some overdue, some done, spread over the customers."""
    rng = random.Random(seed)
    now = utc_now()
    for n in range(count):
        kind = rng.choice(list(ActivityType))
        customer = rng.choice(customers)
        activity = activity_service.create_activity(
            transactions,
            ActivityCreate(type=kind, subject=ACTIVITY_SUBJECTS[kind], customer_id=customer.id,
                           owner_id=_owner_of(customer),
                           due_at=now + timedelta(days=rng.randrange(-10, 30), hours=rng.randrange(0, 9)),
                           priority=rng.choice(list(ActivityPriority))),
            SYSTEM,
        )
        if n % 3 == 0:
            activity_service.complete_activity(transactions, activity.id, SYSTEM)
    return count


def _owner_of(customer: Customer) -> str:
    """The rep who owns ``customer``, and so the records made for it."""
    return customer.owner_id or OWNERS[0]
