"""How a row of each kind becomes a record: through the kind's use cases (create and update), inside the import's
transaction. A kind is importable once it declares its fields (crm.domain.transfer.targets), its row builder
(crm.domain.transfer.rows) and an entry here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from crm.domain import access
from crm.domain import customers as customer_rules
from crm.domain import deal_transitions as transitions
from crm.domain import deals as deal_rules
from crm.domain.activities import ActivityCreate, ActivityUpdate
from crm.domain.common import utc_now
from crm.domain.customers import Contact, CustomerCreate, CustomerUpdate
from crm.domain.deals import DealCreate, DealUpdate
from crm.domain.orders import OrderCreate, OrderStatus, OrderUpdate
from crm.domain.pipelines import Pipeline, StageKind
from crm.domain.transfer.kinds import TransferKind
from crm.domain.transfer.rows import ExternalKey, PreparedRow
from crm.errors import AlreadyExistsError
from crm.identity import Caller
from crm.services import activities, customers, deals, orders
from crm.services.deal_writes import save_deal
from crm.services.lookups import invalid, pipeline_for, rates_covering
from crm.services.transfer.in_transaction import InTransaction
from crm.services.transfer.ports import ImportTransaction


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportContext:
    caller: Caller
    owner_id: str | None
    source: str
    default_language: str
    phone_region: str
    outer: Any

    def validate(self, model: type[Any], body: dict[str, Any]) -> Any:
        return model.model_validate(body, context={"phone_region": self.phone_region})


Apply = Callable[[ImportTransaction, PreparedRow, "str | None", ImportContext], tuple[Outcome, str]]


@dataclass(frozen=True)
class ImportKind:
    """A kind of record an import makes: its create model (checked before any transaction) and how a row is
    applied in the transaction (``found``: the id its key names, if any)."""

    kind: TransferKind
    create_model: type[Any] | None
    apply: Apply | None
    collection: str = ""
    unavailable: str | None = None

    def check(self, row: PreparedRow, context: ImportContext) -> None:
        """Validate the row's body as a create would.

        Raises:
            ValidationError: the body is not valid.
            ValidationFailedError: a rule of the model refused it.
        """
        if self.create_model is not None:
            context.validate(self.create_model, _as_create(self.kind, row, context))


def _as_create(kind: TransferKind, row: PreparedRow, context: ImportContext) -> dict[str, Any]:
    body = dict(row.body)
    if kind is not TransferKind.CUSTOMERS:
        body.setdefault("customer_id", "placeholder")
        body.pop("stage", None)
    if kind is TransferKind.ACTIVITIES and row.deal_ref:
        body["deal_id"] = "placeholder"
    if context.owner_id and "owner_id" not in body:
        body["owner_id"] = context.owner_id
    return body


def _unchanged(before: Any, after: Any) -> bool:
    ignore = {"updated_at", "version"}
    return bool(before.model_dump(exclude=ignore) == after.model_dump(exclude=ignore))


def _with_owner(body: dict[str, Any], context: ImportContext) -> dict[str, Any]:
    return {**body, "owner_id": context.owner_id} if context.owner_id and "owner_id" not in body else body


# ---------------------------------------------------------------- customers


def _apply_customer(tx: ImportTransaction, row: PreparedRow, found: str | None, context: ImportContext
                    ) -> tuple[Outcome, str]:
    inner = InTransaction(tx, context.outer)
    if found is not None:
        current = tx.customers.get_active(found)
        if current is None or not access.sees(context.caller, current.owner_id):
            raise _taken(row, found)
        body = {k: v for k, v in row.body.items() if k not in ("contacts", "notes")}
        if "contacts" in row.body:
            given = [context.validate(Contact, c).model_dump() for c in row.body["contacts"]]
            body["contacts"] = _merged_contacts(current.contacts, given)
        update: CustomerUpdate = context.validate(CustomerUpdate, body)
        if _unchanged(current, customer_rules.apply_update(current, update, now=current.updated_at)):
            return Outcome.UNCHANGED, found
        customers.update_customer(inner, found, update, context.caller)
        return Outcome.UPDATED, found
    data: CustomerCreate = context.validate(CustomerCreate, _with_owner(row.body, context))
    created = customers.create_customer(inner, data, context.caller, default_language=context.default_language)
    if row.stored_key:
        tx.transfer.link(row.key, created.id)
    return Outcome.CREATED, created.id


def _merged_contacts(current: list[Contact], given: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The customer's contacts with the row's added; the row's primary email and phone become primary."""
    merged = [c.model_dump() for c in current]
    for contact in given:
        same = next((c for c in merged if c["type"] == contact["type"]
                     and c["value"].casefold() == contact["value"].casefold()), None)
        if contact["primary"]:
            for other in merged:
                if other["type"] == contact["type"]:
                    other["primary"] = False
        if same is not None:
            same["primary"] = same["primary"] or contact["primary"]
        else:
            merged.append(dict(contact))
    return merged


