"""Audit rules: which fields of a stored record count, what changed between two of its states (bounded in size by
crm.domain.audit_bounds), and one sentence that says what happened."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from crm.domain.audit_bounds import bounded_changes, truncate
from crm.domain.common import from_cents

Document = dict[str, Any]


class AuditEntity(StrEnum):
    CUSTOMER = "customer"
    DEAL = "deal"
    ORDER = "order"
    ACTIVITY = "activity"
    PIPELINE = "pipeline"
    SETTINGS = "settings"
    WEBHOOK_ENDPOINT = "webhook_endpoint"
    LEAD_SOURCE = "lead_source"
    PERSON = "person"
    PRODUCT = "product"
    TAG = "tag"
    LEAD_PIPELINE = "lead_pipeline"
    PARTNER = "partner"
    PARTNER_LINK = "partner_link"
    COMMISSION_PLAN = "commission_plan"
    CONVERSION = "conversion"
    COMMISSION = "commission"
    PAYOUT = "payout"
    CONVERSION_SOURCE = "conversion_source"
    VIEW = "view"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


# Derived or bookkeeping fields: search keys, sort keys, mirrors of other fields, and what other audited records
# already tell (a customer's last_activity_at follows its activities).
NOT_AUDITED: dict[AuditEntity, frozenset[str]] = {
    AuditEntity.CUSTOMER: frozenset({"search_tokens", "search_rank", "search_typos", "name_sort",
                                     "duplicate_keys", "last_activity_at"}),
    AuditEntity.DEAL: frozenset({"expected_revenue_cents", "stage_position", "expected_close_month", "closed_month",
                                 "won_base_cents", "next_activity_at"}),
    AuditEntity.ORDER: frozenset({"order_number_key", "ltv_base_cents"}),
    AuditEntity.ACTIVITY: frozenset({"due_sort", "priority_sort"}),
    # secrets are never recorded, nor the counters the deliveries and the lead hook keep
    AuditEntity.WEBHOOK_ENDPOINT: frozenset({"secret", "previous_secret", "failing_since", "consecutive_failures",
                                             "last_success_at", "last_failure_at"}),
    AuditEntity.LEAD_SOURCE: frozenset({"secret", "previous_secret", "last_lead_at", "leads_received"}),
    AuditEntity.PERSON: frozenset({"search_tokens", "search_rank", "search_typos", "name_sort", "name"}),
    AuditEntity.PRODUCT: frozenset({"name_sort", "sku_key", "search_keys"}),
    AuditEntity.TAG: frozenset({"customer_count", "deal_count"}),
}
ALWAYS_SKIPPED = frozenset({"updated_at"})
MONEY_IN_CENTS: dict[AuditEntity, dict[str, str]] = {
    AuditEntity.CUSTOMER: {"lifetime_value_cents": "lifetime_value"},
    AuditEntity.DEAL: {"value_cents": "value"},
    AuditEntity.ORDER: {"total_cents": "total"},
    AuditEntity.CONVERSION: {"amount_cents": "amount"},
    AuditEntity.COMMISSION: {"amount_cents": "amount"},
    AuditEntity.PAYOUT: {"amount_cents": "amount"},
}
LABEL_FIELD = {AuditEntity.CUSTOMER: "name", AuditEntity.DEAL: "title", AuditEntity.ORDER: "order_number",
               AuditEntity.ACTIVITY: "subject", AuditEntity.PIPELINE: "name", AuditEntity.WEBHOOK_ENDPOINT: "url",
               AuditEntity.LEAD_SOURCE: "name", AuditEntity.PERSON: "name",
               AuditEntity.PRODUCT: "name", AuditEntity.TAG: "name", AuditEntity.LEAD_PIPELINE: "name",
               AuditEntity.PARTNER: "name", AuditEntity.PARTNER_LINK: "code", AuditEntity.COMMISSION_PLAN: "name",
               AuditEntity.CONVERSION: "type", AuditEntity.COMMISSION: "rule", AuditEntity.CONVERSION_SOURCE: "name",
               AuditEntity.VIEW: "name"}
STAGE_FIELDS = frozenset({"stage", "pipeline_id", "probability", "status", "closed_at", "lost_reason",
                          "stage_entered_at", "stage_history"})
SOFT_DELETED = frozenset({AuditEntity.CUSTOMER, AuditEntity.PERSON})
MAX_LABEL = 200
MAX_SUMMARY = 500


@dataclass(frozen=True)
class AuditRecord:
    """What one write did to one record: ``changes`` maps a field to ``{before, after}``, or, for a list, to the
    items ``added`` and ``removed``; ``omitted`` names changed fields left out to keep the entry small."""

    action: AuditAction
    changes: dict[str, dict[str, Any]]
    summary: str
    label: str | None = None
    customer_id: str | None = None
    owner_id: str | None = None
    previous_known: bool = True
    omitted: list[str] = field(default_factory=list)


def audit_record(entity: AuditEntity, entity_id: str, before: Document | None, after: Document | None, *,
                 previous_known: bool = True) -> AuditRecord | None:
    """The record of a write taking a document from ``before`` to ``after`` (None: it does not exist).

    Without ``previous_known`` (the writer never read the document), ``before`` is ignored and ``changes`` holds
    only the values written. Returns None when no audited field changed.
    """
    old = audited_fields(entity, before) if previous_known else {}
    new = audited_fields(entity, after)
    action = _action(entity, before if previous_known else None, after, previous_known)
    if previous_known:
        diff = field_changes(old, new)
    else:
        diff = {name: {"after": value} for name, value in sorted(new.items()) if value is not None}
    if not diff and action is AuditAction.UPDATE:
        return None
    changes, omitted = bounded_changes(diff)
    document = after if after is not None else before or {}
    label = _label(entity, entity_id, document)
    customer_id = entity_id if entity is AuditEntity.CUSTOMER else document.get("customer_id")
    summary = truncate(describe(entity, action, label, old, new, diff, document), MAX_SUMMARY)
    return AuditRecord(action, changes, summary, label, customer_id, document.get("owner_id"), previous_known,
                       omitted)


def audited_fields(entity: AuditEntity, document: Document | None) -> Document:
    """The fields of a stored document that the audit trail compares, with money in minor units as amounts."""
    if document is None:
        return {}
    skipped = ALWAYS_SKIPPED | NOT_AUDITED.get(entity, frozenset())
    money = MONEY_IN_CENTS.get(entity, {})
    fields = {}
    for name, value in document.items():
        if name in skipped:
            continue
        if name in money and isinstance(value, int):
            fields[money[name]] = str(from_cents(value))
        else:
            fields[name] = value
    return fields


def field_changes(old: Document, new: Document) -> dict[str, dict[str, Any]]:
    """Each field whose value differs: lists by the items added and removed, other values as before and after."""
    changes = {}
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(before, list | type(None)) and isinstance(after, list | type(None)):
            changes[name] = _list_change(before or [], after or [])
        else:
            changes[name] = {"before": before, "after": after}
    return changes


def _list_change(before: list[Any], after: list[Any]) -> dict[str, Any]:
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    removed = list(before[start:len(before) - end])
    added = []
    for item in after[start:len(after) - end]:
        if item in removed:
            removed.remove(item)
        else:
            added.append(item)
    if not added and not removed:
        return {"before": before, "after": after}  # the same items, reordered
    return {key: items for key, items in (("added", added), ("removed", removed)) if items}


def _action(entity: AuditEntity, before: Document | None, after: Document | None,
            previous_known: bool) -> AuditAction:
    if after is None:
        return AuditAction.DELETE
    if before is None:
        return AuditAction.CREATE if previous_known else AuditAction.UPDATE
    if entity in SOFT_DELETED and bool(before.get("deleted_at")) != bool(after.get("deleted_at")):
        return AuditAction.DELETE if after.get("deleted_at") else AuditAction.RESTORE
    return AuditAction.UPDATE


def _label(entity: AuditEntity, entity_id: str, document: Document) -> str:
    value = document.get(LABEL_FIELD[entity]) if entity in LABEL_FIELD else None
    return truncate(str(value), MAX_LABEL) if value else entity_id


# ---------------------------------------------------------------- what happened, in a sentence


def describe(entity: AuditEntity, action: AuditAction, label: str, old: Document, new: Document,
             changes: dict[str, dict[str, Any]], document: Document) -> str:
    """One sentence: "deal 'Arcade' moved from proposal to negotiation", "note added", "order SO-1 delivered"."""
    name = _name(entity, label, document)
    if action is AuditAction.CREATE:
        where = f" in {new['stage']}" if entity is AuditEntity.DEAL and new.get("stage") else ""
        return f"{name} {'added' if entity is AuditEntity.ACTIVITY else 'created'}{where}"
    if action is AuditAction.DELETE:
        merged_into = document.get("merged_into")
        return f"{name} merged into customer {merged_into}" if merged_into else f"{name} deleted"
    if action is AuditAction.RESTORE:
        return f"{name} restored"
    phrases = {
        AuditEntity.CUSTOMER: _customer_phrases,
        AuditEntity.DEAL: _deal_phrases,
        AuditEntity.ORDER: _status_phrases,
        AuditEntity.ACTIVITY: _status_phrases,
    }.get(entity, _no_phrases)(name, old, new, changes)
    return "; ".join(phrases) if phrases else f"{name} changed"


def _name(entity: AuditEntity, label: str, document: Document) -> str:
    short = truncate(label, 80)
    if entity is AuditEntity.ORDER:
        return f"order {short}"
    if entity is AuditEntity.ACTIVITY:
        return f"{document.get('type') or 'activity'} '{short}'"
    if entity is AuditEntity.SETTINGS:
        return f"{short.replace('_', ' ')} settings"
    return f"{entity.value.replace('_', ' ')} '{short}'"


def _edited(name: str, fields: list[str]) -> list[str]:
    if not fields:
        return []
    shown = ", ".join(fields[:8]) + (", …" if len(fields) > 8 else "")
    return [f"{name} edited: {shown}"]


def _no_phrases(name: str, old: Document, new: Document, changes: dict[str, dict[str, Any]]) -> list[str]:
    return _edited(name, list(changes))


def _customer_phrases(name: str, old: Document, new: Document, changes: dict[str, dict[str, Any]]) -> list[str]:
    phrases = []
    notes = changes.get("notes", {})
    for key, verb in (("added", "added"), ("removed", "removed")):
        if notes.get(key):
            count = len(notes[key])
            phrases.append(f"note {verb}" if count == 1 else f"{count} notes {verb}")
    if "status" in changes:
        phrases.append(f"status changed from {old.get('status')} to {new.get('status')}")
    moved = "lead_stage" in changes or "lead_substage" in changes
    if moved:
        where = f"{new.get('lead_stage') or 'no stage'}" + (
            f" ({new.get('lead_substage')})" if new.get("lead_substage") else "")
        score = f", score {new.get('score')}" if new.get("score") is not None else ""
        phrases.append(f"lead moved from {old.get('lead_stage') or 'no stage'} to {where}{score}")
    if "lifetime_value" in changes:
        phrases.append(f"lifetime value changed from {old.get('lifetime_value') or '0.00'} to "
                       f"{new.get('lifetime_value') or '0.00'}")
    merged = changes.get("merged_from", {}).get("added") or []
    if merged:
        phrases.append(f"merged in customer {', '.join(map(str, merged))}")
    described = {"notes", "status", "lifetime_value", "lost_at", "merged_from"} | (
        {"lead_stage", "lead_substage", "score", "lead_stage_entered_at", "lead_pipeline_id"} if moved else set())
    return phrases + _edited(name, [f for f in changes if f not in described])


def _deal_phrases(name: str, old: Document, new: Document, changes: dict[str, dict[str, Any]]) -> list[str]:
    phrases = []
    if "stage" in changes or "pipeline_id" in changes:
        status, was = new.get("status"), old.get("status")
        if status == "won":
            phrases.append(f"{name} won")
        elif status == "lost":
            reason = new.get("lost_reason")
            phrases.append(f"{name} lost" + (f": {truncate(str(reason), 120)}" if reason else ""))
        elif was in ("won", "lost"):
            phrases.append(f"{name} reopened in {new.get('stage')}")
        else:
            phrases.append(f"{name} moved from {old.get('stage')} to {new.get('stage')}")
        if "pipeline_id" in changes:
            phrases[-1] += f" (pipeline {old.get('pipeline_id')} to {new.get('pipeline_id')})"
        return phrases + _edited(name, [f for f in changes if f not in STAGE_FIELDS])
    return _edited(name, list(changes))


def _status_phrases(name: str, old: Document, new: Document, changes: dict[str, dict[str, Any]]) -> list[str]:
    phrases = []
    if "status" in changes:
        status = str(new.get("status"))
        verb = status if status in ("completed", "cancelled", "confirmed", "shipped", "delivered") else (
            f"marked {status.replace('_', ' ')}")
        phrases.append(f"{name} {verb}")
    follows_status = {"status", "status_history", "completed_at", "delivered_at", "cancelled_at"}
    return phrases + _edited(name, [f for f in changes if f not in follows_status])
