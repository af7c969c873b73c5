"""Products in Firestore: documents with their sort and search keys, and the claims that keep SKUs unique."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.catalog.products import CatalogProduct, ProductListParams, sku_key
from crm.domain.claims import PRODUCT_SKU
from crm.domain.paging import Page
from crm.domain.search_tokens import fold
from crm.store import read_meter
from crm.store.claims import ClaimCollection
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.unit_of_work import UnitOfWork

SORT_FIELDS = {"name": "name_sort", "sku": "sku_key", "created_at": "created_at"}
DERIVED_FIELDS = ("name_sort", "sku_key", "search_keys")


def product_to_document(product: CatalogProduct) -> dict[str, Any]:
    data = product.model_dump(mode="json", exclude={"id", "version", "created_at", "updated_at", "archived_at"})
    return data | {
        "created_at": product.created_at, "updated_at": product.updated_at, "archived_at": product.archived_at,
        "name_sort": fold(product.name), "sku_key": sku_key(product.sku), "search_keys": product.search_keys(),
    }


def product_from_snapshot(snapshot: firestore.DocumentSnapshot) -> CatalogProduct:
    data = snapshot.to_dict() or {}
    for field in DERIVED_FIELDS:
        data.pop(field, None)
    return CatalogProduct(**data, id=snapshot.id)


SKU_CLAIMS = ClaimCollection(
    PRODUCT_SKU, claims=lambda names: names.product_skus, holders=lambda names: names.products,
    record=product_from_snapshot,
)


class TxProducts:
    """Products inside a unit of work: reads through its transaction, writes staged with the SKU claims."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._products = uow.collection(uow.names.products)

    def new_id(self) -> str:
        return self._products.document().id

    def get(self, product_id: str) -> CatalogProduct | None:
        snapshot = self._uow.get(self._products.document(product_id))
        return product_from_snapshot(snapshot) if snapshot.exists else None

    def get_many(self, product_ids: list[str]) -> dict[str, CatalogProduct]:
        snapshots = self._uow.get_all([self._products.document(i) for i in dict.fromkeys(product_ids)])
        return {s.id: product_from_snapshot(s) for s in snapshots if s.exists}

    def put(self, product: CatalogProduct, previous: CatalogProduct | None) -> None:
        """Stage ``product``'s write, claiming a new SKU and releasing the one it let go."""
        self._uow.set(self._products.document(product.id), product_to_document(product))
        self._uow.change_claims(SKU_CLAIMS, product.id, previous, product)


class FirestoreProductReader:
    """Products outside transactions: one product, and lists by name, SKU or age, filtered and searched."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._products = db.collection(names.products)

    def get(self, product_id: str) -> CatalogProduct | None:
        snapshot = self._products.document(product_id).get()
        read_meter.record_lookups(1)
        return product_from_snapshot(snapshot) if snapshot.exists else None

    def list(self, params: ProductListParams) -> Page[CatalogProduct]:
        query: Queryable = self._products
        if params.active is not None:
            query = query.where(filter=FieldFilter("active", "==", params.active))
        if params.search:
            query = query.where(filter=FieldFilter("search_keys", "array_contains", params.search))
        fingerprint = query_fingerprint("products", params.active, params.search, params.order_by.value)
        request = PageRequest(1, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._products, query, request, SORT_FIELDS[params.order_by.field],
                          params.order_by.descending, product_from_snapshot)
