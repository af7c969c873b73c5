"""Deal totals on the emulator: after every kind of deal change, concurrent ones included, the stored totals are
exactly what the deals add up to; and a rebuild gives back the totals kept incrementally."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from crm.domain.deal_reports import ForecastParams, PipelineReportParams, Tally
from crm.domain.deal_totals import Cells, add_up, nonzero
from crm.errors import FailedPreconditionError
from crm.services import deal_reports as report_service
from crm.services import deals as deal_service
from crm.services import pipelines as pipeline_service
from crm.store import unit_of_work
from crm.store.deal_reports import FirestoreDealReports
from crm.store.deal_totals import FirestoreDealTotals
from crm.store.deals import deal_from_snapshot
from tests.utils.deal_steps import move, run_together, stage, update, won
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator
CALLER = admin_caller()
ACTIONS = ["create"] * 3 + ["update"] * 2 + ["move", "pipeline", "win", "lose", "reopen", "delete"]
ODD_STAGES = [stage("first-call", probability=10), stage("quote", probability=60), stage("won_it", "won", 100),
              stage("9-lost", "lost", 0)]


@pytest.fixture
def totals(db, names) -> FirestoreDealTotals:
    return FirestoreDealTotals(db, names)


@pytest.fixture
def exact(db, names, totals) -> Callable[[], Cells]:
    """Assert the stored totals (zero cells aside) are what the stored deals add up to; return them."""

    def check() -> Cells:
        deals = [deal_from_snapshot(s) for s in db.collection(names.deals).stream()]
        stored = nonzero(totals.stored())
        assert stored == add_up(deals)
        return stored

    return check


@pytest.fixture
def world(set_rates, make_pipeline, open_deal) -> dict[str, Any]:
    """A pipeline whose stage ids need escaping, a Renewals pipeline, and three deals of different owners (one with
    dots in its id), currencies and close months (one in another year, one with none)."""
    set_rates(USD="0.9", GBP="1.17")
    odd = make_pipeline(name="Odd", stages=ODD_STAGES)
    renewals = make_pipeline()
    deals = [
        open_deal(pipeline_id=odd.id, value="1000.10", owner_id="jane.doe@example.com",
                  expected_close_date="2026-12-31"),
        open_deal(pipeline_id=odd.id, value="250.05", currency="USD", stage="quote", owner_id="bob",
                  expected_close_date="2027-01-01"),
        open_deal(pipeline_id=odd.id, value="99.99", currency="GBP"),
    ]
    return {"odd": odd, "renewals": renewals, "deals": deals}


STEPS: list[Any] = [
    pytest.param(lambda tx, w, d: None, id="created"),
    pytest.param(lambda tx, w, d: update(tx, d.id, value="1234.56"), id="value"),
    pytest.param(lambda tx, w, d: update(tx, d.id, probability=33), id="probability"),
    pytest.param(lambda tx, w, d: update(tx, d.id, currency="USD"), id="currency"),
    pytest.param(lambda tx, w, d: update(tx, d.id, owner_id="carol-x.y"), id="owner"),
    pytest.param(lambda tx, w, d: update(tx, d.id, expected_close_date="2027-03-03"), id="month into another year"),
    pytest.param(lambda tx, w, d: update(tx, d.id, expected_close_date=None), id="close date removed"),
    pytest.param(lambda tx, w, d: deal_service.advance_deal(tx, d.id, CALLER), id="advance"),
    pytest.param(lambda tx, w, d: move(tx, d.id, "first-call" if d.stage == "quote" else "quote"), id="stage move"),
    pytest.param(lambda tx, w, d: move(tx, d.id, "contact", pipeline_id=w["renewals"].id), id="pipeline move"),
    pytest.param(lambda tx, w, d: won(tx, d.id), id="win"),
    pytest.param(lambda tx, w, d: deal_service.mark_deal_lost(tx, d.id, "price", CALLER), id="loss"),
    pytest.param(lambda tx, w, d: (won(tx, d.id), deal_service.reopen_deal(tx, d.id, None, CALLER)), id="reopen"),
    pytest.param(lambda tx, w, d: (won(tx, d.id), update(tx, d.id, value="5.00", currency="GBP")),
                 id="won deal's value and currency"),
    pytest.param(lambda tx, w, d: deal_service.delete_deal(tx, d.id, CALLER), id="delete"),
    pytest.param(lambda tx, w, d: (won(tx, d.id), deal_service.delete_deal(tx, d.id, CALLER)), id="delete won"),
]


@pytest.mark.parametrize("step", STEPS)
def test_totals_follow_each_kind_of_change_exactly(transactions, world, exact, step):
    for deal in world["deals"]:
        step(transactions, world, deal)
    exact()


def test_removing_a_stage_moves_its_deals_in_the_totals(transactions, world, change_pipeline, exact):
    odd = world["odd"]
    for deal in world["deals"]:
        if deal.stage != "quote":
            move(transactions, deal.id, "quote")

    change_pipeline(odd.id, stages=[s for s in ODD_STAGES if s["id"] != "quote"], stage_moves={"quote": "first-call"})

    stored = exact()
    assert {c.keys[0] for c in stored if c.pipeline_id == odd.id and c.projection.value == "stage"} == {"first-call"}


def test_deleting_a_pipeline_moves_its_deals_totals(transactions, reader, world, totals, exact):
    odd, renewals = world["odd"], world["renewals"]
    won(transactions, world["deals"][0].id)

    pipeline_service.delete_pipeline(transactions, reader, odd.id, renewals.id, CALLER)

    stored = exact()
    assert {c.pipeline_id for c in stored} == {renewals.id}
    assert all(t == Tally() for c, t in totals.stored().items() if c.pipeline_id == odd.id)  # zeros, until a rebuild


def test_a_batch_writes_each_totals_document_once(transactions, reader, world, monkeypatch, exact):
    """A pipeline's deals move in one transaction; its totals and stats documents get one write each."""
    staged: list[tuple[int, str]] = []
    original = unit_of_work.UnitOfWork.set

    def spy(self, ref, data, *, merge=False):
        staged.append((id(self), ref.path))
        return original(self, ref, data, merge=merge)

    monkeypatch.setattr(unit_of_work.UnitOfWork, "set", spy)
    pipeline_service.delete_pipeline(transactions, reader, world["odd"].id, world["renewals"].id, CALLER)

    counters = [entry for entry in staged if "deal_totals" in entry[1] or "pipeline_stats" in entry[1]]
    assert counters and len(counters) == len(set(counters))
    exact()


