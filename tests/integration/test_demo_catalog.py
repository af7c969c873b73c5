"""The demo data shows lead qualification, products and tags: leads spread over the lead board (its totals equal
to a recount), a catalog with an archived product, deals priced from it, and tag counts equal to a recount."""

from collections import Counter

from crm.cli import load_demo
from crm.domain.catalog.products import ProductListParams
from crm.domain.qualification.totals import slot_of
from crm.domain.tags.registry import TagListParams
from crm.services.catalog import products
from crm.services.qualification import lead_pipelines
from crm.services.tags import registry
from crm.store.catalog.products import FirestoreProductReader
from crm.store.customers import customer_from_snapshot
from crm.store.deals import deal_from_snapshot
from crm.store.qualification.board import FirestoreLeadBoard
from crm.store.tags.registry import FirestoreTagReader
from tests.utils.factories import admin_caller


def test_demo_leads_products_and_tags(settings, db, names, transactions):
    load_demo(30, settings)
    stored = [customer_from_snapshot(s) for s in db.collection(names.customers).stream()]
    deals = [deal_from_snapshot(s) for s in db.collection(names.deals).stream()]

    pipeline = lead_pipelines.list_lead_pipelines(transactions).results[0]
    slots = Counter(slot.stage for c in stored if (slot := slot_of(c)) is not None)
    counts = FirestoreLeadBoard(db, names).counts(pipeline.id)
    assert len(slots) >= 2 and {stage: counts.stage(stage) for stage in slots} == dict(slots)

    catalog = products.list_products(FirestoreProductReader(db, names), ProductListParams(page_size=100)).results
    assert len(catalog) >= 8 and any(not p.active for p in catalog)
    assert any(item.product_id for deal in deals for item in deal.line_items)

    tags = registry.list_tags(FirestoreTagReader(db, names), TagListParams(), admin_caller()).results
    carried = Counter(t for c in stored if c.deleted_at is None for t in c.tags)
    assert {t.name: t.customer_count for t in tags if t.name in carried} == dict(carried)
    assert next(t for t in tags if t.name == "vip").color != "#9e9e9e"
