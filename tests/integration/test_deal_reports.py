"""Deal reports on the emulator: every figure checked against sums computed here from the deals themselves, and
read costs that stay the same however many deals there are."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

import pytest
from google.cloud.firestore_v1.query import Query

from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.domain.deal_reports import ForecastParams, PipelineReportParams, add_months
from crm.domain.deals import Deal, DealCreate, DealStatus, DealUpdate, StageMove
from crm.domain.money import CurrencyRatesUpdate
from crm.domain.pipelines import PipelineCreate
from crm.errors import InvalidArgumentError, NotFoundError
from crm.services import customers as customer_service
from crm.services import deal_reports as service
from crm.services import deals as deal_service
from crm.services import pipelines as pipeline_service
from crm.store.deal_reports import FirestoreDealReports
from crm.store.deals import deal_from_snapshot
from crm.store.read_meter import metered
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

RATES = {"USD": Decimal("0.9"), "GBP": Decimal("1.17")}
CURRENCIES = ["EUR", "USD", "GBP"]
OWNERS = ["alice", "bob", None]  # None: left out, so the caller, admin-1, owns it
SALES_STAGES = ["lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"]
CLOSE_OFFSETS = [0, 1, 2, 5, 6, -1, None]  # months from now; 6 and -1 fall outside a six-month range
CUSTOMER_STATUSES = ["lead", "lead", "prospect", "customer", "churned", "lead"]
CENT = Decimal("0.01")


# ---------------------------------------------------------------- building a book of deals


@pytest.fixture
def reports(db, names) -> FirestoreDealReports:
    return FirestoreDealReports(db, names)


@pytest.fixture
def book(transactions, create, customers) -> Callable[[int], list[Customer]]:
    """Deals over stages, currencies, owners and close months, some moved, won, lost; and a Renewals pipeline."""
    caller = admin_caller()
    made: list[Customer] = []
    state = {"n": 0}

    def add(count: int) -> list[Customer]:
        if not made:
            pipeline_service.set_currency_rates(
                transactions, CurrencyRatesUpdate(rates={c: str(r) for c, r in RATES.items()}), caller)
            made.extend(create(status=status) for status in CUSTOMER_STATUSES)
            customer_service.delete_customer(transactions, made.pop().id, caller)
        today = utc_now().date().replace(day=1)
        for _ in range(count):
            i = state["n"]
            state["n"] += 1
            offset = CLOSE_OFFSETS[i % len(CLOSE_OFFSETS)]
            body: dict[str, Any] = {
                "customer_id": made[i % len(made)].id, "title": f"Deal {i}", "currency": CURRENCIES[i % 3],
                "value": str(Decimal(100 + 37 * i) + Decimal(i * 13 % 100) / 100),
                "stage": SALES_STAGES[i % len(SALES_STAGES)], "owner_id": OWNERS[i % 4 % 3],
                "expected_close_date": None if offset is None else str(_month_start(today, offset) + timedelta(i % 27)),
            }
            if body["stage"] == "closed_lost":
                body["lost_reason"] = "went elsewhere"
            deal = deal_service.create_deal(transactions, DealCreate.model_validate(body), caller)
            _shuffle(transactions, deal, i)
        return made

    return add


def _shuffle(transactions, deal: Deal, i: int) -> None:
    """Some history: open deals advance, move back, get won or lost; some change owner."""
    caller = admin_caller()
    if deal.status is not DealStatus.OPEN:
        return
    if i % 5 == 0:
        deal = deal_service.advance_deal(transactions, deal.id, caller)
    if i % 7 == 3 and deal.stage != "lead":
        deal_service.move_deal(transactions, deal.id, StageMove(stage="lead"), caller)
    if i % 11 == 2:
        deal_service.mark_deal_won(transactions, deal.id, caller)
    elif i % 13 == 4:
        deal_service.mark_deal_lost(transactions, deal.id, "budget", caller)
    elif i % 9 == 1:
        deal_service.update_deal(transactions, deal.id, DealUpdate.model_validate({"owner_id": "carol"}), caller)


@pytest.fixture
def renewals(transactions, create):
    """A second pipeline with deals of its own, which the default pipeline's reports must leave out."""
    caller = admin_caller()
    stages = [{"id": "contact", "name": "Contact", "probability": 20},
              {"id": "renewed", "name": "Renewed", "probability": 100, "kind": "won"},
              {"id": "churned", "name": "Churned", "probability": 0, "kind": "lost"}]
    pipeline = pipeline_service.create_pipeline(
        transactions, PipelineCreate.model_validate({"name": "Renewals", "stages": stages}), caller)
    customer = create()
    this_month = utc_now().date().replace(day=15).isoformat()
    for n, stage in enumerate(["contact", "contact", "renewed"]):
        body = {"customer_id": customer.id, "title": f"Renewal {n}", "value": f"{500 + n}.25", "stage": stage,
                "pipeline_id": pipeline.id, "owner_id": "alice", "expected_close_date": this_month}
        deal_service.create_deal(transactions, DealCreate.model_validate(body), caller)
    return pipeline


