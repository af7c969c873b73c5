"""What referencing a catalog product means: a deal's line item takes the product's name and its price in the deal's
currency when it gives none; a customer's owned product takes the product's name. An archived product stays valid
where it was already referenced and is refused everywhere else. A ``product_id`` that names no catalog product is an
outside reference (records from before the catalog, another system's ids): it is kept as given, and a line item
naming one must then give its own name and unit price."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from crm.domain.catalog.products import CatalogProduct
from crm.domain.customers import OwnedItem, Product
from crm.domain.deals import LineItem, LineItemInput
from crm.errors import ValidationFailedError


def price_line_items(items: list[LineItemInput], products: Mapping[str, CatalogProduct], currency: str,
                     referenced: Collection[str]) -> list[LineItem]:
    """The line items as stored: each product's name and unit price (in ``currency``) where the item gave none.

    Args:
        products: the products the items name, by id (a missing one does not exist).
        referenced: the product ids the record referenced already, which stay valid once archived.

    Raises:
        ValidationFailedError: with a detail per item naming an archived product, an outside product without its
            own name and price, or a product without a price in ``currency`` for an item that gave none.
    """
    details: list[dict[str, Any]] = []
    priced: list[LineItem] = []
    for index, item in enumerate(items):
        product = products.get(item.product_id) if item.product_id else None
        problem = _reference_problem(item.product_id, product, referenced)
        if problem:
            details.append({"field": f"line_items.{index}.product_id", "message": problem})
            continue
        if product is None and item.product_id and (item.unit_price is None or item.name is None):
            details.append({"field": f"line_items.{index}.product_id",
                            "message": f"product {item.product_id} is not in the catalog: reference a catalog "
                                       "product, or give the item's name and unit_price"})
            continue
        price = item.unit_price if item.unit_price is not None else product.price_in(currency) if product else None
        if price is None:
            sku = product.sku if product else item.product_id
            details.append({"field": f"line_items.{index}.unit_price",
                            "message": f"product {sku} has no {currency} price: give unit_price, or add a "
                                       f"{currency} price to the product"})
            continue
        name = item.name or (product.name if product else "")
        priced.append(LineItem(product_id=item.product_id, name=name, quantity=item.quantity, unit_price=price))
    if details:
        raise ValidationFailedError(details[0]["message"], details)
    return priced


def resolve_owned_products(items: list[OwnedItem], products: Mapping[str, CatalogProduct],
                           referenced: Collection[str]) -> list[OwnedItem]:
    """Owned items with each referenced product checked and its name filled in where the item gave none.

    Raises:
        ValidationFailedError: with a detail per item newly naming an archived product.
    """
    details: list[dict[str, Any]] = []
    resolved: list[OwnedItem] = []
    for index, item in enumerate(items):
        if not isinstance(item, Product) or not item.product_id:
            resolved.append(item)
            continue
        product = products.get(item.product_id)
        problem = _reference_problem(item.product_id, product, referenced)
        if problem:
            details.append({"field": f"owned_items.{index}.product_id", "message": problem})
        elif product is not None and not item.product_name:
            item = item.model_copy(update={"product_name": product.name})
        resolved.append(item)
    if details:
        raise ValidationFailedError(details[0]["message"], details)
    return resolved


def new_references(ids: list[str | None], referenced: Collection[str]) -> list[str]:
    """The product ids among ``ids`` that need looking up: named, and not referenced before (those are known)."""
    return [i for i in dict.fromkeys(ids) if i and i not in referenced]


def _reference_problem(product_id: str | None, product: CatalogProduct | None,
                       referenced: Collection[str]) -> str | None:
    if product_id is None or product is None:
        return None
    if not product.active and product_id not in referenced:
        return f"product {product.sku} ({product.name}) is archived: it cannot be newly referenced; items that " \
               "already name it keep it"
    return None
