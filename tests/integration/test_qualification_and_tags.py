"""On the emulator: the running counts of tags and of lead boards equal a recount of the records after concurrent
writes; a tag job's queries walk the records from its checkpoint and resume after a run stops; a SKU claimed by two
products at once goes to one."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest

from crm.domain.catalog.products import ProductCreate
from crm.domain.customers import CustomerUpdate
from crm.domain.qualification.lead_pipelines import LeadPipelineCreate, default_lead_stages
from crm.domain.qualification.moves import LeadMove
from crm.domain.qualification.totals import slot_of
from crm.domain.tags.jobs import TagJobStatus
from crm.domain.tags.registry import tag_id
from crm.errors import AlreadyExistsError, FailedPreconditionError, NotFoundError
from crm.services import customers as customer_service
from crm.services.catalog import products
from crm.services.qualification import board, lead_pipelines
from crm.services.tags import jobs
from crm.store.customers import customer_from_snapshot
from crm.store.qualification.board import FirestoreLeadBoard
from crm.store.tags.jobs import FirestoreTagJobs
from crm.store.tags.registry import FirestoreTagReader
from tests.utils.deal_steps import run_together

pytestmark = pytest.mark.emulator
TAGS = ["vip", "retail", "wholesale"]
STAGES = ["new", "contacted", "qualified"]


def stored_customers(db, names) -> list[Any]:
    return [customer_from_snapshot(s) for s in db.collection(names.customers).stream()]


def test_tag_and_lead_counts_equal_a_recount_after_concurrent_writes(db, names, transactions, create, caller):
    pipeline = lead_pipelines.create_lead_pipeline(
        transactions, LeadPipelineCreate(name="Inbound", stages=default_lead_stages()), caller)
    made = [create(status="lead", tags=[TAGS[n % 3]], owner_id=f"rep-{n % 2}") for n in range(6)]
    rng = random.Random(7)

    def change(n: int) -> None:
        customer = made[n % len(made)]
        try:
            if n % 3 == 0:
                board.move_lead(transactions, customer.id, LeadMove(stage=rng.choice(STAGES[1:])), caller)
            elif n % 3 == 1:
                data = CustomerUpdate(tags=rng.sample(TAGS, 2))
                customer_service.update_customer(transactions, customer.id, data, caller)
            else:
                customer_service.delete_customer(transactions, customer.id, caller)
        except (FailedPreconditionError, NotFoundError):
            pass  # already in that stage, or deleted by another thread first

    run_together(change, 9)

    stored = stored_customers(db, names)
    expected_tags = Counter(t for c in stored if c.deleted_at is None for t in c.tags)
    registry = FirestoreTagReader(db, names)
    counted = {t.name: t.customer_count for t in registry.get_many(TAGS)}
    assert counted == {name: expected_tags[name] for name in TAGS}

    slots = Counter(slot for c in stored if (slot := slot_of(c)) is not None)
    tallied = FirestoreLeadBoard(db, names).counts(pipeline.id)
    for stage in STAGES:
        assert tallied.stage(stage) == sum(n for s, n in slots.items() if s.stage == stage), stage
        for owner in ("rep-0", "rep-1"):
            assert tallied.stage(stage, owner) == sum(n for s, n in slots.items()
                                                      if s.stage == stage and s.owner_id == owner)


def test_a_tag_job_resumes_from_its_checkpoint_on_firestore(db, names, transactions, create, caller):
    made = [create(tags=["vip"]) for _ in range(5)]
    records = FirestoreTagJobs(db, names)
    job = jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    readings = iter([0.0, 0.0, 0.0] + [1e9] * 100)
    stopped = jobs.run_tag_job(transactions, records, job.id, caller, batch=2, clock=lambda: next(readings))
    assert (stopped.status, stopped.changed, stopped.after_id) == (TagJobStatus.RUNNING, 4,
                                                                   sorted(c.id for c in made)[3])
    assert records.carrying(stopped.phase, "vip", stopped.after_id, 10) == [sorted(c.id for c in made)[4]]

    done = jobs.run_tag_job(transactions, records, job.id, caller, batch=2)
    assert (done.status, done.changed) == (TagJobStatus.DONE, 5)
    assert all(c.tags == ["gold"] for c in stored_customers(db, names))
    registry = FirestoreTagReader(db, names)
    assert (registry.get(tag_id("vip")), registry.get(tag_id("gold")).customer_count) == (None, 5)
    assert records.recent()[0].id == job.id


def test_one_of_two_products_claiming_a_sku_at_once_gets_it(transactions, caller):
    def claim(n: int) -> str:
        try:
            return products.create_product(transactions, ProductCreate(sku="RACE-1" if n else "race-1",
                                                                       name=f"P{n}"), caller).id
        except AlreadyExistsError:
            return "refused"

    outcomes = run_together(claim, 2)
    assert sorted(o == "refused" for o in outcomes) == [False, True]