def _month_start(first: date, offset: int) -> date:
    return date.fromisoformat(add_months(first.strftime("%Y-%m"), offset) + "-01")


# ---------------------------------------------------------------- expected figures, computed from the deals


def all_deals(db, names) -> list[Deal]:
    return [deal_from_snapshot(s) for s in db.collection(names.deals).stream()]


def money(deals: Iterable[Deal], amount: Callable[[Deal], Decimal] = lambda d: d.value) -> dict[str, Any]:
    by_currency: dict[str, Decimal] = {}
    for deal in deals:
        by_currency[deal.currency] = by_currency.get(deal.currency, Decimal("0.00")) + amount(deal)
    total = sum(((v if c == "EUR" else (v * RATES[c]).quantize(CENT, ROUND_HALF_UP)) for c, v in by_currency.items()),
                Decimal("0.00"))
    return {"base": "EUR", "total": str(total), "by_currency": {c: str(v) for c, v in sorted(by_currency.items())}}


def weighted(deals: Iterable[Deal]) -> dict[str, Any]:
    return money(deals, lambda d: d.expected_revenue)


def month_of(value: Any) -> str | None:
    return value.strftime("%Y-%m") if value else None


def forecast_figures(open_deals: list[Deal], won_deals: list[Deal]) -> dict[str, Any]:
    return {"deal_count": len(open_deals), "total_pipeline": money(open_deals),
            "weighted_forecast": weighted(open_deals), "won_count": len(won_deals), "closed_revenue": money(won_deals)}


def dumped(model) -> dict[str, Any]:
    return model.model_dump(mode="json")


# ---------------------------------------------------------------- figures


def test_pipeline_summary_per_stage_and_currency(db, names, transactions, reports, book, renewals):
    book(30)
    deals = [d for d in all_deals(db, names) if d.pipeline_id == "sales"]

    summary = dumped(service.pipeline_summary(transactions, reports, PipelineReportParams()))

    assert summary["pipeline_id"] == "sales" and summary["unconverted_currencies"] == []
    assert [s["id"] for s in summary["stages"]] == SALES_STAGES
    for stage in summary["stages"]:
        here = [d for d in deals if d.stage == stage["id"]]
        assert stage["count"] == len(here), stage["id"]
        assert stage["value"] == money(here), stage["id"]
        assert stage["weighted_value"] == weighted(here), stage["id"]
    assert sum(s["count"] for s in summary["stages"]) == len(deals) == 30
    assert {c for s in summary["stages"] for c in s["value"]["by_currency"]} == set(CURRENCIES)


def test_pipeline_summary_of_a_named_pipeline(db, names, transactions, reports, book, renewals):
    book(6)
    summary = dumped(service.pipeline_summary(transactions, reports, PipelineReportParams(pipeline_id=renewals.id)))

    deals = [d for d in all_deals(db, names) if d.pipeline_id == renewals.id]
    assert [(s["id"], s["count"]) for s in summary["stages"]] == [("contact", 2), ("renewed", 1), ("churned", 0)]
    assert summary["stages"][0]["value"] == money(d for d in deals if d.stage == "contact")
    assert summary["stages"][2]["value"] == {"base": "EUR", "total": "0.00", "by_currency": {}}


def test_unknown_pipeline_is_not_found(transactions, reports, book):
    book(1)
    with pytest.raises(NotFoundError) as raised:
        service.pipeline_summary(transactions, reports, PipelineReportParams(pipeline_id="nope"))
    assert raised.value.details[0]["field"] == "pipeline_id"


