"""The order aggregate: a customer's purchase moving from pending to delivered (or cancelled), its models, its
status rules and the list a caller may ask for."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from crm.domain.common import CENTS, DocumentId, InputModel, Label, Versioned, refuse_null
from crm.domain.customer_queries import MAX_OFFSET, MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.money import Amount, Currency
from crm.domain.paging import ListPage, SortOrder
from crm.errors import FailedPreconditionError

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
OrderNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/#-]*$"),
    Field(description="Unique across orders, compared case-insensitively; letters, digits and . _ / # -"),
]
Total = Annotated[Amount, AfterValidator(lambda amount: amount.quantize(CENTS))]
AddressLine = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
PostalCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)]
ORDER_NOTES_LENGTH = 5000

SERVER_OWNED = frozenset(
    {"id", "status", "status_history", "created_at", "updated_at", "delivered_at", "cancelled_at", "ltv_base_cents"}
)


class OrderStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    PROCESSING = "processing"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


NEXT_STATUSES: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    OrderStatus.PENDING: (OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
    OrderStatus.CONFIRMED: (OrderStatus.PROCESSING, OrderStatus.CANCELLED),
    OrderStatus.PROCESSING: (OrderStatus.SHIPPED, OrderStatus.CANCELLED),
    OrderStatus.SHIPPED: (OrderStatus.DELIVERED,),
    OrderStatus.DELIVERED: (),
    OrderStatus.CANCELLED: (),
}
MONEY_EDITABLE = frozenset({OrderStatus.PENDING, OrderStatus.CONFIRMED})


class ShippingAddress(Model):
    model_config = ConfigDict(extra="forbid")

    line1: AddressLine | None = None
    line2: AddressLine | None = None
    city: Label | None = None
    postal_code: PostalCode | None = None
    region: Label | None = None
    country: Label | None = None


class StatusChange(Model):
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    from_status: OrderStatus | None = Field(None, alias="from")
    to: OrderStatus
    at: datetime
    by: str


class OrderFields(InputModel):
    server_owned_fields = SERVER_OWNED

    order_number: OrderNumber | None = None
    total: Total | None = None
    currency: Currency | None = None
    shipping_address: Annotated[ShippingAddress | None, Field(description="Replaced as a whole")] = None
    notes: Annotated[str, StringConstraints(strip_whitespace=True, max_length=ORDER_NOTES_LENGTH)] | None = None
    owner_id: Id | None = None


class OrderCreate(OrderFields):
    customer_id: DocumentId
    order_number: OrderNumber
    total: Total


class OrderUpdate(OrderFields):
    """Partial update (PUT and PATCH alike); the status changes only through the transition endpoint, and total and
    currency only while the order is pending or confirmed."""

    server_owned_fields = SERVER_OWNED | {"customer_id"}

    _not_null = refuse_null("order_number", "total", "currency", "owner_id")


class OrderTransition(Model):
    model_config = ConfigDict(extra="forbid")

    status: OrderStatus


class Order(Versioned):
    id: str
    customer_id: str
    order_number: str
    total: Decimal
    currency: str
    status: OrderStatus = OrderStatus.PENDING
    shipping_address: ShippingAddress | None = None
    notes: str | None = None
    owner_id: str
    status_history: list[StatusChange] = []
    created_at: datetime
    updated_at: datetime
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    ltv_base_cents: int = Field(0, exclude=True, description="What delivery credited to the customer's lifetime value")


class OrdersPage(ListPage[Order]):
    """One page of orders."""


class OrderOrder(SortOrder):
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    TOTAL = "total"
    TOTAL_DESC = "-total"
    ORDER_NUMBER = "order_number"


class OrderListParams(Model):
    """Query parameters of GET /orders."""

    model_config = ConfigDict(extra="forbid")

    customer_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    status: OrderStatus | None = None
    owner_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    page: Annotated[int, Field(ge=1)] = 1
    cursor: Annotated[str, Field(max_length=2000)] | None = None
    order_by: OrderOrder = OrderOrder.CREATED_AT_DESC

    @model_validator(mode="after")
    def _check(self) -> OrderListParams:
        if self.cursor is None and (self.page - 1) * self.page_size > MAX_OFFSET:
            raise ValueError(f"page reaches past {MAX_OFFSET} records: follow next_cursor instead")
        return self


def order_number_key(order_number: str) -> str:
    """What makes two order numbers the same one: their case-folded form."""
    return order_number.casefold()


def new_order(data: OrderCreate, *, order_id: str, currency: str, by: str, now: datetime) -> Order:
    fields = data.model_dump(exclude={"currency", "owner_id"}, exclude_none=True)
    return Order(
        **fields,
        id=order_id,
        currency=data.currency or currency,
        owner_id=data.owner_id or by,
        status_history=[StatusChange(from_status=None, to=OrderStatus.PENDING, at=now, by=by)],
        created_at=now,
        updated_at=now,
    )


def apply_update(order: Order, data: OrderUpdate, *, now: datetime) -> Order:
    """The order with the fields present in ``data`` applied.

    Raises:
        FailedPreconditionError: total or currency would change after the order was confirmed.
    """
    changes: dict[str, Any] = {name: getattr(data, name) for name in data.model_fields_set}
    money = [name for name in ("total", "currency") if name in changes and changes[name] != getattr(order, name)]
    if money and order.status not in MONEY_EDITABLE:
        message = (
            f"order {order.id} is {order.status.value}: total and currency can change only while it is pending"
            " or confirmed"
        )
        raise FailedPreconditionError(message, [{"field": name, "message": message} for name in money])
    return order.model_copy(update={**changes, "updated_at": now})


def transition(order: Order, to: OrderStatus, *, by: str, now: datetime) -> Order:
    """Move ``order`` to status ``to``, recording the change; delivery and cancellation are timestamped.

    Raises:
        FailedPreconditionError: ``to`` is not a next status of the order's current one; the message and details
            name the statuses that are.
    """
    allowed = NEXT_STATUSES[order.status]
    if to not in allowed:
        raise _refused(order, to, allowed)
    entry = StatusChange(from_status=order.status, to=to, at=now, by=by)
    changes: dict[str, Any] = {
        "status": to,
        "status_history": [*order.status_history, entry],
        "updated_at": now,
    }
    if to is OrderStatus.DELIVERED:
        changes["delivered_at"] = now
    if to is OrderStatus.CANCELLED:
        changes["cancelled_at"] = now
    return order.model_copy(update=changes)


def _refused(order: Order, to: OrderStatus, allowed: tuple[OrderStatus, ...]) -> FailedPreconditionError:
    names = [status.value for status in allowed]
    if names:
        message = f"order {order.id} is {order.status.value}; it can move only to {' or '.join(names)}, not {to.value}"
    else:
        message = f"order {order.id} is {order.status.value}, a final status; it cannot move to {to.value}"
    detail = {"field": "status", "message": message, "current": order.status.value, "allowed": names}
    return FailedPreconditionError(message, [detail])