def _taken(row: PreparedRow, found: str) -> AlreadyExistsError:
    if row.emails:
        message = f"email {row.emails[0]} is already in use"
        return AlreadyExistsError(message, [{"field": "email", "message": message}])
    message = f"external id {row.key.value} names a record that is deleted or not yours to change"
    return AlreadyExistsError(message, [{"field": "external_id", "message": message}])


# ---------------------------------------------------------------- what deals, orders and activities are for


def _customer_of(tx: ImportTransaction, row: PreparedRow, context: ImportContext) -> str:
    ref = row.customer_ref
    found: str | None = ref.get("customer_id")
    if found is None and "customer_external_id" in ref:
        key = ExternalKey(TransferKind.CUSTOMERS.value, context.source, ref["customer_external_id"])
        found = tx.transfer.find([key]).get(key)
    if found is None and "customer_email" in ref:
        found = tx.transfer.customers_by_email([ref["customer_email"].strip().lower()]).get(
            ref["customer_email"].strip().lower())
    if found is None and "customer_name" in ref:
        named = tx.transfer.customers_named(ref["customer_name"], 2)
        if len(named) > 1:
            raise invalid("customer_name", f"more than one customer is called {ref['customer_name']!r}")
        found = named[0] if named else None
    if found is None:
        field = next(iter(ref), "customer_id")
        raise invalid(field, f"no customer {ref.get(field, '')!r} (by {field})")
    return found


def _stage_of(pipeline: Pipeline, row: PreparedRow) -> str | None:
    """The stage a row names (by id or name); a won or lost status wins over it (other CRMs keep a closed deal's
    last open stage beside its status)."""
    if row.status in ("won", "lost"):
        kind = StageKind.WON if row.status == "won" else StageKind.LOST
        return next(s.id for s in pipeline.stages if s.kind is kind)
    given = row.body.get("stage")
    if given:
        for stage in pipeline.stages:
            if given == stage.id or str(given).casefold() == stage.name.casefold():
                return stage.id
        raise invalid("stage", f"pipeline {pipeline.name} has no stage {given!r}")
    return None


def _apply_deal(tx: ImportTransaction, row: PreparedRow, found: str | None, context: ImportContext
                ) -> tuple[Outcome, str]:
    pipeline = pipeline_for(tx, row.body.get("pipeline_id"))
    stage = _stage_of(pipeline, row)
    if found is not None:
        deal = tx.deals.get(found)
        if deal is None or not access.sees(context.caller, deal.owner_id):
            raise _taken(row, found)
        fields = {k: v for k, v in row.body.items() if k in DealUpdate.model_fields and k != "customer_id"}
        update: DealUpdate = context.validate(DealUpdate, fields)
        access.check_owner_change(context.caller, update)
        now = utc_now()
        current = tx.pipelines.get(deal.pipeline_id) or pipeline
        changed = deal_rules.apply_update(deal, update, now=deal.updated_at)
        if stage is not None and stage != deal.stage:
            changed = transitions.move(changed, current, stage, reason=row.body.get("lost_reason"),
                                       by=context.caller.uid, now=deal.updated_at)
        if _unchanged(deal, changed):
            return Outcome.UNCHANGED, found
        if update.currency:
            rates_covering(tx, update.currency)
        save_deal(tx, deal, changed.model_copy(update={"updated_at": now}), current, tx.config.currency_rates(), now)
        return Outcome.UPDATED, found
    body = {**_with_owner(row.body, context), "customer_id": _customer_of(tx, row, context),
            "pipeline_id": pipeline.id}
    if stage is not None:
        body["stage"] = stage
    data: DealCreate = context.validate(DealCreate, body)
    created = deals.create_deal(InTransaction(tx, context.outer), data, context.caller)
    if row.stored_key:
        tx.transfer.link(row.key, created.id)
    return Outcome.CREATED, created.id


