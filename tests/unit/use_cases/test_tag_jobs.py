"""Tag rename and merge jobs on in-memory repositories: batches, checkpoints, resuming after a run stops, another
pass when a writer re-adds the old tag meanwhile, leases, and the registry afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from crm.domain.customers import Customer
from crm.domain.tags.jobs import TagJob, TagJobPhase, TagJobStatus
from crm.domain.tags.registry import TagCreate, tag_id
from crm.errors import AlreadyExistsError, FailedPreconditionError
from crm.identity import Caller
from crm.services import customers as customer_service
from crm.services.ports import TagJobReader, Transactions
from crm.services.tags import jobs, registry
from tests.utils.memory import MemoryDatabase, MemoryTagJobReader


@pytest.fixture
def records(memory: MemoryDatabase) -> TagJobReader:
    return MemoryTagJobReader(memory)


def ticks(runs: int) -> Callable[[], float]:
    """A clock that lets a run do ``runs`` batches: its deadline passes after that many readings."""
    readings: Iterator[float] = iter([0.0] + [0.0] * runs + [1e9] * 1000)
    return lambda: next(readings)


def tagged(create, count: int, *tags: str) -> list[Customer]:
    made: list[Customer] = [create(tags=list(tags)) for _ in range(count)]
    return made


def test_a_rename_in_batches_resumes_from_its_checkpoint(transactions: Transactions, records, create, caller,
                                                        memory):
    made = tagged(create, 5, "vip", "retail")
    job = jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    assert (job.expected, job.status) == (5, TagJobStatus.RUNNING)

    first = jobs.run_tag_job(transactions, records, job.id, caller, batch=2, clock=ticks(1))
    assert (first.status, first.phase, first.changed, first.lease_until) == (TagJobStatus.RUNNING,
                                                                             TagJobPhase.CUSTOMERS, 2, None)
    assert first.after_id == sorted(c.id for c in made)[1]

    done = jobs.run_tag_job(transactions, records, job.id, caller, batch=2)
    assert (done.status, done.changed, done.passes) == (TagJobStatus.DONE, 5, 1)
    assert all(memory.customers[c.id].tags == ["gold", "retail"] for c in made)
    assert tag_id("vip") not in memory.tags
    assert memory.tag_counts["customer_count", "gold"] == 5 and memory.tag_counts["customer_count", "vip"] == 0


def test_a_writer_re_adding_the_old_tag_meanwhile_gets_another_pass(transactions: Transactions, records, create,
                                                                   caller, update_data, memory):
    made = tagged(create, 3, "vip")
    job = jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    jobs.run_tag_job(transactions, records, job.id, caller, batch=1, clock=ticks(2))
    first_done = sorted(c.id for c in made)[0]
    customer_service.update_customer(transactions, first_done, update_data(tags=["gold", "vip"]), caller)

    done = jobs.run_tag_job(transactions, records, job.id, caller, batch=1)
    assert (done.status, done.passes) == (TagJobStatus.DONE, 2)
    assert all(memory.customers[c.id].tags == ["gold"] for c in made)


def test_a_job_held_by_another_run_is_returned_as_it_stands(transactions: Transactions, records, create, caller,
                                                           memory):
    tagged(create, 2, "vip")
    job = jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    held = jobs._take(transactions, job.id, "another-run", caller)
    assert held.held_by("another-run")
    returned = jobs.run_tag_job(transactions, records, job.id, caller)
    assert (returned.status, returned.changed) == (TagJobStatus.RUNNING, 0)
    assert all(c.tags == ["vip"] for c in memory.customers.values())


def test_a_run_that_lost_its_lease_stops_without_overwriting_the_job(transactions: Transactions, records, create,
                                                                    caller, memory):
    tagged(create, 2, "vip")
    job = jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    taken = jobs._take(transactions, job.id, "mine", caller)
    memory.tag_jobs[job.id] = taken.model_copy(update={"lease_id": "someone-else"})
    with pytest.raises(FailedPreconditionError, match="taken over"):
        jobs._checkpoint(transactions, taken, "mine", caller, lambda j, now: j)


def test_merge_keeps_one_copy_and_refuses_a_busy_tag(transactions: Transactions, records, create, caller, memory):
    both: Customer = create(tags=["vip", "gold"])
    only: Customer = create(tags=["vip"])
    job = jobs.start_merge(transactions, tag_id("vip"), tag_id("gold"), caller)
    with pytest.raises(FailedPreconditionError, match="being renamed or merged"):
        jobs.start_rename(transactions, tag_id("vip"), "silver", caller)
    done = jobs.run_tag_job(transactions, records, job.id, caller)
    assert (done.status, memory.customers[both.id].tags, memory.customers[only.id].tags) == (
        TagJobStatus.DONE, ["gold"], ["gold"])
    assert memory.tag_counts["customer_count", "gold"] == 2


def test_rename_to_a_taken_name_is_refused(transactions: Transactions, caller: Caller):
    registry.create_tag(transactions, TagCreate(name="vip"), caller)
    registry.create_tag(transactions, TagCreate(name="gold"), caller)
    with pytest.raises(AlreadyExistsError, match="merge"):
        jobs.start_rename(transactions, tag_id("vip"), "gold", caller)


def test_a_finished_job_is_listed_first(transactions: Transactions, records, create, caller):
    create(tags=["a"])
    create(tags=["b"])
    first = jobs.start_rename(transactions, tag_id("a"), "aa", caller)
    second = jobs.start_rename(transactions, tag_id("b"), "bb", caller)
    for job in (first, second):
        jobs.run_tag_job(transactions, records, job.id, caller)
    listed: list[TagJob] = jobs.list_tag_jobs(records).results
    assert {j.id for j in listed} == {first.id, second.id} and all(j.status is TagJobStatus.DONE for j in listed)


def test_deleting_a_customer_keeps_counts_of_active_records_only(transactions: Transactions, create, caller, memory):
    customer: Customer = create(tags=["vip"])
    customer_service.delete_customer(transactions, customer.id, caller)
    assert memory.tag_counts["customer_count", "vip"] == 0


def test_jobs_no_one_runs_are_run_on_as_their_starter_oldest_first(transactions: Transactions, records, create,
                                                                   caller, memory):
    tagged(create, 3, "vip")
    tagged(create, 2, "north")
    first = jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    second = jobs.start_rename(transactions, tag_id("north"), "south", caller)

    assert jobs.run_unfinished_tag_jobs(transactions, records, seconds=60) == 2

    assert [memory.tag_jobs[j.id].status for j in (first, second)] == [TagJobStatus.DONE, TagJobStatus.DONE]
    assert sorted(tuple(c.tags) for c in memory.customers.values()) == [("gold",)] * 3 + [("south",)] * 2
    assert records.unfinished(10) == []


def test_a_job_a_run_holds_is_left_to_it_by_the_sweep(transactions: Transactions, records, create, caller, memory):
    tagged(create, 2, "vip")
    job = jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    jobs._take(transactions, job.id, "another-run", caller)

    assert jobs.run_unfinished_tag_jobs(transactions, records, seconds=60) == 0
    assert memory.tag_jobs[job.id].changed == 0 and all(c.tags == ["vip"] for c in memory.customers.values())


def test_the_sweep_stops_when_its_time_is_spent(transactions: Transactions, records, create, caller):
    tagged(create, 2, "vip")
    jobs.start_rename(transactions, tag_id("vip"), "gold", caller)
    assert jobs.run_unfinished_tag_jobs(transactions, records, seconds=1) == 0
