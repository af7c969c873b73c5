"""Saved views: a named set of filters, order and columns of a list (the customers table, the deals board) that its
owner keeps for themselves, or shares with everyone who may read the CRM; and who may see, share and change one."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from crm.domain.access import ASSIGNS_OWNERS
from crm.domain.common import DocumentId, InputModel, Versioned, refuse_null
from crm.domain.customer_queries import STATUS_LIST, CustomerOrder, status_list
from crm.domain.customers import CustomerSource
from crm.domain.model import Model
from crm.domain.qualification.fields import LeadPriority, LeadRating
from crm.errors import NotFoundError, PermissionDeniedError, ValidationFailedError
from crm.identity import Caller

ViewName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
MAX_VIEWS_PER_OWNER = 50
"""Per owner and resource: what a list of saved views shows stays short, and what it reads stays bounded."""
MAX_SHARED_LISTED = 200
SERVER_OWNED = frozenset({"id", "owner_id", "created_at", "updated_at"})


class ViewResource(StrEnum):
    CUSTOMERS = "customers"
    DEALS_BOARD = "deals_board"


class Visibility(StrEnum):
    PRIVATE = "private"
    SHARED = "shared"


class CustomerColumn(StrEnum):
    ORGANIZATION = "organization"
    EMAIL = "email"
    PHONE = "phone"
    STATUS = "status"
    TAGS = "tags"
    OWNER = "owner"
    LIFETIME_VALUE = "lifetime_value"
    LAST_ACTIVITY = "last_activity"


class CustomersViewState(Model):
    """The customers table: its search, filters, order and the columns shown (the name always is)."""

    model_config = ConfigDict(extra="forbid")

    search: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    status: Annotated[str, Field(max_length=100, pattern=STATUS_LIST, description="One status, or several "
                                 "separated by commas, as the list's `status`")] | None = None
    tag: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=50)] | None = None
    source: CustomerSource | None = None
    priority: LeadPriority | None = None
    rating: LeadRating | None = None
    created_from: date | None = None
    created_to: date | None = None
    order: CustomerOrder | None = None
    columns: Annotated[list[CustomerColumn], Field(max_length=len(CustomerColumn))] | None = Field(
        None, description="The optional columns shown, in order; all of them when left out")

    @field_validator("status", mode="before")
    @classmethod
    def _status_list(cls, value: Any) -> Any:
        return status_list(value)

    @field_validator("columns")
    @classmethod
    def _once_each(cls, columns: list[CustomerColumn] | None) -> list[CustomerColumn] | None:
        if columns is not None and len(set(columns)) != len(columns):
            raise ValueError("each column once")
        return columns


class BoardViewState(Model):
    """The deals board: which pipeline, and whose deals."""

    model_config = ConfigDict(extra="forbid")

    pipeline_id: DocumentId | None = None
    owner_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)] | None = None


STATE_MODELS: dict[ViewResource, type[CustomersViewState] | type[BoardViewState]] = {
    ViewResource.CUSTOMERS: CustomersViewState,
    ViewResource.DEALS_BOARD: BoardViewState,
}
ViewState = CustomersViewState | BoardViewState
STATE_DESCRIPTION = ("The filters, order and columns: for `customers` {search, status, tag, source, "
                     "priority, rating, created_from, created_to, order, columns}, for "
                     "`deals_board` {pipeline_id, owner_id}; unknown fields are refused")


def parse_state(resource: ViewResource, state: dict[str, Any]) -> ViewState:
    """``state`` as the model of ``resource``.

    Raises:
        ValidationFailedError: with details on ``state.<field>``.
    """
    try:
        return STATE_MODELS[resource].model_validate(state)
    except ValidationError as exc:
        details = [{"field": ".".join(["state", *map(str, error["loc"])]), "message": error["msg"],
                    "type": error["type"]} for error in exc.errors()]
        raise ValidationFailedError("the view's state is not valid for its resource", details) from None


class SavedViewCreate(InputModel):
    server_owned_fields = SERVER_OWNED

    name: ViewName
    resource: ViewResource
    visibility: Visibility = Visibility.PRIVATE
    state: dict[str, Any] = Field(default_factory=dict, description=STATE_DESCRIPTION)

    @model_validator(mode="after")
    def _state_fits_resource(self) -> SavedViewCreate:
        self.state = parse_state(self.resource, self.state).model_dump(mode="json", exclude_none=True)
        return self


class SavedViewUpdate(InputModel):
    """The fields given change; ``state`` is replaced whole and must fit the view's resource."""

    server_owned_fields = SERVER_OWNED | {"resource"}

    name: ViewName | None = None
    visibility: Visibility | None = None
    state: dict[str, Any] | None = Field(None, description=STATE_DESCRIPTION)

    _not_null = refuse_null("name", "visibility", "state")


