"""A deal's next activity (``next_activity_at``) follows its open activities in the same transaction as each change:
created, rescheduled, completed, cancelled, moved to another deal, deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm.domain.common import utc_now
from crm.services import activities as service
from tests.utils.factories import admin_caller
from tests.utils.memory import MemoryDatabase

SOON = utc_now().replace(microsecond=0) + timedelta(days=1)
LATER = SOON + timedelta(days=5)


@pytest.fixture
def deal(open_deal):
    return open_deal()


def next_of(memory: MemoryDatabase, deal_id: str):
    return memory.deals[deal_id].next_activity_at


def test_the_earliest_open_dated_activity_is_next(memory, deal, add_activity):
    assert next_of(memory, deal.id) is None
    add_activity(deal_id=deal.id, due_at=LATER)
    assert next_of(memory, deal.id) == LATER
    add_activity(deal_id=deal.id, due_at=SOON)
    assert next_of(memory, deal.id) == SOON
    add_activity(deal_id=deal.id)  # undated: sets no date
    assert next_of(memory, deal.id) == SOON


def test_completing_cancelling_and_deleting_move_it_on(memory, deal, add_activity, change_activity, transactions):
    first = add_activity(deal_id=deal.id, due_at=SOON)
    second = add_activity(deal_id=deal.id, due_at=LATER)
    service.complete_activity(transactions, first.id, admin_caller())
    assert next_of(memory, deal.id) == LATER
    change_activity(second.id, status="cancelled")
    assert next_of(memory, deal.id) is None
    change_activity(second.id, status="scheduled", due_at=(SOON + timedelta(hours=2)).isoformat())
    assert next_of(memory, deal.id) == SOON + timedelta(hours=2)
    service.delete_activity(transactions, second.id, admin_caller())
    assert next_of(memory, deal.id) is None


def test_rescheduling_later_lets_an_earlier_one_lead(memory, deal, add_activity, change_activity):
    first = add_activity(deal_id=deal.id, due_at=SOON)
    add_activity(deal_id=deal.id, due_at=LATER)
    change_activity(first.id, due_at=(LATER + timedelta(days=1)).isoformat())
    assert next_of(memory, deal.id) == LATER


def test_moving_an_activity_to_another_deal_updates_both(memory, create, open_deal, add_activity, change_activity):
    customer = create()
    one, other = open_deal(customer_id=customer.id), open_deal(customer_id=customer.id)
    activity = add_activity(deal_id=one.id, due_at=SOON)
    change_activity(activity.id, deal_id=other.id)
    assert (next_of(memory, one.id), next_of(memory, other.id)) == (None, SOON)


def test_the_deal_changes_version_only_when_its_next_activity_does(memory, deal, add_activity, change_activity):
    activity = add_activity(deal_id=deal.id, due_at=SOON)
    version = memory.deals[deal.id].version
    change_activity(activity.id, subject="Call again")
    assert memory.deals[deal.id].version == version
    assert memory.deals[deal.id].version != deal.version
