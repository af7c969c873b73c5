"""The events that changes to records raise, declared per kind of record.

Every declared subject raises ``<subject>.created``, ``.updated`` and ``.deleted`` (``.restored`` too when it can be
restored after a soft delete); ``specific`` events name what else a change may mean (a deal won). A new kind of record
(a new kind of record) raises events once it is declared in ``SUBJECTS`` and its collection is audited (the unit of
work records events where it records audit entries) with a public form (``crm.store.webhooks.subjects``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crm.domain.audit_bounds import FULL, MAX_FIELD_BYTES, SHALLOW, bounded, json_size

Document = dict[str, Any]
NOT_COMPARED = frozenset({"updated_at", "version"})
MAX_PREVIOUS_BYTES = 64 * 1024


@dataclass(frozen=True)
class SpecificEvent:
    """An event that a change raises when ``happened(before, after)`` (public forms; ``before`` is empty for a
    created record, when ``on_create`` allows)."""

    name: str
    description: str
    happened: Callable[[Document, Document], bool]
    on_create: bool = False


@dataclass(frozen=True)
class Subject:
    name: str
    label: str
    specific: tuple[SpecificEvent, ...] = ()
    restorable: bool = False

    def event_types(self) -> list[tuple[str, str]]:
        kinds = [("created", f"a {self.label} is created"), ("updated", f"a {self.label} is changed"),
                 ("deleted", f"a {self.label} is deleted")]
        if self.restorable:
            kinds.append(("restored", f"a deleted {self.label} is restored"))
        kinds += [(event.name, event.description) for event in self.specific]
        return [(f"{self.name}.{kind}", description) for kind, description in kinds]


def _changed(*fields: str) -> Callable[[Document, Document], bool]:
    return lambda before, after: any(before.get(name) != after.get(name) for name in fields)


def _became(field: str, value: str) -> Callable[[Document, Document], bool]:
    return lambda before, after: after.get(field) == value and before.get(field) != value


SUBJECTS: tuple[Subject, ...] = (
    Subject("customer", "customer", restorable=True),
    Subject("deal", "deal", (
        SpecificEvent("stage_changed", "a deal moves to another stage (or pipeline)", _changed("stage", "pipeline_id")),
        SpecificEvent("won", "a deal is won", _became("status", "won"), on_create=True),
        SpecificEvent("lost", "a deal is lost", _became("status", "lost"), on_create=True),
    )),
    Subject("order", "order", (
        SpecificEvent("status_changed", "an order moves to another status", _changed("status")),
    )),
    Subject("activity", "activity", (
        SpecificEvent("completed", "an activity is completed", _became("status", "completed"), on_create=True),
    )),
    Subject("person", "contact person", restorable=True),
)
SUBJECTS_BY_NAME = {subject.name: subject for subject in SUBJECTS}
EVENT_TYPES: dict[str, str] = {name: text for subject in SUBJECTS for name, text in subject.event_types()}
PING = "ping"


@dataclass(frozen=True)
class EventDraft:
    """One event of a record's change: its type, the record as it is now (as it was, once deleted), and the values
    that the changed fields had before (``previous_omitted`` names those left out to keep the event small)."""

    type: str
    subject: str
    record_id: str
    object: Document
    previous: Document
    previous_omitted: tuple[str, ...] = ()


def change_events(subject_name: str, record_id: str, before: Document | None, after: Document | None, *,
                  previous_known: bool = True) -> list[EventDraft]:
    """The events a change of one record raises, in the order a receiver should see them: what happened to the
    record (created, updated, deleted, restored), then what it means (won, stage_changed, ...).

    ``before`` and ``after`` are the record's public forms (None: it does not exist). A soft delete (``deleted_at``
    set) is a deletion, its undoing a restore. Without ``previous_known`` the record's previous state was never read:
    the change is an update with no previous values. Returns [] for an undeclared subject or a change that
    changed nothing a reader sees.
    """
    subject = SUBJECTS_BY_NAME.get(subject_name)
    if subject is None or (before is None and after is None):
        return []
    if not previous_known:
        before = None
    kind, previous, omitted = _kind_of(subject, before, after, previous_known)
    if kind is None:
        return []
    current = after if after is not None else before or {}
    drafts = [EventDraft(f"{subject.name}.{kind}", subject.name, record_id, current, previous, omitted)]
    if after is not None and (before is not None or kind == "created"):
        for event in subject.specific:
            if (before is not None or event.on_create) and event.happened(before or {}, after):
                drafts.append(EventDraft(f"{subject.name}.{event.name}", subject.name, record_id, current, previous,
                                         omitted))
    return drafts


def _kind_of(subject: Subject, before: Document | None, after: Document | None,
             previous_known: bool) -> tuple[str | None, Document, tuple[str, ...]]:
    if after is None:
        return "deleted", {}, ()
    if before is None:
        return ("created" if previous_known else "updated"), {}, ()
    previous, omitted = previous_values(before, after)
    if not previous and not omitted:
        return None, {}, ()
    was_deleted, is_deleted = bool(before.get("deleted_at")), bool(after.get("deleted_at"))
    if is_deleted and not was_deleted:
        return "deleted", previous, omitted
    if was_deleted and not is_deleted:
        return ("restored" if subject.restorable else "updated"), previous, omitted
    return "updated", previous, omitted


def previous_values(before: Document, after: Document) -> tuple[Document, tuple[str, ...]]:
    """The values ``before`` held in the fields that differ in ``after``, cut to a bounded size (as audit values
    are), and the names of fields too large to keep."""
    previous: Document = {}
    omitted: list[str] = []
    budget = MAX_PREVIOUS_BYTES
    for name in sorted(before.keys() | after.keys()):
        if name in NOT_COMPARED or before.get(name) == after.get(name):
            continue
        value = bounded(before.get(name), FULL)
        size = json_size(value)
        if size > MAX_FIELD_BYTES:
            value = bounded(before.get(name), SHALLOW)
            size = json_size(value)
        if size > MAX_FIELD_BYTES or size > budget:
            omitted.append(name)
            continue
        previous[name] = value
        budget -= size
    return previous, tuple(omitted)


def is_event_type(name: str) -> bool:
    return name in EVENT_TYPES
