"""Pipelines on the emulator: the default Sales pipeline under concurrent first uses, and the stage changes and
deletions that move deals (found by query, in batches) and reorder stage-sorted lists."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from google.api_core.exceptions import Aborted

from crm.domain.deal_queries import DealListParams
from crm.domain.deals import DealStatus
from crm.errors import FailedPreconditionError, NotFoundError, ValidationFailedError
from crm.services import pipelines as service
from crm.store.pipelines import TxPipelines
from tests.utils.deal_steps import move, sales_stages, stage, won
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator
FIRST_USERS = 5


def stage_order(reader, **filters) -> list[tuple[str, str]]:
    deals = reader.list(DealListParams(order_by="stage", page_size=100, **filters)).results
    return [(d.title, d.stage) for d in deals]


def test_default_sales_pipeline_is_created_once_under_concurrent_first_uses(db, names, transactions, open_deal,
                                                                           create):
    customer_ids = [create().id for _ in range(FIRST_USERS)]
    start = threading.Barrier(FIRST_USERS * 2)

    def first_use(n: int):
        start.wait()
        if n % 2:
            return service.list_pipelines(transactions).results[0]
        return open_deal(customer_id=customer_ids[n // 2])

    with ThreadPoolExecutor(max_workers=FIRST_USERS * 2) as pool:
        outcomes = list(pool.map(first_use, range(FIRST_USERS * 2)))

    assert [s.id for s in db.collection(names.pipelines).stream()] == ["sales"]
    assert db.collection(names.config).document("pipelines").get().to_dict() == {"default_pipeline_id": "sales"}
    listed = [o for o in outcomes if hasattr(o, "stages")]
    assert {(p.id, p.is_default, p.created_at) for p in listed} == {
        ("sales", True, service.get_pipeline(transactions, "sales").created_at)}
    assert {d.pipeline_id for d in outcomes if not hasattr(d, "stages")} == {"sales"}


def test_a_read_aborted_by_contention_is_retried_not_reported(transactions, monkeypatch):
    """What the test above meets at random: a query in the transaction aborted by another's lock."""
    real_all, calls = TxPipelines.all, []

    def contended(self):
        calls.append(1)
        if len(calls) == 1:
            raise Aborted("Transaction lock timeout.")
        return real_all(self)

    monkeypatch.setattr(TxPipelines, "all", contended)
    assert [p.id for p in service.list_pipelines(transactions).results] == ["sales"]
    assert len(calls) == 2


def test_deals_of_a_removed_stage_move_where_stage_moves_says(db, names, reader, open_deal, change_pipeline):
    moving = [open_deal(title=f"p{n}", stage="proposal") for n in range(3)]
    staying = open_deal(title="n", stage="negotiation")
    changed = change_pipeline("sales", stages=sales_stages(without=("proposal",)), stage_moves={"proposal": "lead"})
    assert not changed.has_stage("proposal")
    for before in moving:
        after = reader.get(before.id)
        assert (after.stage, after.pipeline_id, after.status) == ("lead", "sales", DealStatus.OPEN)
        entry = after.stage_history[-1]
        assert (entry.from_stage, entry.to, entry.by) == ("proposal", "lead", admin_caller().uid)
    assert reader.get(staying.id).stage_history == staying.stage_history
    assert sorted(stage_order(reader)[:3]) == [("p0", "lead"), ("p1", "lead"), ("p2", "lead")]
    assert stage_order(reader)[3] == ("n", "negotiation")
    positions = {s.id: n for n, s in enumerate(changed.stages)}
    stored = {d.id: d.get("stage_position") for d in db.collection(names.deals).stream()}
    assert stored == {d.id: positions["lead"] for d in moving} | {staying.id: positions["negotiation"]}


def test_won_deals_of_a_removed_won_stage_stay_won(transactions, reader, open_deal, change_pipeline):
    deal = open_deal(value="100")
    closed = won(transactions, deal.id)
    stages = sales_stages(without=("closed_won",), extra=(stage("signed", "won", 100),))
    change_pipeline("sales", stages=stages, stage_moves={"closed_won": "signed"})
    after = reader.get(deal.id)
    assert (after.stage, after.status, after.closed_at) == ("signed", DealStatus.WON, closed.closed_at)


def test_reordering_stages_reorders_stage_sorted_lists(reader, open_deal, change_pipeline):
    for title, stage_id in (("a", "lead"), ("b", "proposal"), ("c", "negotiation")):
        open_deal(title=title, stage=stage_id)
    assert [t for t, _ in stage_order(reader)] == ["a", "b", "c"]
    reordered = sales_stages()
    reordered[0], reordered[3] = reordered[3], reordered[0]
    change_pipeline("sales", stages=reordered)
    assert [t for t, _ in stage_order(reader)] == ["c", "b", "a"]
    created_after = open_deal(title="d", stage="qualified")
    assert created_after.stage == "qualified" and [t for t, _ in stage_order(reader)] == ["c", "d", "b", "a"]


def test_changing_the_kind_of_a_stage_that_holds_deals_keeps_deals_consistent(reader, open_deal, change_pipeline):
    deal = open_deal(stage="proposal")
    stages = sales_stages()
    stages[2] = stage("proposal", "lost", 0)
    try:
        change_pipeline("sales", stages=stages)
    except (FailedPreconditionError, ValidationFailedError):
        return
    after = reader.get(deal.id)
    assert after.status == DealStatus.LOST, "an open deal now sits in a lost stage while its status says open"


def test_a_pipeline_with_deals_is_deleted_only_with_move_deals_to(transactions, reader, make_pipeline, open_deal):
    renewals = make_pipeline()
    quote = open_deal(pipeline_id=renewals.id, stage="quote", title="quote")
    lost_deal = move(transactions, open_deal(pipeline_id=renewals.id, title="lost").id, "churned", reason="gone")
    with pytest.raises(FailedPreconditionError, match="holds 2 deals") as caught:
        service.delete_pipeline(transactions, reader, renewals.id, None, admin_caller())
    assert caught.value.details == [{"stage": "churned", "deals": 1}, {"stage": "quote", "deals": 1}]

    service.delete_pipeline(transactions, reader, renewals.id, "sales", admin_caller())

    with pytest.raises(NotFoundError):
        service.get_pipeline(transactions, renewals.id)
    moved_quote, moved_lost = reader.get(quote.id), reader.get(lost_deal.id)
    assert (moved_quote.pipeline_id, moved_quote.stage, moved_quote.status) == ("sales", "lead", DealStatus.OPEN)
    assert (moved_lost.pipeline_id, moved_lost.stage, moved_lost.lost_reason) == ("sales", "closed_lost", "gone")
    entry = moved_quote.stage_history[-1]
    assert (entry.from_stage, entry.to, entry.pipeline_id) == ("quote", "lead", "sales")


def test_moved_deals_keep_a_shared_stage_id(transactions, reader, make_pipeline, open_deal):
    other = make_pipeline(stages=sales_stages(without=("qualified",)))
    deal = open_deal(pipeline_id=other.id, stage="proposal")
    service.delete_pipeline(transactions, reader, other.id, "sales", admin_caller())
    assert (reader.get(deal.id).pipeline_id, reader.get(deal.id).stage) == ("sales", "proposal")


