"""The audit trail on the emulator: one entry per record a write changes, in the write's own transaction, with the
caller, the time and the fields' before and after; nothing for a refused or failed write, and no extra reads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from google.cloud.firestore_v1.services.firestore import client as gapic

from crm.domain.access import SYSTEM
from crm.domain.activities import ActivityCreate
from crm.domain.orders import OrderCreate, OrderStatus
from crm.errors import AlreadyExistsError, FailedPreconditionError, ValidationFailedError
from crm.services import activities as activity_service
from crm.services import customers as customer_service
from crm.services import orders as order_service
from crm.store import audit
from crm.store.read_meter import metered
from crm.store.unit_of_work import TransactionRunner
from tests.utils.deal_steps import move, stage, won
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

Entry = dict[str, Any]


@pytest.fixture
def trail(db, names) -> Callable[[], list[Entry]]:
    """The audit entries written since the last call, oldest first."""
    seen: set[str] = set()

    def new_entries() -> list[Entry]:
        fresh = [s for s in db.collection(names.audit).stream() if s.id not in seen]
        seen.update(s.id for s in fresh)
        return sorted((s.to_dict() for s in fresh), key=lambda e: (e["at"], e["entity"]))

    return new_entries


@pytest.fixture
def customer(create, trail):
    made = create(name="Acme")
    trail()
    return made


@pytest.fixture
def place_order(transactions, caller, customer):
    def make(number: str = "SO-1", total: str = "100.00"):
        data = OrderCreate.model_validate({"customer_id": customer.id, "order_number": number, "total": total})
        return order_service.create_order(transactions, data, caller)

    return make


def only(entries: list[Entry]) -> Entry:
    assert len(entries) == 1, [e["summary"] for e in entries]
    return entries[0]


# ---------------------------------------------------------------- customers


def test_creating_a_customer_records_its_fields_and_who_created_it(transactions, customers, create_data, trail):
    made = customer_service.create_customer(transactions, create_data(name="Acme", tags=["vip"]), admin_caller("alice"),
                                            default_language="el")

    entry = only(trail())
    assert {k: entry[k] for k in ("entity", "entity_id", "customer_id", "action", "by", "summary", "label")} == {
        "entity": "customer", "entity_id": made.id, "customer_id": made.id, "action": "create", "by": "alice",
        "summary": "customer 'Acme' created", "label": "Acme",
    }
    assert isinstance(entry["at"], datetime)
    assert entry["changes"]["name"] == {"before": None, "after": "Acme"}
    assert entry["changes"]["tags"] == {"added": ["vip"]}
    assert entry["changes"]["lifetime_value"] == {"before": None, "after": "0.00"}
    assert not {"search_tokens", "name_sort", "lifetime_value_cents", "updated_at"} & set(entry["changes"])
    assert entry["previous_known"] is True


def test_editing_a_customer_records_each_changed_field_before_and_after(transactions, customer, caller, update_data,
                                                                        trail):
    customer_service.update_customer(transactions, customer.id, update_data(name="Acme Ltd", tags=["vip"]), caller)

    entry = only(trail())
    assert entry["action"] == "update"
    assert entry["changes"] == {"name": {"before": "Acme", "after": "Acme Ltd"}, "tags": {"added": ["vip"]}}
    assert entry["summary"] == "customer 'Acme Ltd' edited: name, tags"


def test_a_save_that_changes_nothing_records_nothing(transactions, customers, customer, caller, update_data, trail):
    customer_service.update_customer(transactions, customer.id, update_data(name="Acme"), caller)

    assert trail() == []


def test_a_note_records_the_note_added(transactions, customers, customer, caller, trail):
    customer_service.add_note(transactions, customer.id, "Called about the cabinet", caller)

    entry = only(trail())
    [note] = entry["changes"]["notes"]["added"]
    assert (note["text"], note["by"], entry["by"]) == ("Called about the cabinet", caller.uid, caller.uid)
    assert set(entry["changes"]) == {"notes"}
    assert entry["summary"] == "note added"


def test_an_upgrade_records_the_status_change(transactions, customers, customer, caller, trail):
    customer_service.upgrade_customer(transactions, customer.id, caller)

    entry = only(trail())
    assert entry["changes"] == {"status": {"before": "lead", "after": "customer"}}
    assert entry["summary"] == "status changed from lead to customer"


def test_delete_and_restore_are_recorded_as_such(transactions, customers, customer, caller, trail):
    customer_service.delete_customer(transactions, customer.id, caller)
    deleted = only(trail())
    customer_service.restore_customer(transactions, customer.id, caller)
    restored = only(trail())

    assert (deleted["action"], deleted["summary"]) == ("delete", "customer 'Acme' deleted")
    assert deleted["changes"]["deleted_at"]["before"] is None
    assert isinstance(deleted["changes"]["deleted_at"]["after"], datetime)
    assert (restored["action"], restored["summary"]) == ("restore", "customer 'Acme' restored")
    assert restored["changes"]["deleted_at"]["after"] is None


# ---------------------------------------------------------------- deals


def test_a_new_deal_is_recorded_on_its_customer(open_deal, customer, trail):
    deal = open_deal(customer_id=customer.id, value="250.00")

    entry = only(trail())
    assert (entry["entity"], entry["entity_id"], entry["customer_id"], entry["owner_id"], entry["action"]) == (
        "deal", deal.id, customer.id, deal.owner_id, "create")
    assert entry["summary"] == "deal 'Arcade cabinet' created in lead"
    assert entry["changes"]["value"] == {"before": None, "after": "250.00"}
    assert not {"value_cents", "stage_position", "expected_revenue_cents", "won_base_cents"} & set(entry["changes"])


def test_a_stage_move_records_the_stages_and_nothing_for_statistics(transactions, open_deal, customer, trail):
    deal = open_deal(customer_id=customer.id)
    trail()

    move(transactions, deal.id, "proposal")

    entry = only(trail())
    assert entry["summary"] == "deal 'Arcade cabinet' moved from lead to proposal"
    assert entry["changes"]["stage"] == {"before": "lead", "after": "proposal"}
    assert entry["changes"]["probability"] == {"before": 10, "after": 50}
    [step] = entry["changes"]["stage_history"]["added"]
    assert (step["from"], step["to"]) == ("lead", "proposal")


def test_winning_records_the_deal_and_the_lifetime_value_it_adds(transactions, open_deal, customer, trail):
    deal = open_deal(customer_id=customer.id, value="1200.00")
    trail()

    won(transactions, deal.id, admin_caller("closer"))

    deal_entry, customer_entry = sorted(trail(), key=lambda e: e["entity"], reverse=True)
    assert (deal_entry["summary"], deal_entry["by"]) == ("deal 'Arcade cabinet' won", "closer")
    assert deal_entry["changes"]["status"] == {"before": "open", "after": "won"}
    assert customer_entry["entity_id"] == customer.id
    assert customer_entry["by"] == "closer"
    assert customer_entry["changes"] == {
        "lifetime_value": {"before": "0.00", "after": "1200.00"},
        "status": {"before": "lead", "after": "customer"},
    }
    assert customer_entry["summary"] == (
        "status changed from lead to customer; lifetime value changed from 0.00 to 1200.00")


def test_deals_moved_out_of_a_removed_stage_are_diffed_against_what_the_query_read(
        transactions, open_deal, customer, change_pipeline, make_pipeline, trail):
    pipeline = make_pipeline(stages=[stage("contact"), stage("quote"), stage("won", "won", 100),
                                     stage("gone", "lost", 0)])
    deal = open_deal(customer_id=customer.id, pipeline_id=pipeline.id, stage="quote")
    trail()

    change_pipeline(pipeline.id, stages=[stage("contact"), stage("won", "won", 100), stage("gone", "lost", 0)],
                    stage_moves={"quote": "contact"})

    deal_entry = next(e for e in trail() if e["entity"] == "deal")
    assert deal_entry["entity_id"] == deal.id
    assert deal_entry["previous_known"] is True
    assert deal_entry["summary"] == "deal 'Arcade cabinet' moved from quote to contact"


# ---------------------------------------------------------------- orders, activities, pipelines, settings


def test_an_order_transition_records_the_status(transactions, place_order, caller, trail):
    order = place_order()
    created = only(trail())

    order_service.transition_order(transactions, order.id, OrderStatus.CONFIRMED, caller)

    entry = only(trail())
    assert created["summary"] == "order SO-1 created"
    assert created["changes"]["total"] == {"before": None, "after": "100.00"}
    assert entry["summary"] == "order SO-1 confirmed"
    assert entry["changes"]["status"] == {"before": "pending", "after": "confirmed"}
    assert [s["to"] for s in entry["changes"]["status_history"]["added"]] == ["confirmed"]


def test_delivery_records_the_order_and_the_customer_credit(transactions, place_order, customer, caller, trail):
    order = place_order(total="80.00")
    for status in (OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED):
        order_service.transition_order(transactions, order.id, status, caller)
    trail()

    order_service.transition_order(transactions, order.id, OrderStatus.DELIVERED, caller)

    summaries = sorted(e["summary"] for e in trail())
    assert summaries == ["order SO-1 delivered",
                         "status changed from lead to customer; lifetime value changed from 0.00 to 80.00"]


def test_completing_an_activity_records_one_entry(transactions, customer, caller, trail):
    data = ActivityCreate.model_validate({"type": "call", "subject": "Intro", "customer_id": customer.id})
    activity = activity_service.create_activity(transactions, data, caller)
    created = only(trail())  # the customer's last_activity_at follows the activity and is not recorded apart

    activity_service.complete_activity(transactions, activity.id, caller)

    entry = only(trail())
    assert (created["summary"], created["customer_id"]) == ("call 'Intro' added", customer.id)
    assert entry["summary"] == "call 'Intro' completed"
    assert entry["changes"]["status"] == {"before": "scheduled", "after": "completed"}
    assert entry["changes"]["completed_at"]["before"] is None


def test_pipeline_changes_are_recorded(make_pipeline, change_pipeline, trail):
    trail()
    pipeline = make_pipeline(name="Renewals")
    created = only(trail())

    change_pipeline(pipeline.id, name="Renewals 2026")

    entry = only(trail())
    assert (created["entity"], created["action"], created["customer_id"]) == ("pipeline", "create", None)
    assert created["changes"]["name"] == {"before": None, "after": "Renewals"}
    # the final save reads the pipeline in its transaction, so the entry holds before and after
    assert (entry["action"], entry["previous_known"]) == ("update", True)
    assert entry["changes"]["name"] == {"before": "Renewals", "after": "Renewals 2026"}


def test_currency_rates_are_recorded_as_settings(set_rates, trail):
    trail()
    set_rates(USD="1.1")
    first = only(trail())
    set_rates(USD="1.2", GBP="0.85")
    second = only(trail())

    assert (first["entity"], first["entity_id"], first["action"]) == ("settings", "currency_rates", "create")
    assert second["changes"] == {"rates": {"before": {"USD": "1.1"}, "after": {"USD": "1.2", "GBP": "0.85"}}}
    assert second["summary"] == "currency rates settings edited: rates"


# ---------------------------------------------------------------- what is not recorded, and what it costs


def test_a_refused_change_records_nothing(transactions, customers, customer, caller, trail):
    customer_service.upgrade_customer(transactions, customer.id, caller)
    trail()

    with pytest.raises(FailedPreconditionError):
        customer_service.upgrade_customer(transactions, customer.id, caller)

    assert trail() == []


def test_a_write_that_fails_at_commit_records_nothing(create, customer, trail):
    create(name="First", email="taken@example.com")
    trail()

    with pytest.raises(AlreadyExistsError):
        create(name="Second", email="taken@example.com")

    assert trail() == []


def test_a_deal_refused_for_a_missing_customer_records_nothing(open_deal, trail):
    trail()
    with pytest.raises(ValidationFailedError):
        open_deal(customer_id="nobody")

    assert trail() == []


def test_work_no_caller_asked_for_is_by_system(transactions, customers, create_data, trail):
    customer_service.create_customer(transactions, create_data(name="Batch"), SYSTEM, default_language="el")

    assert only(trail())["by"] == "system"


def test_two_writes_of_one_record_in_a_transaction_make_one_entry(db, names, trail):
    ref = db.collection(names.customers).document("c1")
    ref.set({"name": "Before", "status": "lead"})

    def work(uow):
        uow.get(ref)
        uow.set(ref, {"name": "Middle", "status": "lead"})
        uow.set(ref, {"name": "After", "status": "prospect"})

    TransactionRunner(db, names).run(work, actor=admin_caller())

    entry = only(trail())
    assert entry["changes"] == {"name": {"before": "Before", "after": "After"},
                                "status": {"before": "lead", "after": "prospect"}}


def test_recording_adds_no_reads(transactions, open_deal, customer, trail, monkeypatch):
    """A deal won (the deal and its customer written) costs the same reads and read calls with and without its
    audit entries."""
    calls = {"n": 0}
    for method in ("batch_get_documents", "run_query", "run_aggregation_query"):
        original = getattr(gapic.FirestoreClient, method)

        def counting(self, *args, _original=original, **kwargs):
            calls["n"] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(gapic.FirestoreClient, method, counting)

    def win_a_deal() -> tuple[int, int]:
        deal = open_deal(customer_id=customer.id, value="10.00")
        calls["n"] = 0
        with metered() as reads:
            won(transactions, deal.id)
        return reads.reads, calls["n"]

    audited = win_a_deal()
    assert len(trail()) == 3  # the deal created, then the deal and the customer when won
    monkeypatch.setattr(audit.AuditTrail, "entries", lambda self, actor: [])
    unaudited = win_a_deal()

    assert trail() == []
    assert audited == unaudited
