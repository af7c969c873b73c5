"""Values that at most one record holds at a time (a customer's email, an order number).

Each kind is declared once, below: which values a record holds, what makes two values the same, what messages call
them. Adapters claim and release them from a record's change (``ClaimKind.changes``); a conflict is explained one
way (``value_taken``), naming the holder only to a caller who may see it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from crm.domain import access
from crm.domain.catalog.products import CatalogProduct, sku_key
from crm.domain.customers import Customer
from crm.domain.orders import Order, order_number_key
from crm.domain.partners.codes import code_key
from crm.domain.partners.links import PartnerLink
from crm.domain.partners.partners import Partner
from crm.domain.people.persons import Person
from crm.errors import AlreadyExistsError
from crm.identity import Caller


class Claimant(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def owner_id(self) -> str | None: ...


R = TypeVar("R", bound=Claimant)


@dataclass(frozen=True)
class ClaimHolder:
    """The record a claim names, as much as a conflict needs: ``keys`` are the keys of the values it holds now (a
    claim of any other value is stale: its holder let the value go, or is gone)."""

    id: str
    owner_id: str | None
    name: str | None
    keys: frozenset[str]


def _same(value: str) -> str:
    return value


def _unnamed(record: Claimant) -> str | None:
    return None


@dataclass(frozen=True)
class ClaimKind(Generic[R]):
    """A kind of unique value.

    Attributes:
        value_name: what messages call the value ("email").
        field: the record's and the request's field for it, and the claim's copy of the value.
        holder_name: what messages call a record holding it ("customer").
        holder_field: the claim's field naming the holder's id, and the conflict detail's ("customer_id").
        values: the values a record holds (none for a deleted one, say).
        key: what makes two values the same one; values with equal keys share one claim.
        label: the record's name in a conflict, for a caller who may see it.
    """

    value_name: str
    field: str
    holder_name: str
    holder_field: str
    values: Callable[[R], Iterable[str]]
    key: Callable[[str], str] = _same
    label: Callable[[R], str | None] = _unnamed

    def holder(self, record: R) -> ClaimHolder:
        keys = frozenset(self.key(value) for value in self.values(record))
        return ClaimHolder(record.id, record.owner_id, self.label(record), keys)

    def changes(self, before: R | None, after: R | None) -> tuple[list[str], list[str]]:
        """The values to claim and to release when a record goes from ``before`` to ``after`` (None: it does not
        exist); a value whose key it already holds (the same value in another case, say) keeps its claim."""
        held = {self.key(value): value for value in (self.values(before) if before is not None else ())}
        wanted = {self.key(value): value for value in (self.values(after) if after is not None else ())}
        claim = [wanted[key] for key in sorted(wanted.keys() - held.keys())]
        release = [held[key] for key in sorted(held.keys() - wanted.keys())]
        return claim, release


def value_taken(kind: ClaimKind[R], value: str, holder: ClaimHolder, viewer: Caller, *,
                held_as: str | None = None) -> AlreadyExistsError:
    """The conflict for a ``value`` that ``holder`` holds (spelt ``held_as`` there). A caller who may see the holder
    is told which record it is; to anyone else it is only in use, as the holder does not exist for them."""
    if not access.sees(viewer, holder.owner_id):
        message = f"{kind.value_name} {value} is already in use"
        return AlreadyExistsError(message, [{"field": kind.field, "value": value, "message": message}])
    shown = held_as or value
    named = f" ({holder.name})" if holder.name else ""
    message = f"{kind.value_name} {shown} already belongs to {kind.holder_name} {holder.id}{named}"
    return AlreadyExistsError(message, [{"field": kind.field, "value": shown, kind.holder_field: holder.id,
                                         "message": message}])


def still_claimed(kind: ClaimKind[R], value: str) -> AlreadyExistsError:
    """The conflict when the claim of ``value`` kept being taken while stale claims were released: worth a retry."""
    message = f"{kind.value_name} {value} is claimed by another {kind.holder_name}; retry shortly"
    return AlreadyExistsError(message, [{"field": kind.field, "value": value, "message": message}])


def _active_emails(customer: Customer) -> list[str]:
    return customer.emails() if customer.deleted_at is None else []


def _customer_name(customer: Customer) -> str | None:
    return customer.name


def _active_person_emails(person: Person) -> list[str]:
    return person.emails() if person.deleted_at is None else []


def _person_name(person: Person) -> str | None:
    return person.name


def _order_number(order: Order) -> list[str]:
    return [order.order_number]


CUSTOMER_EMAIL = ClaimKind[Customer](
    value_name="email", field="email", holder_name="customer", holder_field="customer_id", values=_active_emails,
    label=_customer_name,
)
ORDER_NUMBER = ClaimKind[Order](
    value_name="order number", field="order_number", holder_name="order", holder_field="order_id",
    values=_order_number, key=order_number_key,
)
PERSON_EMAIL = ClaimKind[Person](
    value_name="email", field="email", holder_name="person", holder_field="person_id", values=_active_person_emails,
    label=_person_name,
)


def _sku(product: CatalogProduct) -> list[str]:
    return [product.sku]


def _product_name(product: CatalogProduct) -> str | None:
    return product.name


PRODUCT_SKU = ClaimKind[CatalogProduct](
    value_name="SKU", field="sku", holder_name="product", holder_field="product_id", values=_sku, key=sku_key,
    label=_product_name,
)


def _link_code(link: PartnerLink) -> list[str]:
    return [link.code]


def _partner_user(partner: Partner) -> list[str]:
    return [partner.uid] if partner.uid else []


def _partner_name(partner: Partner) -> str | None:
    return partner.name


PARTNER_LINK_CODE = ClaimKind[PartnerLink](
    value_name="link code", field="code", holder_name="link", holder_field="link_id", values=_link_code,
    key=code_key,
)
PARTNER_USER = ClaimKind[Partner](
    value_name="affiliate user", field="uid", holder_name="partner", holder_field="partner_id",
    values=_partner_user, label=_partner_name,
)