def test_forecast_by_month_owner_and_stage(db, names, transactions, reports, book, renewals):
    book(60)
    first = utc_now().strftime("%Y-%m")
    months = [add_months(first, n) for n in range(6)]
    deals = [d for d in all_deals(db, names) if d.pipeline_id == "sales"]
    opened = [d for d in deals if d.status is DealStatus.OPEN]
    won = [d for d in deals if d.status is DealStatus.WON]
    undated = [d for d in opened if d.expected_close_date is None]

    report = dumped(service.forecast(transactions, reports, ForecastParams()))

    assert (report["from_month"], report["to_month"]) == (months[0], months[-1])
    assert {k: report[k] for k in forecast_figures([], [])} == forecast_figures(opened, won)
    outside = [d for d in opened if d.expected_close_date and month_of(d.expected_close_date) not in months]
    assert undated and outside  # the headline counts them, the months do not
    assert [m["month"] for m in report["by_month"]] == months
    for row in report["by_month"]:
        month = row.pop("month")
        assert row == forecast_figures([d for d in opened if month_of(d.expected_close_date) == month],
                                       [d for d in won if month_of(d.closed_at) == month]), month
    assert report["undated"] == forecast_figures(undated, [])
    assert sum(m["deal_count"] for m in report["by_month"]) + len(undated) + len(outside) == report["deal_count"]
    owners = {d.owner_id for d in opened + won}
    assert {"alice", "bob", "admin-1", "carol"} <= owners
    assert {row["owner_id"] for row in report["by_owner"]} == owners
    for row in report["by_owner"]:
        owner = row.pop("owner_id")
        assert row == forecast_figures([d for d in opened if d.owner_id == owner],
                                       [d for d in won if d.owner_id == owner]), owner
    assert [s["id"] for s in report["by_stage"]] == SALES_STAGES[:5]
    for row in report["by_stage"]:
        stage = row.pop("id")
        del row["name"], row["kind"]
        assert row == forecast_figures([d for d in opened if d.stage == stage],
                                       [d for d in won if d.stage == stage]), stage


def test_forecast_range_and_pipeline(db, names, transactions, reports, book, renewals):
    book(10)
    this_month = utc_now().strftime("%Y-%m")
    params = ForecastParams.model_validate({"from": add_months(this_month, -2), "to": this_month,
                                            "pipeline_id": renewals.id})

    report = dumped(service.forecast(transactions, reports, params))

    renewal_deals = [d for d in all_deals(db, names) if d.pipeline_id == renewals.id]
    assert len(report["by_month"]) == 3
    assert (report["deal_count"], report["won_count"]) == (2, 1)
    assert report["total_pipeline"] == money(d for d in renewal_deals if d.stage == "contact")
    assert report["closed_revenue"] == money(d for d in renewal_deals if d.stage == "renewed")
    assert [(o["owner_id"], o["deal_count"]) for o in report["by_owner"]] == [("alice", 2)]


@pytest.mark.parametrize(("query", "field"), [
    pytest.param({"from": "2025-05", "to": "2025-04"}, "to", id="backwards"),
    pytest.param({"from": "2025-01", "to": "2027-01"}, "to", id="25 months"),
])
def test_forecast_refuses_bad_ranges(transactions, reports, query, field):
    with pytest.raises(InvalidArgumentError) as raised:
        service.forecast(transactions, reports, ForecastParams.model_validate(query))
    assert raised.value.details[0]["field"] == field


def test_forecast_months_default_and_limits():
    today = date(2025, 11, 20)
    assert ForecastParams().months(today) == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]
    assert len(ForecastParams.model_validate({"from": "2025-01", "to": "2026-12"}).months(today)) == 24
    assert ForecastParams.model_validate({"to": "2025-12"}).months(today) == ["2025-11", "2025-12"]


def test_stage_stats_from_the_running_totals(db, names, transactions, reports, book):
    book(30)
    deals = [d for d in all_deals(db, names) if d.pipeline_id == "sales"]
    exits: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for deal in deals:
        for entered, left in pairwise(deal.stage_history):
            exits[entered.to] = exits.get(entered.to, 0) + 1
            seconds[entered.to] = seconds.get(entered.to, 0.0) + (left.at - entered.at).total_seconds()

    stats = dumped(service.stage_stats(transactions, reports, PipelineReportParams()))

    won = sum(d.status is DealStatus.WON for d in deals)
    lost = sum(d.status is DealStatus.LOST for d in deals)
    assert (stats["won"], stats["lost"]) == (won, lost) and won and lost
    assert stats["win_rate"] == round(won / (won + lost), 4)
    assert [s["id"] for s in stats["stages"]] == SALES_STAGES
    assert sum(exits.values()) > 0
    for stage in stats["stages"]:
        n = exits.get(stage["id"], 0)
        assert stage["exits"] == n, stage["id"]
        if n:
            average = seconds[stage["id"]] / n
            assert stage["average_seconds"] == pytest.approx(average, abs=1e-3)
            assert stage["average_days"] == pytest.approx(average / 86400, abs=1e-4)
        else:
            assert stage["average_seconds"] is None and stage["average_days"] is None


