"""Checking, inside the transaction of a write, the products a deal's line items or a customer's owned items
reference (crm.domain.catalog.references), reading only the products the write newly names or must price."""

from __future__ import annotations

from typing import TypeVar

from crm.domain.catalog.references import new_references, price_line_items, resolve_owned_products
from crm.domain.customers import Customer, Product
from crm.domain.deals import Deal, DealFields, line_items_value
from crm.services.lookups import invalid
from crm.services.ports import Transaction

F = TypeVar("F", bound=DealFields)


def priced_deal_fields(tx: Transaction, data: F, currency: str, before: Deal | None) -> F:
    """``data`` with its line items priced from the catalog and its value their sum (``data`` as it is when it
    gives no line items).

    Raises:
        ValidationFailedError: an archived product, an outside product without name and price, no price in
            ``currency``, or a value that is not the line items' sum.
    """
    if not data.line_items:
        return data
    referenced = {item.product_id for item in before.line_items if item.product_id} if before else set()
    wanted = [item.product_id for item in data.line_items
              if item.product_id and (item.product_id not in referenced or item.name is None
                                      or item.unit_price is None)]
    products = tx.products.get_many(list(dict.fromkeys(i for i in wanted if i))) if wanted else {}
    items = price_line_items(data.line_items, products, currency, referenced)
    try:
        value = line_items_value(items, data.value)
    except ValueError as exc:
        raise invalid("value", str(exc)) from None
    return data.model_copy(update={"line_items": items, "value": value})


def with_owned_products(tx: Transaction, before: Customer | None, after: Customer) -> Customer:
    """``after`` with the products its owned items newly reference checked, and their names filled in.

    Raises:
        ValidationFailedError: an archived product.
    """
    referenced = {item.product_id for item in (before.owned_items if before else [])
                  if isinstance(item, Product) and item.product_id}
    named = [item.product_id for item in after.owned_items if isinstance(item, Product)]
    wanted = new_references(named, referenced)
    if not wanted:
        return after
    items = resolve_owned_products(after.owned_items, tx.products.get_many(wanted), referenced)
    return after.model_copy(update={"owned_items": items})