def test_a_change_no_report_sees_writes_no_totals(transactions, world, monkeypatch):
    staged: list[str] = []
    original = unit_of_work.UnitOfWork.set
    monkeypatch.setattr(unit_of_work.UnitOfWork, "set", lambda self, ref, data, *, merge=False: (
        staged.append(ref.path), original(self, ref, data, merge=merge))[1])

    update(transactions, world["deals"][0].id, title="Renamed", notes="no figure changes")

    assert staged and not [path for path in staged if "deal_totals" in path]


def test_ten_deals_of_one_pipeline_won_at_once_add_up_exactly(transactions, set_rates, make_pipeline, open_deal,
                                                              stats, exact):
    set_rates(USD="0.9")
    pipeline = make_pipeline(stages=ODD_STAGES)
    deals = [open_deal(pipeline_id=pipeline.id, value=f"{n}00.{n:02d}", currency=["EUR", "USD"][n % 2],
                       owner_id=f"rep-{n % 3}", expected_close_date=f"2026-{n + 1:02d}-15")
             for n in range(10)]

    assert [d.status.value for d in run_together(lambda n: won(transactions, deals[n].id), 10)] == ["won"] * 10

    stored = exact()
    won_cells = [t for c, t in stored.items() if c.projection.value == "status" and c.keys == ("won",)]
    assert sum(t.count for t in won_cells) == 10 and stats(pipeline.id)["won"] == 10


# ---------------------------------------------------------------- rebuild