def test_stage_stats_of_an_empty_pipeline(transactions, reports):
    stats = dumped(service.stage_stats(transactions, reports, PipelineReportParams()))
    assert (stats["won"], stats["lost"], stats["win_rate"]) == (0, 0, None)
    assert all(s["exits"] == 0 for s in stats["stages"])


def test_dashboard(db, names, transactions, reports, book, renewals, create):
    book(25)
    bystanders = [create(status=status) for status in ("lead", "lead", "prospect")]  # no deals, not converted
    deals = all_deals(db, names)
    active = [c.to_dict() for c in db.collection(names.customers).stream() if c.get("deleted_at") is None]
    statuses = [c["status"] for c in active]

    board = dumped(service.dashboard(transactions, reports))

    assert board["leads"] == statuses.count("lead") > 0
    assert board["active_customers"] == len(active) == len(CUSTOMER_STATUSES) + len(bystanders)  # 1 deleted, 1 renewing
    assert board["customers_by_status"] == {s: statuses.count(s) for s in ("lead", "prospect", "customer", "churned")}
    converted = statuses.count("customer") + statuses.count("churned")
    assert board["conversion_rate"] == round(converted / len(active), 4)
    opened = [d for d in deals if d.status is DealStatus.OPEN]
    won = [d for d in deals if d.status is DealStatus.WON]
    assert board["open_deals"] == {"count": len(opened), "value": money(opened)}
    assert board["won_deals"] == {"count": len(won), "value": money(won)}
    assert any(d.pipeline_id == renewals.id for d in opened + won)
    distribution = board["pipeline_distribution"]
    assert distribution["pipeline_id"] == "sales"
    assert [(s["id"], s["count"]) for s in distribution["stages"]] == [
        (stage, sum(d.pipeline_id == "sales" and d.stage == stage for d in deals)) for stage in SALES_STAGES]


def test_a_currency_without_a_rate_is_shown_but_not_converted(db, names, transactions, reports, book):
    book(6)
    pipeline_service.set_currency_rates(transactions, CurrencyRatesUpdate(rates={"USD": "0.9"}), admin_caller())

    summary = dumped(service.pipeline_summary(transactions, reports, PipelineReportParams()))

    assert summary["unconverted_currencies"] == ["GBP"]
    gbp_stage = next(s for s in summary["stages"] if "GBP" in s["value"]["by_currency"])
    by_currency = gbp_stage["value"]["by_currency"]
    expected = sum((Decimal(v) * {"EUR": 1, "USD": Decimal("0.9")}[c]).quantize(CENT, ROUND_HALF_UP)
                   for c, v in by_currency.items() if c != "GBP")
    assert Decimal(gbp_stage["value"]["total"]) == expected


# ---------------------------------------------------------------- what it costs


def _every_report(transactions, reports) -> dict[str, int]:
    calls = {
        "pipeline": lambda: service.pipeline_summary(transactions, reports, PipelineReportParams()),
        "forecast": lambda: service.forecast(transactions, reports, ForecastParams()),
        "stats": lambda: service.stage_stats(transactions, reports, PipelineReportParams()),
        "dashboard": lambda: service.dashboard(transactions, reports),
    }
    costs = {}
    for name, call in calls.items():
        with metered() as reads:
            call()
        costs[name] = reads.reads
    return costs


@pytest.fixture
def streamed(monkeypatch) -> list[str]:
    """Paths of the documents that queries returned, whatever the read meter says."""
    paths: list[str] = []
    original = Query.stream

    def counting(self, *args, **kwargs):
        for snapshot in original(self, *args, **kwargs):
            paths.append(snapshot.reference.path)
            yield snapshot

    monkeypatch.setattr(Query, "stream", counting)
    return paths


def test_read_costs_do_not_grow_with_the_deals(transactions, reports, book, streamed):
    book(20)
    at_20 = _every_report(transactions, reports)
    book(180)
    streamed.clear()
    at_200 = _every_report(transactions, reports)

    assert at_20 == at_200, (at_20, at_200)
    pipeline_lookup, dimensions, totals = 3, 1, 1  # default pipeline id, pipeline, rates; dimensions; deal totals
    statuses = 4  # customer statuses, one count each
    years = len({m[:4] for m in ForecastParams().months(utc_now().date())})  # one totals document per year
    assert at_200["pipeline"] == pipeline_lookup + dimensions + totals
    assert at_200["forecast"] == pipeline_lookup + dimensions + totals + years
    assert at_200["stats"] == 3
    assert at_200["dashboard"] == pipeline_lookup + statuses + dimensions + totals + totals  # every pipeline's; sales
    assert len(streamed) == totals  # the dashboard's one pipeline totals document (the board: see test_kanban.py)