class SavedView(Versioned):
    id: str
    name: str
    resource: ViewResource
    visibility: Visibility
    owner_id: str = Field(description="Who made the view: the only one who changes or deletes it")
    state: ViewState
    created_at: datetime
    updated_at: datetime


class SavedViewsPage(Model):
    results: list[SavedView] = Field(description="The caller's own views and the shared ones, by name")
    total: int


class SavedViewListParams(Model):
    model_config = ConfigDict(extra="forbid")

    resource: ViewResource | None = Field(None, description="Only the views of this list")


def new_view(data: SavedViewCreate, *, view_id: str, caller: Caller, now: datetime) -> SavedView:
    """A view owned by ``caller``.

    Raises:
        PermissionDeniedError: a shared view from someone who may not share (only managers and admins do).
    """
    _may_share(caller, data.visibility)
    return SavedView(id=view_id, name=data.name, resource=data.resource, visibility=data.visibility,
                     owner_id=caller.uid, state=parse_state(data.resource, data.state), created_at=now,
                     updated_at=now)


def apply_update(view: SavedView, data: SavedViewUpdate, *, caller: Caller, now: datetime) -> SavedView:
    """The view with the fields given.

    Raises:
        PermissionDeniedError: the view is not the caller's, or it would become shared by someone who may not share.
        ValidationFailedError: a state that does not fit the view's resource.
    """
    require_owner(view, caller)
    changes: dict[str, Any] = {}
    if data.name is not None:
        changes["name"] = data.name
    if data.visibility is not None and data.visibility is not view.visibility:
        _may_share(caller, data.visibility)
        changes["visibility"] = data.visibility
    if data.state is not None:
        changes["state"] = parse_state(view.resource, data.state)
    return view.model_copy(update={**changes, "updated_at": now})


def visible(view: SavedView | None, view_id: str, caller: Caller) -> SavedView:
    """The view if the caller may use it: their own, or a shared one.

    Raises:
        NotFoundError: no such view, or another's private one.
    """
    if view is None or (view.owner_id != caller.uid and view.visibility is not Visibility.SHARED):
        raise NotFoundError(f"view {view_id} not found")
    return view


def require_owner(view: SavedView, caller: Caller) -> None:
    """Only the owner changes or deletes a view (a shared view is everyone's to use, its owner's to change).

    Raises:
        PermissionDeniedError: the caller does not own the view.
    """
    if view.owner_id != caller.uid:
        raise PermissionDeniedError(f"view {view.id} is shared by {view.owner_id}: only they change or delete it")


def _may_share(caller: Caller, visibility: Visibility) -> None:
    if visibility is Visibility.SHARED and caller.role not in ASSIGNS_OWNERS:
        message = "only managers and admins share views; keep it private"
        raise PermissionDeniedError(message, [{"field": "visibility", "message": message, "type": "permission"}])


def by_name(views: list[SavedView]) -> list[SavedView]:
    return sorted(views, key=lambda v: (v.name.casefold(), v.id))
