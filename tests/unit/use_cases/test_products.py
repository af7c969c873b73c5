"""Product use cases on in-memory repositories: the SKU claim (any case), archive and restore, and a deal's line
items priced from the catalog."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm.domain.catalog.products import ProductCreate, ProductUpdate
from crm.domain.deals import DealCreate
from crm.errors import AlreadyExistsError, ValidationFailedError
from crm.identity import Caller
from crm.services import deals
from crm.services.catalog import products
from crm.services.ports import Transactions


def add(transactions: Transactions, caller: Caller, sku: str, **fields):
    return products.create_product(transactions, ProductCreate(sku=sku, name=fields.pop("name", sku), **fields),
                                   caller)


def test_a_sku_is_claimed_whatever_its_case_and_freed_by_a_change(transactions: Transactions, caller):
    first = add(transactions, caller, "CON-1")
    with pytest.raises(AlreadyExistsError) as raised:
        add(transactions, caller, "con-1")
    assert raised.value.details[0]["product_id"] == first.id
    products.update_product(transactions, first.id, ProductUpdate(sku="CON-2"), caller)
    assert add(transactions, caller, "con-1").sku == "con-1"


def test_archive_and_restore(transactions: Transactions, caller):
    product = add(transactions, caller, "A-1")
    archived = products.archive_product(transactions, product.id, caller)
    assert (archived.active, archived.archived_at is not None) == (False, True)
    again = products.archive_product(transactions, product.id, caller)
    assert again.archived_at == archived.archived_at
    restored = products.restore_product(transactions, product.id, caller)
    assert (restored.active, restored.archived_at) == (True, None)


def test_a_line_item_is_priced_from_the_catalog(transactions: Transactions, caller, create):
    product = add(transactions, caller, "A-1", name="Cabinet", prices={"EUR": Decimal("450.50")})
    customer = create()
    deal = deals.create_deal(transactions, DealCreate(customer_id=customer.id, title="Two", line_items=[
        {"product_id": product.id, "quantity": "2"}]), caller)
    assert (deal.line_items[0].name, deal.line_items[0].unit_price, deal.value) == (
        "Cabinet", Decimal("450.50"), Decimal("901.00"))
    products.archive_product(transactions, product.id, caller)
    with pytest.raises(ValidationFailedError, match="archived"):
        deals.create_deal(transactions, DealCreate(customer_id=customer.id, title="Three", line_items=[
            {"product_id": product.id, "quantity": "3"}]), caller)
