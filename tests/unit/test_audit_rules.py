"""Audit rules: which fields count, how changes are shown, how entries stay small, and the sentences they make."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

import pytest

from crm.domain.audit import AuditAction, AuditEntity, audit_record, field_changes
from crm.domain.audit_bounds import FULL, MAX_CHANGES_BYTES, bounded, bounded_changes

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def size(value) -> int:
    return len(json.dumps(value, default=str, ensure_ascii=False).encode())


def customer(**fields):
    return {"name": "Acme", "status": "lead", "notes": [], "tags": [], "lifetime_value_cents": 0,
            "search_tokens": {"acme": True}, "name_sort": "acme", "updated_at": NOW, **fields}


def deal(**fields):
    return {"title": "Arcade", "customer_id": "c1", "stage": "lead", "status": "open", "pipeline_id": "sales",
            "value_cents": 120000, "stage_position": 0, "probability": 10, **fields}


def test_derived_fields_are_not_compared_and_cents_read_as_amounts():
    record = audit_record(AuditEntity.CUSTOMER, "c1", customer(),
                          customer(name="Acme Ltd", name_sort="acme ltd", search_tokens={"ltd": True},
                                   lifetime_value_cents=12345, updated_at=datetime(2027, 1, 1, tzinfo=UTC)))

    assert record.changes == {"lifetime_value": {"before": "0.00", "after": "123.45"},
                              "name": {"before": "Acme", "after": "Acme Ltd"}}


def test_nothing_changed_but_derived_fields_is_no_record():
    assert audit_record(AuditEntity.CUSTOMER, "c1", customer(), customer(updated_at=datetime.now(UTC),
                                                                         last_activity_at=NOW)) is None


@pytest.mark.parametrize(("before", "after", "change"), [
    pytest.param(["a"], ["a", "b"], {"added": ["b"]}, id="appended"),
    pytest.param(["a", "b", "c"], ["a", "c"], {"removed": ["b"]}, id="removed in the middle"),
    pytest.param(["a", "b"], ["a", "x"], {"added": ["x"], "removed": ["b"]}, id="replaced"),
    pytest.param(["a", "b"], ["b", "a"], {"before": ["a", "b"], "after": ["b", "a"]}, id="reordered"),
    pytest.param(None, ["a"], {"added": ["a"]}, id="from nothing"),
    pytest.param(["a"], None, {"removed": ["a"]}, id="to nothing"),
])
def test_lists_show_the_items_added_and_removed(before, after, change):
    assert field_changes({"tags": before}, {"tags": after}) == {"tags": change}


def test_an_appended_note_is_all_a_long_note_list_records():
    notes = [{"text": f"note {n} " + "x" * 4000, "by": "u", "at": NOW} for n in range(300)]
    new = {"text": "latest", "by": "u", "at": NOW}

    record = audit_record(AuditEntity.CUSTOMER, "c1", customer(notes=notes), customer(notes=[*notes, new]))

    assert record.changes == {"notes": {"added": [new]}}
    assert record.summary == "note added"


@pytest.mark.parametrize(("value", "stored"), [
    pytest.param(Decimal("1.50"), "1.50", id="decimal"),
    pytest.param(date(2026, 5, 1), "2026-05-01", id="date"),
    pytest.param(NOW, NOW, id="datetime kept"),
    pytest.param(2**70, str(2**70), id="int past 64 bits"),
    pytest.param(b"\x00\x01", "<2 bytes>", id="bytes"),
    pytest.param({"__name__": 1, "": 2}, {"(__name__)": 1, "(empty)": 2}, id="reserved and empty keys"),
    pytest.param((1, 2), [1, 2], id="tuple"),
])
def test_values_are_made_storable(value, stored):
    class Colour(Enum):
        RED = "red"

    assert bounded(value, FULL) == stored
    assert bounded(Colour.RED, FULL) == "red"


def test_long_texts_lists_maps_and_depths_are_cut_and_say_so():
    assert bounded("y" * 5000, FULL) == "y" * (FULL.text - 1) + "…"
    assert bounded(list(range(50)), FULL) == [*range(FULL.items), f"… {50 - FULL.items} more"]
    cut = bounded({f"k{n}": n for n in range(40)}, FULL)
    assert len(cut) == FULL.keys + 1 and cut["…"] == f"{40 - FULL.keys} more"
    assert bounded({"a": {"b": {"c": {"d": {"e": 1}}}}}, FULL) == {"a": {"b": {"c": {"d": "…"}}}}


def test_an_entry_stays_small_however_large_the_record():
    huge = {f"field_{n}": [{f"k{i}": "z" * 3000 for i in range(40)} for _ in range(100)] for n in range(150)}

    changes, omitted = bounded_changes(field_changes({}, huge))

    assert size(changes) <= MAX_CHANGES_BYTES + 1024
    assert changes and omitted
    assert set(changes).isdisjoint(omitted)


def test_a_write_whose_previous_state_is_unknown_records_the_values_written():
    record = audit_record(AuditEntity.PIPELINE, "p1", None, {"name": "Sales", "stages": [], "updated_at": NOW},
                          previous_known=False)

    assert (record.action, record.previous_known) == (AuditAction.UPDATE, False)
    assert record.changes == {"name": {"after": "Sales"}, "stages": {"after": []}}


@pytest.mark.parametrize(("entity", "before", "after", "summary"), [
    pytest.param(AuditEntity.DEAL, None, deal(), "deal 'Arcade' created in lead", id="deal created"),
    pytest.param(AuditEntity.DEAL, deal(), deal(stage="proposal"), "deal 'Arcade' moved from lead to proposal",
                 id="deal moved"),
    pytest.param(AuditEntity.DEAL, deal(), deal(stage="closed_won", status="won"), "deal 'Arcade' won",
                 id="deal won"),
    pytest.param(AuditEntity.DEAL, deal(), deal(stage="closed_lost", status="lost", lost_reason="price"),
                 "deal 'Arcade' lost: price", id="deal lost"),
    pytest.param(AuditEntity.DEAL, deal(stage="closed_won", status="won"), deal(stage="proposal"),
                 "deal 'Arcade' reopened in proposal", id="deal reopened"),
    pytest.param(AuditEntity.DEAL, deal(), deal(value_cents=5000, title="Pinball"),
                 "deal 'Pinball' edited: title, value", id="deal edited"),
    pytest.param(AuditEntity.DEAL, deal(), None, "deal 'Arcade' deleted", id="deal deleted"),
    pytest.param(AuditEntity.ORDER, {"order_number": "SO-1", "status": "shipped"},
                 {"order_number": "SO-1", "status": "delivered"}, "order SO-1 delivered", id="order delivered"),
    pytest.param(AuditEntity.ORDER, {"order_number": "SO-1", "status": "confirmed"},
                 {"order_number": "SO-1", "status": "processing"}, "order SO-1 marked processing",
                 id="order processing"),
    pytest.param(AuditEntity.ACTIVITY, None, {"type": "meeting", "subject": "Demo", "customer_id": "c1"},
                 "meeting 'Demo' added", id="activity added"),
    pytest.param(AuditEntity.ACTIVITY, {"type": "task", "subject": "Ship", "status": "scheduled"},
                 {"type": "task", "subject": "Ship", "status": "in_progress"}, "task 'Ship' marked in progress",
                 id="activity started"),
    pytest.param(AuditEntity.CUSTOMER, customer(), customer(status="churned", lost_reason="moved away", lost_at=NOW),
                 "status changed from lead to churned; customer 'Acme' edited: lost_reason", id="lead lost"),
    pytest.param(AuditEntity.CUSTOMER, customer(), customer(deleted_at=NOW), "customer 'Acme' deleted",
                 id="customer deleted"),
    pytest.param(AuditEntity.SETTINGS, {"base": "EUR", "rates": {}}, {"base": "EUR", "rates": {"USD": "1.1"}},
                 "currency rates settings edited: rates", id="settings"),
])
def test_summaries_say_what_happened(entity, before, after, summary):
    entity_id = "currency_rates" if entity is AuditEntity.SETTINGS else "x1"
    assert audit_record(entity, entity_id, before, after).summary == summary


def test_records_belong_to_their_customer():
    assert audit_record(AuditEntity.DEAL, "d1", None, deal()).customer_id == "c1"
    assert audit_record(AuditEntity.DEAL, "d1", deal(), None).customer_id == "c1"
    assert audit_record(AuditEntity.CUSTOMER, "c9", None, customer()).customer_id == "c9"
    assert audit_record(AuditEntity.PIPELINE, "p1", None, {"name": "Sales"}).customer_id is None


def test_a_soft_delete_and_a_restore_are_their_own_actions():
    deleted = audit_record(AuditEntity.CUSTOMER, "c1", customer(), customer(deleted_at=NOW))
    restored = audit_record(AuditEntity.CUSTOMER, "c1", customer(deleted_at=NOW), customer())

    assert (deleted.action, restored.action) == (AuditAction.DELETE, AuditAction.RESTORE)
