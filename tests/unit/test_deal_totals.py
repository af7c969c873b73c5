"""Deal totals as pure rules: what one deal adds to each projection, what a change adds, how slices are answered,
and how cells are laid out in documents under keys that are plain identifiers."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from crm.domain.deal_reports import DealSlice, Tally
from crm.domain.deal_totals import (
    Cell,
    Projection,
    Totals,
    UnsupportedSliceError,
    add_up,
    change,
    contributions,
    projection_for,
)
from crm.domain.deals import Deal, DealStatus
from crm.domain.pipelines import Pipeline, Stage, StageKind
from crm.store.collections import CollectionNames
from crm.store.deal_totals import MAIN_PROJECTIONS, YEARLY_PROJECTIONS, cells_of, documents_of, field_key, value_of
from crm.store.deals import deal_to_document
from crm.store.indexes import index_document

P = Projection
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
STAGES = {"lead": "open", "follow-up": "open", "closed_won": "won", "closed_lost": "lost"}
PIPELINE = Pipeline(id="sales", name="Sales", created_at=NOW, updated_at=NOW,
                    stages=[Stage(id=s, name=s, probability=50, kind=StageKind(k)) for s, k in STAGES.items()])


def deal(**fields: Any) -> Deal:
    status = DealStatus(STAGES[fields.get("stage", "lead")])
    defaults: dict[str, Any] = {
        "id": "d1", "customer_id": "c1", "title": "Deal", "value": Decimal("100.01"), "currency": "EUR",
        "pipeline_id": "sales", "stage": "lead", "probability": 50, "status": status, "owner_id": "alice",
        "expected_close_date": date(2026, 5, 20), "closed_at": NOW if status is not DealStatus.OPEN else None,
        "stage_entered_at": NOW, "created_at": NOW, "updated_at": NOW,
    }
    return Deal(**{**defaults, **fields})


ONE = Tally(1, 10001, 5001)  # 100.01 at 50%: 50.005, rounded half up


@pytest.mark.parametrize(("fields", "expected"), [
    pytest.param({}, {
        Cell("sales", P.STAGE, ("lead",), "EUR"): ONE,
        Cell("sales", P.STATUS, ("open",), "EUR"): ONE,
        Cell("sales", P.OWNER_STATUS, ("alice", "open"), "EUR"): ONE,
        Cell("sales", P.OWNER_STAGE, ("alice", "lead"), "EUR"): ONE,
        Cell("sales", P.MONTH, ("open",), "EUR", "2026-05"): ONE,
        Cell("sales", P.OPEN_STAGE_MONTH, ("lead",), "EUR", "2026-05"): ONE,
    }, id="open, by expected close month"),
    pytest.param({"expected_close_date": None}, {
        Cell("sales", P.STAGE, ("lead",), "EUR"): ONE,
        Cell("sales", P.STATUS, ("open",), "EUR"): ONE,
        Cell("sales", P.OWNER_STATUS, ("alice", "open"), "EUR"): ONE,
        Cell("sales", P.OWNER_STAGE, ("alice", "lead"), "EUR"): ONE,
        Cell("sales", P.UNDATED, (), "EUR"): ONE,
    }, id="open without a close date: undated, no month"),
    pytest.param({"owner_id": None, "currency": "USD", "stage": "follow-up"}, {
        Cell("sales", P.STAGE, ("follow-up",), "USD"): ONE,
        Cell("sales", P.STATUS, ("open",), "USD"): ONE,
        Cell("sales", P.OWNER_STATUS, (None, "open"), "USD"): ONE,
        Cell("sales", P.OWNER_STAGE, (None, "follow-up"), "USD"): ONE,
        Cell("sales", P.MONTH, ("open",), "USD", "2026-05"): ONE,
        Cell("sales", P.OPEN_STAGE_MONTH, ("follow-up",), "USD", "2026-05"): ONE,
    }, id="unassigned, other currency and stage"),
    pytest.param({"stage": "closed_won", "probability": 100}, {
        Cell("sales", P.STAGE, ("closed_won",), "EUR"): Tally(1, 10001, 10001),
        Cell("sales", P.STATUS, ("won",), "EUR"): Tally(1, 10001, 10001),
        Cell("sales", P.OWNER_STATUS, ("alice", "won"), "EUR"): Tally(1, 10001, 10001),
        Cell("sales", P.OWNER_STAGE, ("alice", "closed_won"), "EUR"): Tally(1, 10001, 10001),
        Cell("sales", P.MONTH, ("won",), "EUR", "2026-03"): Tally(1, 10001, 10001),
    }, id="won, by month of closing"),
    pytest.param({"stage": "closed_lost", "probability": 0}, {
        Cell("sales", P.STAGE, ("closed_lost",), "EUR"): Tally(1, 10001, 0),
        Cell("sales", P.STATUS, ("lost",), "EUR"): Tally(1, 10001, 0),
        Cell("sales", P.OWNER_STATUS, ("alice", "lost"), "EUR"): Tally(1, 10001, 0),
        Cell("sales", P.OWNER_STAGE, ("alice", "closed_lost"), "EUR"): Tally(1, 10001, 0),
    }, id="lost: no month"),
    pytest.param({"value": Decimal("0.00")}, {
        Cell("sales", P.STAGE, ("lead",), "EUR"): Tally(1, 0, 0),
        Cell("sales", P.STATUS, ("open",), "EUR"): Tally(1, 0, 0),
        Cell("sales", P.OWNER_STATUS, ("alice", "open"), "EUR"): Tally(1, 0, 0),
        Cell("sales", P.OWNER_STAGE, ("alice", "lead"), "EUR"): Tally(1, 0, 0),
        Cell("sales", P.MONTH, ("open",), "EUR", "2026-05"): Tally(1, 0, 0),
        Cell("sales", P.OPEN_STAGE_MONTH, ("lead",), "EUR", "2026-05"): Tally(1, 0, 0),
    }, id="zero value still counts"),
])
def test_contributions(fields, expected):
    assert contributions(deal(**fields)) == expected


@pytest.mark.parametrize("fields", [
    pytest.param({}, id="open"),
    pytest.param({"stage": "closed_won", "value": Decimal("999999999999.99")}, id="won, largest value"),
    pytest.param({"probability": 33, "value": Decimal("0.05")}, id="rounding"),
    pytest.param({"expected_close_date": date(2027, 12, 31)}, id="year end"),
])
def test_contributions_agree_with_the_stored_deal_fields(fields):
    """The figures the aggregation queries summed (value_cents, expected_revenue_cents, the month fields)."""
    subject = deal(**fields)
    stored = deal_to_document(subject, PIPELINE)
    cells = contributions(subject)
    assert cells[Cell("sales", P.STAGE, (subject.stage,), "EUR")] == Tally(
        1, stored["value_cents"], stored["expected_revenue_cents"])
    month = stored["expected_close_month"] if subject.status is DealStatus.OPEN else stored["closed_month"]
    assert {c.month for c in cells if c.projection is P.MONTH} == {month}


@pytest.mark.parametrize(("before", "after", "expected"), [
    pytest.param(None, {}, contributions(deal()), id="created"),
    pytest.param({}, None, {c: -t for c, t in contributions(deal()).items()}, id="deleted"),
    pytest.param({}, {"title": "Renamed", "notes": "x"}, {}, id="nothing reported changes"),
    pytest.param({}, {"value": Decimal("200.01")}, {
        Cell("sales", p, keys, "EUR", month): Tally(0, 10000, 5000) for p, keys, month in [
            (P.STAGE, ("lead",), None), (P.STATUS, ("open",), None), (P.MONTH, ("open",), "2026-05"),
            (P.OWNER_STATUS, ("alice", "open"), None), (P.OPEN_STAGE_MONTH, ("lead",), "2026-05"),
            (P.OWNER_STAGE, ("alice", "lead"), None)]
    }, id="value: amounts only"),
    pytest.param({}, {"owner_id": "bob"}, {
        Cell("sales", P.OWNER_STATUS, ("alice", "open"), "EUR"): -ONE,
        Cell("sales", P.OWNER_STATUS, ("bob", "open"), "EUR"): ONE,
        Cell("sales", P.OWNER_STAGE, ("alice", "lead"), "EUR"): -ONE,
        Cell("sales", P.OWNER_STAGE, ("bob", "lead"), "EUR"): ONE,
    }, id="owner"),
    pytest.param({}, {"expected_close_date": date(2027, 1, 2)}, {
        Cell("sales", P.MONTH, ("open",), "EUR", "2026-05"): -ONE,
        Cell("sales", P.MONTH, ("open",), "EUR", "2027-01"): ONE,
        Cell("sales", P.OPEN_STAGE_MONTH, ("lead",), "EUR", "2026-05"): -ONE,
        Cell("sales", P.OPEN_STAGE_MONTH, ("lead",), "EUR", "2027-01"): ONE,
    }, id="month, into another year"),
    pytest.param({}, {"expected_close_date": None}, {
        Cell("sales", P.MONTH, ("open",), "EUR", "2026-05"): -ONE,
        Cell("sales", P.OPEN_STAGE_MONTH, ("lead",), "EUR", "2026-05"): -ONE,
        Cell("sales", P.UNDATED, (), "EUR"): ONE,
    }, id="close date cleared: undated"),
    pytest.param({"expected_close_date": None}, {"stage": "closed_won"}, {
        Cell("sales", P.STAGE, ("lead",), "EUR"): -ONE,
        Cell("sales", P.STAGE, ("closed_won",), "EUR"): ONE,
        Cell("sales", P.STATUS, ("open",), "EUR"): -ONE,
        Cell("sales", P.STATUS, ("won",), "EUR"): ONE,
        Cell("sales", P.OWNER_STATUS, ("alice", "open"), "EUR"): -ONE,
        Cell("sales", P.OWNER_STATUS, ("alice", "won"), "EUR"): ONE,
        Cell("sales", P.OWNER_STAGE, ("alice", "lead"), "EUR"): -ONE,
        Cell("sales", P.OWNER_STAGE, ("alice", "closed_won"), "EUR"): ONE,
        Cell("sales", P.UNDATED, (), "EUR"): -ONE,
        Cell("sales", P.MONTH, ("won",), "EUR", "2026-03"): ONE,
    }, id="an undated deal won"),
    pytest.param({}, {"pipeline_id": "renewals"}, {
        **{c: -t for c, t in contributions(deal()).items()},
        **contributions(deal(pipeline_id="renewals")),
    }, id="another pipeline"),
])
def test_change(before, after, expected):
    assert change(None if before is None else deal(**before), None if after is None else deal(**after)) == expected


def test_a_change_and_its_reverse_cancel_out():
    a, b = deal(), deal(stage="closed_won", currency="GBP", owner_id=None)
    total = add_up([a])
    for cell, tally in [*change(a, b).items(), *change(b, a).items()]:
        total[cell] = total.get(cell, Tally()) + tally
    assert {c: t for c, t in total.items() if t != Tally()} == add_up([a])


# ---------------------------------------------------------------- answering slices


def random_deals(n: int, seed: int = 7) -> list[Deal]:
    rng = random.Random(seed)
    deals = []
    for i in range(n):
        stage = rng.choice(list(STAGES))
        close = None if rng.random() < 0.15 else date(2026, rng.randrange(1, 13), rng.randrange(1, 28))
        closed = datetime(2026, rng.randrange(1, 13), 2, tzinfo=UTC)
        deals.append(deal(id=f"d{i}", stage=stage, pipeline_id=rng.choice(["sales", "renewals"]),
                          owner_id=rng.choice(["alice", "bob.b", None]), currency=rng.choice(["EUR", "USD", "GBP"]),
                          value=Decimal(rng.randrange(0, 10**7)) / 100, probability=rng.randrange(0, 101),
                          expected_close_date=close, closed_at=closed if STAGES[stage] != "open" else None))
    return deals


def naive_bucket(deals: list[Deal], s: DealSlice, currencies: set[str]) -> dict[str, Tally]:
    bucket: dict[str, Tally] = {}
    for d in deals:
        expected = d.expected_close_date.strftime("%Y-%m") if d.expected_close_date else None
        closed = d.closed_at.strftime("%Y-%m") if d.closed_at else None
        if any(v is not None and getattr(d, f) != v
               for f, v in {"pipeline_id": s.pipeline_id, "stage": s.stage, "owner_id": s.owner_id,
                            "status": s.status}.items()):
            continue
        if s.undated and (d.status is not DealStatus.OPEN or d.expected_close_date is not None):
            continue
        if (s.unassigned and d.owner_id is not None) or d.currency not in currencies or (
                s.expected_close_months and expected not in s.expected_close_months) or (
                s.closed_months and closed not in s.closed_months):
            continue
        one = contributions(d)[Cell(d.pipeline_id, P.STAGE, (d.stage,), d.currency)]
        bucket[d.currency] = bucket.get(d.currency, Tally()) + one
    return bucket


MONTHS = ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")
SLICES = [
    pytest.param(DealSlice(pipeline_id="sales", stage="follow-up"), id="stage"),
    pytest.param(DealSlice(pipeline_id="sales"), id="whole pipeline"),
    pytest.param(DealSlice(status=DealStatus.OPEN), id="open, every pipeline"),
    pytest.param(DealSlice(status=DealStatus.WON), id="won, every pipeline"),
    pytest.param(DealSlice(pipeline_id="renewals", status=DealStatus.OPEN, expected_close_months=("2026-05",)),
                 id="open in a month"),
    pytest.param(DealSlice(pipeline_id="sales", status=DealStatus.WON, closed_months=MONTHS), id="won in months"),
    pytest.param(DealSlice(pipeline_id="sales", status=DealStatus.OPEN, owner_id="bob.b"), id="owner's open deals"),
    pytest.param(DealSlice(pipeline_id="sales", status=DealStatus.LOST, owner_id="alice"), id="owner's lost deals"),
    pytest.param(DealSlice(pipeline_id="sales", status=DealStatus.WON, unassigned=True), id="unassigned won deals"),
    pytest.param(DealSlice(pipeline_id="sales", stage="lead", owner_id="alice"), id="owner's deals in a stage"),
    pytest.param(DealSlice(pipeline_id="renewals", stage="closed_won", unassigned=True),
                 id="unassigned deals in a stage"),
    pytest.param(DealSlice(pipeline_id="renewals", status=DealStatus.OPEN, undated=True), id="undated open deals"),
    pytest.param(DealSlice(pipeline_id="sales", stage="lead", status=DealStatus.OPEN, expected_close_months=MONTHS),
                 id="open stage in months"),
]


@pytest.mark.parametrize("deal_slice", SLICES)
@pytest.mark.parametrize("currencies", [{"EUR", "USD", "GBP"}, {"USD"}], ids=["all currencies", "USD only"])
def test_a_slice_adds_up_as_its_deals_do(deal_slice, currencies):
    deals = random_deals(1000)
    expected = naive_bucket(deals, deal_slice, currencies)
    assert sum(t.count for t in expected.values()) > 0
    assert Totals(add_up(deals)).bucket(deal_slice, currencies) == expected


@pytest.mark.parametrize("deal_slice", [
    pytest.param(DealSlice(pipeline_id="p", status=DealStatus.OPEN, owner_id="alice",
                           expected_close_months=("2026-01",)), id="owner by month"),
    pytest.param(DealSlice(pipeline_id="p", stage="lead", owner_id="alice", status=DealStatus.OPEN),
                 id="owner, stage and status"),
    pytest.param(DealSlice(pipeline_id="p", status=DealStatus.WON, undated=True), id="undated won deals"),
    pytest.param(DealSlice(pipeline_id="p", status=DealStatus.OPEN, undated=True, owner_id="x"), id="undated by owner"),
    pytest.param(DealSlice(pipeline_id="p", stage="lead", status=DealStatus.OPEN), id="stage and status"),
    pytest.param(DealSlice(pipeline_id="p", expected_close_months=("2026-01",)), id="months without status"),
    pytest.param(DealSlice(pipeline_id="p", status=DealStatus.WON, expected_close_months=("2026-01",)),
                 id="won by expected close"),
    pytest.param(DealSlice(pipeline_id="p", status=DealStatus.LOST, closed_months=("2026-01",)), id="lost by month"),
    pytest.param(DealSlice(pipeline_id="p", stage="a", status=DealStatus.OPEN, owner_id="x",
                           expected_close_months=("2026-01",)), id="stage and owner"),
])
def test_slices_no_projection_answers_are_refused(deal_slice):
    with pytest.raises(UnsupportedSliceError):
        projection_for(deal_slice)


# ---------------------------------------------------------------- keys and documents


@pytest.mark.parametrize("value", [
    pytest.param("lead", id="plain"),
    pytest.param("closed_won", id="underscore"),
    pytest.param("follow-up", id="dash"),
    pytest.param("jane.doe@example.com", id="dots and at"),
    pytest.param("2026-05", id="month"),
    pytest.param("`a`.b/c[0]*", id="path syntax"),
    pytest.param("__name__", id="reserved name"),
    pytest.param("Αθήνα €", id="non-ASCII"),
    pytest.param("_none", id="looks like no owner"),
    pytest.param(None, id="no owner"),
])
def test_keys_are_plain_identifiers_that_give_the_value_back(value):
    key = field_key(value)
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) and not re.fullmatch(r"__.*__", key)
    assert value_of(key) == value


def test_distinct_values_give_distinct_keys():
    values = ["a_b", "a-b", "a.b", "a_5fb", "a_2db", "_none", "none", "k", "", None]
    assert len({field_key(v) for v in values}) == len(values)


def test_documents_hold_the_cells_they_were_made_from():
    cells = add_up(random_deals(200))
    documents = documents_of(cells)
    assert {year for _, year in documents} == {None, "2026"}
    assert set(documents["sales", None]) == {p.value for p in MAIN_PROJECTIONS}
    assert set(documents["sales", "2026"]) == {p.value for p in YEARLY_PROJECTIONS}
    assert documents["sales", None]["stage"]["kfollow_2dup"]["kEUR"].keys() == {"n", "value_cents", "expected_cents"}
    read_back = {}
    for (pipeline_id, _), data in documents.items():
        read_back.update(cells_of(pipeline_id, data))
    assert read_back == cells


def test_counter_maps_have_no_single_field_indexes():
    names = CollectionNames()
    exempt = {(o["collectionGroup"], o["fieldPath"]) for o in index_document()["fieldOverrides"] if o["indexes"] == []}
    assert {(names.deal_totals, p.value) for p in MAIN_PROJECTIONS} <= exempt
    assert {(names.deal_totals_by_year, p.value) for p in YEARLY_PROJECTIONS} <= exempt
