"""The product aggregate: a SKU (unique, compared without case), a name, a description, a unit price per currency,
and an active flag; archiving (active false) keeps every existing reference valid and refuses new ones."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from crm.domain.common import InputModel, Versioned, refuse_null
from crm.domain.model import Model
from crm.domain.money import Amount, Currency
from crm.domain.paging import ListPage, SortOrder
from crm.domain.search_tokens import fold, words

MAX_PRICES = 30
PREFIX_LENGTH = 20
Sku = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/#-]*$"),
    Field(description="Unique across products, compared case-insensitively; letters, digits and . _ / # -"),
]
ProductName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Prices = Annotated[dict[Currency, Amount],
                   Field(max_length=MAX_PRICES, description="Unit price per ISO 4217 currency: {\"EUR\": \"12.50\"}")]
SERVER_OWNED = frozenset({"id", "created_at", "updated_at", "archived_at"})


class ProductFields(InputModel):
    """Fields a caller may write; every one optional, as in a partial update."""

    server_owned_fields = SERVER_OWNED

    sku: Sku | None = None
    name: ProductName | None = None
    description: Description | None = None
    prices: Prices | None = None
    active: Annotated[bool, Field(description="False archives the product: existing references stay, new ones "
                                              "are refused")] | None = None


class ProductCreate(ProductFields):
    sku: Sku
    name: ProductName
    prices: Prices = {}
    active: bool = True


class ProductUpdate(ProductFields):
    """A partial update (PUT and PATCH alike); a new SKU must be free."""

    _not_null = refuse_null("sku", "name", "prices", "active")


class CatalogProduct(Versioned):
    """A product of the catalog, as stored and served."""

    id: str
    sku: str
    name: str
    description: str | None = None
    prices: dict[str, Decimal] = {}
    active: bool = True
    archived_at: datetime | None = None
    created_at: datetime
    updated_at: datetime

    @property
    def owner_id(self) -> str | None:
        """Products belong to the company, not to an owner."""
        return None

    def price_in(self, currency: str) -> Decimal | None:
        return self.prices.get(currency)

    def search_keys(self) -> list[str]:
        """The starts of every word of its name and of its SKU (folded, up to 20 characters), for the picker."""
        found = [*words(self.name), *words(self.sku), fold(self.sku)]
        return sorted({word[:length] for word in found for length in range(1, min(len(word), PREFIX_LENGTH) + 1)})


class CatalogProductsPage(ListPage[CatalogProduct]):
    """One page of products."""


class ProductOrder(SortOrder):
    NAME = "name"
    NAME_DESC = "-name"
    SKU = "sku"
    CREATED_AT_DESC = "-created_at"


class ProductListParams(Model):
    """Query parameters of GET /products."""

    model_config = ConfigDict(extra="forbid")

    search: Annotated[str, Field(max_length=PREFIX_LENGTH, description="The start of a word of the name, or of "
                                                                       "the SKU")] | None = None
    active: Annotated[bool, Field(description="true: only products on sale; false: only archived ones")] | None = None
    page_size: Annotated[int, Field(ge=1, le=100)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None
    order_by: Annotated[ProductOrder, Field(description="With search, only name")] = ProductOrder.NAME

    @model_validator(mode="after")
    def _check(self) -> ProductListParams:
        if self.search is not None:
            typed = fold(self.search.strip())
            self.search = (typed if " " not in typed else typed.split()[0])[:PREFIX_LENGTH] or None
        if self.search and self.order_by.field != "name":
            raise ValueError("search results are ordered by name; leave order_by out or use name or -name")
        return self


def sku_key(sku: str) -> str:
    return sku.strip().casefold()


def new_product(data: ProductCreate, *, product_id: str, now: datetime) -> CatalogProduct:
    return CatalogProduct(**data.model_dump(), id=product_id, archived_at=None if data.active else now,
                          created_at=now, updated_at=now)


def apply_update(product: CatalogProduct, data: ProductUpdate, *, now: datetime) -> CatalogProduct:
    """The fields present in ``data`` applied; turning ``active`` off archives the product, on restores it."""
    changes: dict[str, Any] = {name: getattr(data, name) for name in data.model_fields_set}
    return set_active(product.model_copy(update=changes), changes.get("active", product.active), now=now)


def set_active(product: CatalogProduct, active: bool, *, now: datetime) -> CatalogProduct:
    archived_at = None if active else (product.archived_at or now)
    return product.model_copy(update={"active": active, "archived_at": archived_at, "updated_at": now})
