"""Demo lead qualification, products and tags: a lead pipeline with substages, leads spread over its board with
priorities, ratings and scores, a small product catalog with prices in three currencies, deals whose line items are
priced from it, and the demo tags registered with their colours. Made through the real use cases (by the system),
except the qualification of the imported demo customers, set before their import."""

from __future__ import annotations

import random
from decimal import Decimal

from crm.devstack.demo_data import OWNERS, TAGS
from crm.domain.access import SYSTEM
from crm.domain.catalog.products import CatalogProduct, ProductCreate
from crm.domain.common import utc_now
from crm.domain.customers import Customer, CustomerStatus
from crm.domain.deals import DealCreate, LineItemInput
from crm.domain.pipelines import StageKind
from crm.domain.qualification import moves
from crm.domain.qualification.fields import LeadPriority, LeadRating
from crm.domain.qualification.lead_pipelines import LeadPipeline, LeadPipelineCreate, default_lead_stages
from crm.domain.tags.registry import TagCreate
from crm.services import deals as deal_service
from crm.services.catalog import products as product_service
from crm.services.ports import Transactions
from crm.services.qualification import lead_pipelines
from crm.services.tags import registry as tag_service

PRODUCTS: list[tuple[str, str, dict[str, str]]] = [
    ("CAB-UPR-32", "Upright arcade cabinet 32\"", {"EUR": "1450.00", "USD": "1590.00", "GBP": "1250.00"}),
    ("CAB-CKT-2P", "Cocktail table cabinet, 2 players", {"EUR": "1190.00", "USD": "1300.00", "GBP": "1020.00"}),
    ("PIN-STD", "Pinball machine", {"EUR": "5400.00", "USD": "5900.00"}),
    ("CLW-MINI", "Mini claw machine", {"EUR": "890.00", "USD": "970.00", "GBP": "760.00"}),
    ("JOY-8W", "8-way joystick kit", {"EUR": "24.90", "USD": "27.00", "GBP": "21.50"}),
    ("BTN-30-SET", "30 mm button set (10)", {"EUR": "12.50", "USD": "13.60", "GBP": "10.70"}),
    ("SRV-YEAR", "Annual service contract", {"EUR": "480.00", "USD": "520.00", "GBP": "410.00"}),
    ("INST-ONSITE", "On-site installation", {"EUR": "150.00"}),
]
ARCHIVED_SKU = "CAB-UPR-27"
TAG_COLORS = {"vip": "#d4af37", "wholesale": "#1e88e5", "retail": "#43a047", "arcade": "#8e24aa",
              "newsletter": "#9e9e9e", "partner": "#fb8c00", "b2b": "#3949ab", "events": "#e53935"}


def load_demo_catalog(transactions: Transactions) -> tuple[LeadPipeline, list[CatalogProduct]]:
    """The lead pipeline (the default), the products (one of them archived) and the registered demo tags."""
    pipeline = lead_pipelines.create_lead_pipeline(
        transactions, LeadPipelineCreate(name="Inbound leads", stages=default_lead_stages()), SYSTEM)
    made = [product_service.create_product(transactions, ProductCreate.model_validate(
        {"sku": sku, "name": name, "prices": prices}), SYSTEM) for sku, name, prices in PRODUCTS]
    old = product_service.create_product(transactions, ProductCreate.model_validate(
        {"sku": ARCHIVED_SKU, "name": "Upright arcade cabinet 27\" (discontinued)", "prices": {"EUR": "1290.00"}}),
        SYSTEM)
    product_service.archive_product(transactions, old.id, SYSTEM)
    for name in TAGS:
        tag_service.create_tag(transactions, TagCreate(name=name, color=TAG_COLORS.get(name, "#9e9e9e")), SYSTEM)
    return pipeline, made


def qualified(customers: list[Customer], pipeline: LeadPipeline, *, seed: int = 19) -> list[Customer]:
    """The customers with priorities and ratings, and the leads spread over the lead board's open stages and
    substages (their scores following), as if the team had worked them."""
    rng = random.Random(seed)
    now = utc_now()
    result = []
    for customer in customers:
        changed = customer.model_copy(update={
            "priority": rng.choice([None, *LeadPriority]), "rating": rng.choice([None, *LeadRating])})
        if changed.status is CustomerStatus.LEAD:
            changed = moves.place(changed.model_copy(update={"score": None}), pipeline, now=changed.created_at)
            stage = rng.choice([s for s in pipeline.stages if s.kind is StageKind.OPEN])
            substage = rng.choice([None, *stage.substages])
            if (stage.id, substage) != (changed.lead_stage, None):
                changed = moves.move(changed, pipeline, stage.id, substage.id if substage else None, now=now)
        result.append(changed)
    return result


def load_demo_product_deals(transactions: Transactions, customers: list[Customer], products: list[CatalogProduct],
                            count: int, *, seed: int = 23) -> int:
    """``count`` open deals whose line items name catalog products (priced from it) and carry tags."""
    rng = random.Random(seed)
    for _ in range(count):
        customer = rng.choice(customers)
        items = [LineItemInput(product_id=product.id, quantity=Decimal(rng.randrange(1, 4)))
                 for product in rng.sample(products, rng.randrange(1, 4))]
        deal_service.create_deal(transactions, DealCreate(
            customer_id=customer.id, owner_id=customer.owner_id or OWNERS[0], title="Equipment order",
            line_items=items, tags=rng.sample(["renewal", "upsell", "trade-fair"], rng.randrange(0, 2)),
        ), SYSTEM)
    return count