def _random_changes(transactions, reader, open_deal, pipelines: list, rng: random.Random, steps: int) -> set[str]:
    """Create, update, move, win, lose, reopen and delete deals at random; returns the kinds of change made."""
    deals: list[str] = []
    made: set[str] = set()
    owners = ["alice", "bob.b", "carol-c"]
    for _ in range(steps):
        action = rng.choice(ACTIONS)
        if action == "create" or not deals:
            pipeline = rng.choice(pipelines)
            close = rng.choice([None, f"2026-{rng.randrange(1, 13):02d}-10", f"2027-0{rng.randrange(1, 4)}-01"])
            deal = open_deal(pipeline_id=pipeline.id, value=f"{rng.randrange(1, 10**6)}.{rng.randrange(100):02d}",
                             currency=rng.choice(["EUR", "USD", "GBP"]), owner_id=rng.choice(owners),
                             expected_close_date=close)
            deals.append(deal.id)
            made.add("create")
            continue
        deal_id = rng.choice(deals)
        current = reader.get(deal_id)
        try:
            if action == "update":
                field, value = rng.choice([("value", f"{rng.randrange(1, 9999)}.01"), ("currency", "GBP"),
                                           ("owner_id", rng.choice(owners)), ("probability", rng.randrange(101)),
                                           ("expected_close_date", f"2026-{rng.randrange(1, 13):02d}-01")])
                update(transactions, deal_id, **{field: value})
            elif action == "move":
                target = next(p for p in pipelines if p.id == current.pipeline_id)
                move(transactions, deal_id, rng.choice([s.id for s in target.stages if s.kind.value == "open"]))
            elif action == "pipeline":
                target = rng.choice([p for p in pipelines if p.id != current.pipeline_id])
                move(transactions, deal_id, target.open_stages()[0].id, pipeline_id=target.id)
            elif action == "win":
                won(transactions, deal_id)
            elif action == "lose":
                deal_service.mark_deal_lost(transactions, deal_id, "budget", CALLER)
            elif action == "reopen":
                deal_service.reopen_deal(transactions, deal_id, None, CALLER)
            else:
                deal_service.delete_deal(transactions, deal_id, CALLER)
                deals.remove(deal_id)
        except FailedPreconditionError:
            continue  # e.g. winning a won deal: nothing changed
        made.add(action)
    return made


def _reports(transactions, figures, pipelines) -> list[dict[str, Any]]:
    out = [report_service.dashboard(transactions, figures).model_dump(mode="json")]
    for pipeline in pipelines:
        params = ForecastParams.model_validate({"from": "2026-01", "to": "2027-06", "pipeline_id": pipeline.id})
        out.append(report_service.forecast(transactions, figures, params, today=date(2026, 6, 1)).model_dump(
            mode="json"))
        out.append(report_service.pipeline_summary(transactions, figures, PipelineReportParams(
            pipeline_id=pipeline.id)).model_dump(mode="json"))
    return out


def test_rebuild_gives_back_the_totals_kept_incrementally(db, names, transactions, reader, set_rates, make_pipeline,
                                                          open_deal, totals, exact):
    set_rates(USD="0.9", GBP="1.17")
    pipelines = [pipeline_service.get_pipeline(transactions, "sales"), make_pipeline(stages=ODD_STAGES)]
    made = _random_changes(transactions, reader, open_deal, pipelines, random.Random(20261121), 100)
    assert made == {"create", "update", "move", "pipeline", "win", "lose", "reopen", "delete"}
    kept = exact()
    figures = FirestoreDealReports(db, names)
    reported = _reports(transactions, figures, pipelines)

    result = report_service.rebuild_deal_totals(totals)

    assert (result.differing_cells, result.pipelines) == (0, 2) and result.deals > 10
    assert sorted(d.id for d in totals.deals(page_size=7)) == sorted(ref.id for ref in
                                                                       db.collection(names.deals).list_documents())
    assert totals.stored() == kept  # the same cells, without the zero ones
    assert _reports(transactions, figures, pipelines) == reported


def test_rebuild_repairs_drift_and_removes_stale_documents(db, names, transactions, world, totals, exact):
    main = db.collection(names.deal_totals)
    main.document(world["odd"].id).set({"stage": {"kquote": {"kUSD": {"n": 7}}}}, merge=True)
    main.document("gone").collection(names.deal_totals_by_year).document("2025").set({"month": {}})

    checked = report_service.rebuild_deal_totals(totals, check_only=True)
    assert checked.differing_cells == 1 and checked.documents == 0
    with pytest.raises(AssertionError):
        exact()

    rebuilt = report_service.rebuild_deal_totals(totals)

    assert rebuilt.documents == 3  # Odd's main document and its 2026 and 2027 documents
    exact()
    assert [ref.id for ref in main.list_documents()] == [world["odd"].id]
    assert not report_service.rebuild_deal_totals(totals, check_only=True).differing_cells
