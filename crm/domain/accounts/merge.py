"""Merging duplicates: one customer (the survivor) absorbs others. Their records (people, deals, orders, activities,
sub-accounts) move to it in batches; then each absorbed customer's own data (contacts, notes, owned items, tags,
linked users, what is left of its lifetime value, missing fields) joins the survivor's and the absorbed one is
soft-deleted with ``merged_into``. These are the pure rules: what the combined record is, and what a merge is asked,
records and answers."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

from crm.domain.access import ASSIGNS_OWNERS
from crm.domain.accounts.duplicates import CustomerRef
from crm.domain.common import DocumentId, from_cents
from crm.domain.customers import (
    MAX_CONTACTS,
    MAX_LINKED_USERS,
    MAX_NOTES,
    MAX_OWNED_ITEMS,
    MAX_TAGS,
    Customer,
    CustomerStatus,
)
from crm.domain.model import Model
from crm.errors import FailedPreconditionError, PermissionDeniedError
from crm.identity import Caller

MAX_ABSORBED = 10
MAX_MERGED_FROM = 50
BATCH_SIZE = 100
ADVANCED = (CustomerStatus.CUSTOMER, CustomerStatus.CHURNED)
FILLED_FIELDS = ("organization", "location", "source", "nextcloud_folder", "website", "industry", "size_band",
                 "annual_revenue", "billing_address", "shipping_address", "tax_id")


class RecordKind(StrEnum):
    """What moves from an absorbed customer to the survivor, in this order (people first, so that a deal's or an
    activity's contact person is always its customer's)."""

    PEOPLE = "people"
    DEALS = "deals"
    ORDERS = "orders"
    ACTIVITIES = "activities"
    SUB_ACCOUNTS = "sub_accounts"


class MergeState(StrEnum):
    MOVING = "moving"
    DONE = "done"


class MergeRequest(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_ids: Annotated[list[DocumentId], Field(alias="from", min_length=1, max_length=MAX_ABSORBED,
                                                description="The customers this one absorbs")]

    @field_validator("from_ids")
    @classmethod
    def _distinct(cls, ids: list[str]) -> list[str]:
        if len(set(ids)) != len(ids):
            raise ValueError("a customer is named twice")
        return ids


class Moved(Model):
    people: int = 0
    deals: int = 0
    orders: int = 0
    activities: int = 0
    sub_accounts: int = 0


class Merge(Model):
    """A merge as recorded: re-running it (the same survivor and absorbed customers) resumes where it stopped."""

    id: str
    target_id: str
    from_ids: list[str]
    state: MergeState
    moved: Moved = Moved()
    merged: list[str] = Field([], description="Absorbed customers already folded in and deleted")
    by: str
    started_at: datetime
    finished_at: datetime | None = None


class MergeResult(Model):
    merge: Merge
    customer: Customer = Field(description="The survivor, as it is after the merge")


class AbsorbedPreview(Model):
    customer: CustomerRef
    people: int
    deals: int
    orders: int
    activities: int
    sub_accounts: int
    contacts: int
    notes: int
    owned_items: int
    tags: list[str]
    linked_users: int
    lifetime_value: str


class CombinedPreview(Model):
    contacts: int
    notes: int
    owned_items: int
    tags: list[str]
    linked_users: int
    lifetime_value: str
    status: CustomerStatus


class MergePreview(Model):
    """What a merge would move and what the survivor would become; ``problems`` say why it would be refused."""

    target: CustomerRef
    absorbed: list[AbsorbedPreview]
    combined: CombinedPreview
    problems: list[str]


def merge_id(target_id: str, from_ids: list[str]) -> str:
    """The same merge asked again has the same id, so that it resumes instead of starting another."""
    return hashlib.sha256("|".join([target_id, *sorted(from_ids)]).encode()).hexdigest()[:24]


def combine(target: Customer, absorbed: Customer, *, now: datetime) -> Customer:
    """The survivor with the absorbed customer's own data joined to it (``combined_record``), within a customer's
    limits.

    Raises:
        FailedPreconditionError: the result would pass a limit of a customer; the details name each.
    """
    combined = combined_record(target, absorbed, now=now)
    problems = limit_problems(combined)
    if problems:
        raise FailedPreconditionError(
            f"merging {absorbed.id} into {target.id} would pass a customer's limits: {'; '.join(problems)}; remove "
            "some from either customer first", [{"field": "from", "message": problem} for problem in problems])
    return combined


def combined_record(target: Customer, absorbed: Customer, *, now: datetime) -> Customer:
    """The survivor with the absorbed customer's own data joined to it: contacts it lacks (not primary where it has
    a primary of that type), notes in time order, owned items, tags and linked users, the absorbed lifetime value,
    the later last activity, fields the survivor leaves empty, and a customer status if the absorbed one is a
    customer. Limits are not checked here (see ``limit_problems``)."""
    have = {(c.type, c.value.casefold()) for c in target.contacts}
    primaries = {c.type for c in target.contacts if c.primary}
    contacts = list(target.contacts) + [
        c.model_copy(update={"primary": c.primary and c.type not in primaries})
        for c in absorbed.contacts if (c.type, c.value.casefold()) not in have]
    items = list(target.owned_items) + [i for i in absorbed.owned_items if i not in target.owned_items]
    changes: dict[str, Any] = {
        "contacts": contacts,
        "notes": sorted([*target.notes, *absorbed.notes], key=lambda note: note.at),
        "owned_items": items,
        "tags": list(dict.fromkeys([*target.tags, *absorbed.tags])),
        "linked_user_ids": list(dict.fromkeys([*target.linked_user_ids, *absorbed.linked_user_ids])),
        "lifetime_value": target.lifetime_value + absorbed.lifetime_value,
        "last_activity_at": max((t for t in (target.last_activity_at, absorbed.last_activity_at) if t), default=None),
        "merged_from": [*target.merged_from, absorbed.id][-MAX_MERGED_FROM:],
        "updated_at": max(now, target.updated_at),
    }
    if target.status not in ADVANCED and absorbed.status is CustomerStatus.CUSTOMER:
        changes["status"] = CustomerStatus.CUSTOMER
    for name in FILLED_FIELDS:
        if getattr(target, name) in (None, "") and getattr(absorbed, name) not in (None, ""):
            changes[name] = getattr(absorbed, name)
    return target.model_copy(update=changes)


def limit_problems(customer: Customer) -> list[str]:
    limits = (("contacts", len(customer.contacts), MAX_CONTACTS), ("notes", len(customer.notes), MAX_NOTES),
              ("owned items", len(customer.owned_items), MAX_OWNED_ITEMS), ("tags", len(customer.tags), MAX_TAGS),
              ("linked users", len(customer.linked_user_ids), MAX_LINKED_USERS))
    return [f"{count} {what} (at most {limit})" for what, count, limit in limits if count > limit]


def absorbed_away(absorbed: Customer, target: Customer, *, now: datetime) -> Customer:
    """The absorbed customer once folded in: deleted, naming the survivor, its lifetime value gone with the rest."""
    return absorbed.model_copy(update={"deleted_at": now, "updated_at": now, "merged_into": target.id,
                                       "lifetime_value": from_cents(0)})


def require_merger(caller: Caller) -> None:
    """Merging moves records of every owner, so only a role that sees and assigns every record does it.

    Raises:
        PermissionDeniedError: the caller is not a manager or admin.
    """
    if caller.role not in ASSIGNS_OWNERS:
        raise PermissionDeniedError("finding and merging duplicates is for managers and admins: a merge moves "
                                    "records of every owner")


def _split(value: object) -> object:
    return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value


class MergePreviewParams(MergeRequest):
    """Query parameters of GET /customers/{id}/merge-preview: ``from`` as comma-separated ids."""

    from_ids: Annotated[list[DocumentId], BeforeValidator(_split),
                        WithJsonSchema({"type": "string", "description": "Comma-separated customer ids"}),
                        Field(alias="from", min_length=1, max_length=MAX_ABSORBED,
                              description="The customers this one would absorb, comma-separated")]
