"""Product use cases: list and read the catalog, create, change, archive and restore a product."""

from __future__ import annotations

from collections.abc import Callable

from crm.domain.catalog import products as rules
from crm.domain.catalog.products import (
    CatalogProduct,
    CatalogProductsPage,
    ProductCreate,
    ProductListParams,
    ProductUpdate,
)
from crm.domain.common import require_version, utc_now
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.ports import ProductReader, Transaction, Transactions


def list_products(reader: ProductReader, params: ProductListParams) -> CatalogProductsPage:
    return CatalogProductsPage.of(reader.list(params), params.page_size)


def get_product(reader: ProductReader, product_id: str) -> CatalogProduct:
    product = reader.get(product_id)
    if product is None:
        raise _not_found(product_id)
    return product


def create_product(transactions: Transactions, data: ProductCreate, caller: Caller) -> CatalogProduct:
    """Add a product to the catalog.

    Raises:
        AlreadyExistsError: another product has its SKU (in any case).
    """

    def work(tx: Transaction) -> CatalogProduct:
        product = rules.new_product(data, product_id=tx.products.new_id(), now=utc_now())
        tx.products.put(product, None)
        return product

    return transactions.run(work, actor=caller)


def update_product(transactions: Transactions, product_id: str, data: ProductUpdate, caller: Caller,
                   if_match: str | None = None) -> CatalogProduct:
    """Change the fields given; ``active: false`` archives the product.

    Raises:
        NotFoundError: no such product.
        PreconditionFailedError: ``if_match`` names another version.
        AlreadyExistsError: the new SKU belongs to another product.
    """

    def change(product: CatalogProduct) -> CatalogProduct:
        require_version(product, if_match, "product")
        return rules.apply_update(product, data, now=utc_now())

    return _change(transactions, product_id, caller, change)


def archive_product(transactions: Transactions, product_id: str, caller: Caller) -> CatalogProduct:
    """Take a product off sale: what references it stays valid; new references are refused."""
    return _change(transactions, product_id, caller, lambda p: rules.set_active(p, False, now=utc_now()))


def restore_product(transactions: Transactions, product_id: str, caller: Caller) -> CatalogProduct:
    """Put an archived product back on sale."""
    return _change(transactions, product_id, caller, lambda p: rules.set_active(p, True, now=utc_now()))


def _change(transactions: Transactions, product_id: str, caller: Caller,
            change: Callable[[CatalogProduct], CatalogProduct]) -> CatalogProduct:
    def work(tx: Transaction) -> CatalogProduct:
        current = tx.products.get(product_id)
        if current is None:
            raise _not_found(product_id)
        changed = change(current)
        tx.products.put(changed, current)
        return changed

    return transactions.run(work, actor=caller, lock=[f"products/{product_id}"])


def _not_found(product_id: str) -> NotFoundError:
    return NotFoundError(f"product {product_id} not found")