ORDER_PATH = [OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED]


def _apply_order(tx: ImportTransaction, row: PreparedRow, found: str | None, context: ImportContext
                 ) -> tuple[Outcome, str]:
    if found is not None:
        order = tx.orders.get(found)
        if order is None or not access.sees(context.caller, order.owner_id):
            raise _taken(row, found)
        fields = {k: v for k, v in row.body.items() if k in OrderUpdate.model_fields}
        update: OrderUpdate = context.validate(OrderUpdate, fields)
        from crm.domain import orders as order_rules

        if _unchanged(order, order_rules.apply_update(order, update, now=order.updated_at)):
            return Outcome.UNCHANGED, found
        orders.update_order(InTransaction(tx, context.outer), found, update, context.caller)
        return Outcome.UPDATED, found
    if row.status not in (None, "pending"):
        raise invalid("status", "imported orders start pending; move them on with POST /orders/{id}/transition")
    body = {**_with_owner(row.body, context), "customer_id": _customer_of(tx, row, context)}
    data: OrderCreate = context.validate(OrderCreate, body)
    created = orders.create_order(InTransaction(tx, context.outer), data, context.caller)
    if row.stored_key:
        tx.transfer.link(row.key, created.id)
    return Outcome.CREATED, created.id


def _apply_activity(tx: ImportTransaction, row: PreparedRow, found: str | None, context: ImportContext
                    ) -> tuple[Outcome, str]:
    inner = InTransaction(tx, context.outer)
    if found is not None:
        activity = tx.activities.get(found)
        if activity is None or not access.sees(context.caller, activity.owner_id):
            raise _taken(row, found)
        fields = {k: v for k, v in row.body.items() if k in ActivityUpdate.model_fields}
        update: ActivityUpdate = context.validate(ActivityUpdate, fields)
        from crm.domain import activities as activity_rules

        preview = activity_rules.apply_update(activity, update, customer_id=activity.customer_id,
                                              deal_id=activity.deal_id, now=activity.updated_at)
        if _unchanged(activity, preview):
            return Outcome.UNCHANGED, found
        activities.update_activity(inner, found, update, context.caller)
        return Outcome.UPDATED, found
    body = _with_owner(row.body, context)
    if row.customer_ref:
        body["customer_id"] = _customer_of(tx, row, context)
    if "deal_id" in row.deal_ref:
        body["deal_id"] = row.deal_ref["deal_id"]
    elif "deal_external_id" in row.deal_ref:
        key = ExternalKey(TransferKind.DEALS.value, context.source, row.deal_ref["deal_external_id"])
        deal_id = tx.transfer.find([key]).get(key)
        if deal_id is None:
            raise invalid("deal_external_id", f"no deal with external id {row.deal_ref['deal_external_id']!r}")
        body["deal_id"] = deal_id
    data: ActivityCreate = context.validate(ActivityCreate, body)
    created = activities.create_activity(inner, data, context.caller)
    if row.stored_key:
        tx.transfer.link(row.key, created.id)
    return Outcome.CREATED, created.id


IMPORT_KINDS: dict[TransferKind, ImportKind] = {
    TransferKind.CUSTOMERS: ImportKind(TransferKind.CUSTOMERS, CustomerCreate, _apply_customer, "customers"),
    TransferKind.DEALS: ImportKind(TransferKind.DEALS, DealCreate, _apply_deal, "deals"),
    TransferKind.ORDERS: ImportKind(TransferKind.ORDERS, OrderCreate, _apply_order, "orders"),
    TransferKind.ACTIVITIES: ImportKind(TransferKind.ACTIVITIES, ActivityCreate, _apply_activity, "activities"),
    TransferKind.PEOPLE: ImportKind(TransferKind.PEOPLE, None, None, unavailable=(
        "people (contact persons) cannot be imported on this installation yet: import them as customers, or "
        "once contact persons exist here, declare their import in crm.services.transfer.import_kinds")),
}

