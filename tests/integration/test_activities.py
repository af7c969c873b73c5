"""Activities on the emulator: stored and read back, a refused link that writes nothing, concurrent activities on
one customer, filters and paging (links and statuses run on in-memory repositories: tests/unit/use_cases)."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from google.cloud import firestore

from crm.domain.activities import Activity, ActivityCreate
from crm.domain.activity_queries import ActivityListParams
from crm.domain.common import utc_now
from crm.errors import InvalidArgumentError, ValidationFailedError
from crm.services import activities as service
from crm.store.activities import FirestoreActivityReader
from crm.store.collections import CollectionNames
from tests.utils.factories import admin_caller

NOW = utc_now()
DAY = timedelta(days=1)


@pytest.fixture
def reader(db: firestore.Client, names: CollectionNames) -> FirestoreActivityReader:
    return FirestoreActivityReader(db, names)


def listed(reader, **query: Any) -> list[str]:
    page = service.list_activities(reader, ActivityListParams.model_validate(query), admin_caller())
    return [a.id for a in page.results]


def error_field(caught: pytest.ExceptionInfo[ValidationFailedError]) -> str:
    return caught.value.details[0]["field"]


# --- links ------------------------------------------------------------------------------------------------------

def test_an_activity_is_stored_and_read_back(add_activity, reader, create, caller):
    customer = create()
    created = add_activity(customer_id=customer.id, type="meeting", description="Demo", priority="high",
                  due_at=NOW + DAY)
    assert reader.get(created.id) == created
    assert (created.owner_id, created.status.value, created.deal_id) == (caller.uid, "scheduled", None)


def test_a_deal_of_another_customer_is_refused_and_nothing_is_written(add_activity, create, open_deal, customers,
                                                                      reader):
    mine, theirs = create(), create()
    deal = open_deal(customer_id=theirs.id)
    with pytest.raises(ValidationFailedError, match="belongs to customer") as caught:
        add_activity(customer_id=mine.id, deal_id=deal.id)
    assert error_field(caught) == "deal_id"
    assert listed(reader) == []
    assert customers.get(mine.id).last_activity_at is None


# --- the customer's last activity -------------------------------------------------------------------------------


def test_concurrent_activities_on_one_customer_all_land(transactions, caller, create, customers, reader):
    customer = create()
    made: list[Activity] = []

    def add_one(n: int) -> None:
        data = ActivityCreate(type="note", subject=f"Note {n}", customer_id=customer.id)
        made.append(service.create_activity(transactions, data, caller))

    threads = [threading.Thread(target=add_one, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 4
    assert sorted(listed(reader, customer_id=customer.id)) == sorted(a.id for a in made)
    assert customers.get(customer.id).last_activity_at == max(a.created_at for a in made)


# --- status -----------------------------------------------------------------------------------------------------


# --- filters and order ------------------------------------------------------------------------------------------

@pytest.fixture
def agenda(add_activity, create, open_deal) -> dict[str, Activity]:
    """Activities of one customer due at various times, in various states; plus one of another customer."""
    customer = create()
    deal = open_deal(customer_id=customer.id)
    c = customer.id
    return {
        "late_call": add_activity(customer_id=c, due_at=NOW - 3 * DAY, priority="low"),
        "late_task": add_activity(customer_id=c, type="task", due_at=NOW - 2 * DAY, status="in_progress",
                                  priority="high"),
        "late_done": add_activity(customer_id=c, due_at=NOW - DAY, status="completed"),
        "late_cancelled": add_activity(customer_id=c, due_at=NOW - DAY / 2, status="cancelled"),
        "soon": add_activity(customer_id=c, deal_id=deal.id, due_at=NOW + DAY, priority="high"),
        "later": add_activity(customer_id=c, type="meeting", due_at=NOW + 5 * DAY, owner_id="rep-2"),
        "undated": add_activity(customer_id=c, type="note", priority="high"),
        "elsewhere": add_activity(customer_id=create().id, due_at=NOW - 4 * DAY),
    }


def names_of(agenda: dict[str, Activity], ids: list[str]) -> list[str]:
    by_id = {a.id: name for name, a in agenda.items()}
    return [by_id[i] for i in ids]


def test_the_default_order_is_due_at_with_undated_last(agenda, reader):
    customer_id = agenda["soon"].customer_id
    assert names_of(agenda, listed(reader, customer_id=customer_id)) == [
        "late_call", "late_task", "late_done", "late_cancelled", "soon", "later", "undated"
    ]
    assert names_of(agenda, listed(reader, customer_id=customer_id, order_by="-due_at"))[:2] == ["undated", "later"]


def test_overdue_is_past_due_and_still_open(agenda, reader):
    assert names_of(agenda, listed(reader, overdue="true")) == ["elsewhere", "late_call", "late_task"]
    customer_id = agenda["soon"].customer_id
    assert names_of(agenda, listed(reader, overdue="true", customer_id=customer_id, order_by="-due_at")) == [
        "late_task", "late_call"]
    assert names_of(agenda, listed(reader, overdue="true", status="in_progress")) == ["late_task"]


def test_a_due_range_is_inclusive_and_leaves_out_undated(agenda, reader):
    soon, later = agenda["soon"].due_at, agenda["later"].due_at
    assert names_of(agenda, listed(reader, due_from=soon.isoformat(), due_to=later.isoformat())) == ["soon", "later"]
    assert names_of(agenda, listed(reader, due_from=soon.isoformat())) == ["soon", "later"]
    assert names_of(agenda, listed(reader, due_to=(NOW - 2 * DAY).isoformat(), order_by="-due_at")) == [
        "late_task", "late_call", "elsewhere"]


def test_priority_order_is_high_first_then_soonest_due(agenda, reader):
    customer_id = agenda["soon"].customer_id
    ranked = names_of(agenda, listed(reader, customer_id=customer_id, order_by="priority"))
    assert ranked[:3] == ["late_task", "soon", "undated"]
    assert ranked[-1] == "late_call"


@pytest.mark.parametrize(("query", "expected"), [
    pytest.param({"type": "task"}, ["late_task"], id="type"),
    pytest.param({"owner_id": "rep-2"}, ["later"], id="owner"),
    pytest.param({"status": "completed"}, ["late_done"], id="status"),
    pytest.param({"type": "call", "status": "scheduled"}, ["elsewhere", "late_call", "soon"], id="type and status"),
])
def test_equality_filters(agenda, reader, query, expected):
    assert names_of(agenda, listed(reader, **query)) == expected


def test_deal_filter(agenda, reader):
    assert names_of(agenda, listed(reader, deal_id=agenda["soon"].deal_id)) == ["soon"]


def test_created_at_order(agenda, reader):
    ids = listed(reader, order_by="-created_at", page_size=100)
    assert names_of(agenda, ids) == list(reversed(agenda))


# --- paging -----------------------------------------------------------------------------------------------------

def test_cursor_paging_walks_every_activity_once_in_order(add_activity, create, reader):
    customer_id = create().id
    made = [add_activity(customer_id=customer_id, due_at=NOW + n * DAY) for n in (5, 1, 3, 2, 7, 4, 6)]
    expected = [a.id for a in sorted(made, key=lambda a: a.due_at)]
    seen: list[str] = []
    params = {"customer_id": customer_id, "page_size": 3}
    page = service.list_activities(reader, ActivityListParams.model_validate(params), admin_caller())
    pages = [page.page]
    assert (page.total, page.total_exact) == (7, True)
    seen += [a.id for a in page.results]
    while page.next_cursor:
        following = ActivityListParams.model_validate({**params, "cursor": page.next_cursor})
        page = service.list_activities(reader, following, admin_caller())
        seen += [a.id for a in page.results]
        pages.append(page.page)
    assert seen == expected
    assert pages == [1, 2, 3]


def test_page_numbers_skip_to_the_page(add_activity, create, reader):
    customer_id = create().id
    made = [add_activity(customer_id=customer_id, due_at=NOW + n * DAY) for n in range(5)]
    assert listed(reader, customer_id=customer_id, page_size=2, page=3) == [made[4].id]


def test_overdue_paging_follows_cursors(add_activity, create, reader):
    customer_id = create().id
    made = [add_activity(customer_id=customer_id, due_at=NOW - n * DAY) for n in (3, 1, 2)]
    first = service.list_activities(reader, ActivityListParams(overdue=True, page_size=2), admin_caller())
    following = ActivityListParams(overdue=True, page_size=2, cursor=first.next_cursor)
    rest = service.list_activities(reader, following, admin_caller())
    assert [a.id for a in first.results + rest.results] == [made[0].id, made[2].id, made[1].id]
    assert rest.next_cursor is None


def test_a_cursor_of_another_query_is_refused(add_activity, create, reader):
    customer_id = create().id
    for n in range(3):
        add_activity(customer_id=customer_id, due_at=NOW + n * DAY)
    page = service.list_activities(reader, ActivityListParams(page_size=1), admin_caller())
    with pytest.raises(InvalidArgumentError, match="different query"):
        service.list_activities(reader, ActivityListParams(page_size=1, order_by="-due_at", cursor=page.next_cursor),
                                admin_caller())
