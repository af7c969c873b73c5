"""Which events a record's change raises, in which order, with which previous values."""

from __future__ import annotations

import pytest

from crm.domain.webhooks.events import EVENT_TYPES, MAX_PREVIOUS_BYTES, change_events


def types(*args, **kwargs) -> list[str]:
    return [draft.type for draft in change_events(*args, **kwargs)]


def test_every_subject_declares_created_updated_and_deleted():
    for subject in ("customer", "deal", "order", "activity"):
        assert {f"{subject}.created", f"{subject}.updated", f"{subject}.deleted"} <= set(EVENT_TYPES)
    assert "customer.restored" in EVENT_TYPES and "deal.restored" not in EVENT_TYPES


@pytest.mark.parametrize(("subject", "before", "after", "expected"), [
    pytest.param("deal", None, {"stage": "lead", "status": "open"}, ["deal.created"], id="deal created"),
    pytest.param("deal", None, {"stage": "won", "status": "won"}, ["deal.created", "deal.won"], id="created won"),
    pytest.param("deal", {"stage": "lead", "status": "open"}, {"stage": "qualified", "status": "open"},
                 ["deal.updated", "deal.stage_changed"], id="stage moved"),
    pytest.param("deal", {"stage": "negotiation", "status": "open"}, {"stage": "closed_lost", "status": "lost"},
                 ["deal.updated", "deal.stage_changed", "deal.lost"], id="lost"),
    pytest.param("deal", {"title": "A", "stage": "lead"}, {"title": "B", "stage": "lead"}, ["deal.updated"],
                 id="title only"),
    pytest.param("order", {"status": "pending"}, {"status": "confirmed"}, ["order.updated", "order.status_changed"],
                 id="order status"),
    pytest.param("activity", {"status": "scheduled"}, {"status": "completed"},
                 ["activity.updated", "activity.completed"], id="activity completed"),
    pytest.param("activity", None, {"status": "completed"}, ["activity.created", "activity.completed"],
                 id="created completed"),
    pytest.param("order", {"status": "pending"}, None, ["order.deleted"], id="hard delete"),
    pytest.param("customer", {"name": "A", "deleted_at": None}, {"name": "A", "deleted_at": "2026-01-01"},
                 ["customer.deleted"], id="soft delete"),
    pytest.param("customer", {"name": "A", "deleted_at": "2026-01-01"}, {"name": "A", "deleted_at": None},
                 ["customer.restored"], id="restore"),
    pytest.param("customer", {"name": "A", "updated_at": "1"}, {"name": "A", "updated_at": "2"}, [],
                 id="nothing a reader sees"),
    pytest.param("pipeline", None, {"name": "Sales"}, [], id="not a subject"),
])
def test_change_events(subject, before, after, expected):
    assert types(subject, "r1", before, after) == expected


def test_previous_holds_only_what_changed_and_an_unknown_previous_is_an_update():
    [draft] = change_events("customer", "c1", {"name": "A", "tags": [], "version": "1"},
                            {"name": "B", "tags": [], "version": "2"})
    assert draft.previous == {"name": "A"} and draft.object["name"] == "B" and draft.record_id == "c1"
    assert types("customer", "c1", {"name": "A"}, {"name": "B"}, previous_known=False) == ["customer.updated"]


def test_large_previous_values_are_cut_or_named_as_omitted():
    before = {f"field{n}": "x" * 20_000 for n in range(6)}
    after = {f"field{n}": "y" for n in range(6)}
    [draft] = change_events("customer", "c1", before, after)
    assert all(len(value) <= 500 for value in draft.previous.values())
    big = {f"f{n}": ["z" * 400] * 20 for n in range(40)}
    [draft] = change_events("customer", "c1", big, {f"f{n}": [] for n in range(40)})
    assert draft.previous_omitted and len(str(draft.previous)) <= MAX_PREVIOUS_BYTES * 1.1
