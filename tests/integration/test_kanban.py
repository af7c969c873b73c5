"""The deals board on the emulator: column figures from the running totals, cards highest value first and paged by
column, customer names, the rotting mark, an owner's board, and what it reads (its cards, their customers and a few
totals documents, never the other deals)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from google.cloud.firestore_v1.query import Query

from crm.domain.common import utc_now
from crm.domain.kanban import KanbanParams
from crm.errors import InvalidArgumentError, PermissionDeniedError
from crm.identity import Caller, Role
from crm.services import customers as customer_service
from crm.services.kanban import kanban
from crm.store.deal_reports import FirestoreDealReports
from crm.store.read_meter import metered
from tests.utils.deal_steps import move, sales_stages, stage
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

REP = Caller(uid="rep-ann", role=Role.REP, via="token")


@pytest.fixture
def board(db, names) -> FirestoreDealReports:
    return FirestoreDealReports(db, names)


def column(result, stage_id: str) -> dict:
    return next(c for c in result.model_dump(mode="json")["columns"] if c["id"] == stage_id)


def test_columns_hold_their_figures_and_most_valuable_cards_with_customer_names(transactions, board, create,
                                                                                 open_deal, set_rates):
    set_rates(USD="0.9")
    acme, zeta = create(name="Acme Arcades"), create(name="Zeta Games")
    values = [("120.00", "EUR", acme), ("80.50", "USD", zeta), ("300.00", "EUR", zeta), ("10.00", "USD", acme)]
    for value, currency, customer in values:
        open_deal(customer_id=customer.id, value=value, currency=currency, title=f"Deal {value}")

    lead = column(kanban(transactions, board, KanbanParams(per_column=3), admin_caller()), "lead")

    assert lead["count"] == 4 and lead["probability"] == 10
    assert lead["value"] == {"base": "EUR", "total": "501.45", "by_currency": {"EUR": "420.00", "USD": "90.50"}}
    assert lead["weighted_value"]["by_currency"] == {"EUR": "42.00", "USD": "9.05"}
    assert [(c["value"], c["customer_name"]) for c in lead["deals"]] == [
        ("300.00", "Zeta Games"), ("120.00", "Acme Arcades"), ("80.50", "Zeta Games")]
    assert lead["next_cursor"] is not None


def test_a_column_pages_by_cursor_to_its_end(transactions, board, create, open_deal):
    customer = create()
    for n in range(7):
        open_deal(customer_id=customer.id, value=str(100 + n), title=f"Deal {n}")
    seen: list[str] = []
    params = KanbanParams(per_column=3, stage="lead")
    while True:
        result = kanban(transactions, board, params, admin_caller())
        (only,) = result.model_dump(mode="json")["columns"]
        seen += [c["value"] for c in only["deals"]]
        if only["next_cursor"] is None:
            break
        params = KanbanParams(per_column=3, stage="lead", cursor=only["next_cursor"])
    assert seen == [f"{100 + n}.00" for n in reversed(range(7))]


def test_a_cursor_belongs_to_its_column(transactions, board, create, open_deal):
    customer = create()
    for n in range(3):
        open_deal(customer_id=customer.id, value=str(10 + n))
    cursor = column(kanban(transactions, board, KanbanParams(per_column=1), admin_caller()), "lead")["next_cursor"]
    with pytest.raises(InvalidArgumentError):
        kanban(transactions, board, KanbanParams(per_column=1, stage="qualified", cursor=cursor), admin_caller())


def test_an_owners_board_holds_their_deals_and_figures(transactions, board, create, open_deal):
    mine = create(owner_id=REP.uid)
    open_deal(customer_id=mine.id, owner_id=REP.uid, value="50.00")
    deal = open_deal(customer_id=mine.id, owner_id=REP.uid, value="70.00")
    move(transactions, deal.id, "proposal")
    open_deal(value="999.00", owner_id="rep-bob")

    result = kanban(transactions, board, KanbanParams(), REP)

    assert result.owner_id == REP.uid
    assert [(c["id"], c["count"]) for c in result.model_dump(mode="json")["columns"][:3]] == [
        ("lead", 1), ("qualified", 0), ("proposal", 1)]
    assert column(result, "proposal")["value"]["by_currency"] == {"EUR": "70.00"}
    assert {c.owner_id for col in result.columns for c in col.deals} == {REP.uid}
    with pytest.raises(PermissionDeniedError):
        kanban(transactions, board, KanbanParams(owner_id="rep-bob"), REP)
    managers = kanban(transactions, board, KanbanParams(owner_id="rep-bob"), admin_caller())
    assert column(managers, "lead")["count"] == 1


def test_a_customer_not_the_callers_or_deleted_has_no_name_on_the_card(transactions, board, create, open_deal):
    theirs = create(owner_id=REP.uid, name="Rep's Own")
    deal = open_deal(customer_id=theirs.id, owner_id=REP.uid, value="5.00")
    customer_service.update_customer(transactions, theirs.id, _owner("rep-bob"), admin_caller())

    card = column(kanban(transactions, board, KanbanParams(), REP), "lead")["deals"][0]
    assert (card["id"], card["customer_name"]) == (deal.id, None)
    gone = create(name="Gone Ltd")
    lost_customer = open_deal(customer_id=gone.id, value="1.00")
    customer_service.delete_customer(transactions, gone.id, admin_caller())
    cards = column(kanban(transactions, board, KanbanParams(), admin_caller()), "lead")["deals"]
    assert {c["id"]: c["customer_name"] for c in cards} == {deal.id: "Rep's Own", lost_customer.id: None}


def _owner(owner_id: str):
    from crm.domain.customers import CustomerUpdate

    return CustomerUpdate.model_validate({"owner_id": owner_id})


def test_deals_idle_longer_than_their_stage_allows_are_rotting(transactions, board, create, open_deal,
                                                                make_pipeline, db, names):
    stages = [{**stage("new", probability=10), "rotting_days": 3}, stage("talk"),
              stage("won", "won", 100), stage("lost", "lost", 0)]
    pipeline = make_pipeline("Rotting", stages)
    customer = create()
    old = open_deal(customer_id=customer.id, pipeline_id=pipeline.id, value="2.00")
    fresh = open_deal(customer_id=customer.id, pipeline_id=pipeline.id, value="1.00")
    moved = open_deal(customer_id=customer.id, pipeline_id=pipeline.id, value="3.00")
    move(transactions, moved.id, "talk")
    four_days_ago = utc_now() - timedelta(days=4)
    for deal_id in (old.id, moved.id):
        db.collection(names.deals).document(deal_id).update({"stage_entered_at": four_days_ago})

    result = kanban(transactions, board, KanbanParams(pipeline_id=pipeline.id), admin_caller())

    assert column(result, "new")["rotting_days"] == 3
    assert {c["id"]: c["rotting"] for c in column(result, "new")["deals"]} == {old.id: True, fresh.id: False}
    assert column(result, "talk")["deals"][0]["rotting"] is False  # its stage sets no rotting days


@pytest.fixture
def streamed(monkeypatch) -> list[str]:
    """Paths of the documents every query returned, whatever the read meter says."""
    paths: list[str] = []
    original = Query.stream

    def counting(self, *args, **kwargs):
        for snapshot in original(self, *args, **kwargs):
            paths.append(snapshot.reference.path)
            yield snapshot

    monkeypatch.setattr(Query, "stream", counting)
    return paths


def test_the_board_reads_its_cards_their_customers_and_the_totals_only(transactions, board, create, open_deal,
                                                                        make_pipeline, streamed):
    pipeline = make_pipeline("Metered", sales_stages())
    customers = [create() for _ in range(3)]

    def read_board() -> tuple[int, int]:
        streamed.clear()
        with metered() as reads:
            result = kanban(transactions, board, KanbanParams(pipeline_id=pipeline.id, per_column=2), admin_caller())
        assert len(streamed) == sum(len(c.deals) for c in result.columns)  # no query returned a card not shown
        return reads.reads, len({d.customer_id for c in result.columns for d in c.deals})

    for n in range(6):
        open_deal(customer_id=customers[n % 3].id, pipeline_id=pipeline.id, value=str(Decimal(10 + n)))
    small, small_customers = read_board()
    for n in range(40):
        open_deal(customer_id=customers[n % 3].id, pipeline_id=pipeline.id, value=str(Decimal(100 + n)))
    large, large_customers = read_board()

    pipeline_lookup, dimensions, totals, cards = 3, 1, 1, 2  # lead holds every deal; empty columns are not queried
    assert large == pipeline_lookup + dimensions + totals + cards + large_customers
    assert small == pipeline_lookup + dimensions + totals + cards + small_customers
