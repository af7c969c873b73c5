"""A deal's next activity on the emulator: the transaction's query of the deal's open activities, and concurrent
activity writes on one deal that still leave the earliest due date."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm.domain.common import utc_now
from crm.services import activities as service
from tests.utils.deal_steps import run_together
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

SOON = utc_now().replace(microsecond=0) + timedelta(days=1)


def test_next_activity_follows_the_open_activities(reader, open_deal, add_activity, transactions):
    deal = open_deal()
    first = add_activity(deal_id=deal.id, due_at=SOON)
    second = add_activity(deal_id=deal.id, due_at=SOON + timedelta(days=3))
    add_activity(deal_id=deal.id, due_at=SOON - timedelta(days=9), status="completed")
    assert reader.get(deal.id).next_activity_at == SOON

    service.complete_activity(transactions, first.id, admin_caller())
    assert reader.get(deal.id).next_activity_at == SOON + timedelta(days=3)
    service.delete_activity(transactions, second.id, admin_caller())
    assert reader.get(deal.id).next_activity_at is None


def test_concurrent_activities_on_one_deal_leave_the_earliest(reader, open_deal, add_activity):
    deal = open_deal()
    dues = [SOON + timedelta(hours=n) for n in (5, 1, 3)]
    run_together(lambda n: add_activity(deal_id=deal.id, due_at=dues[n]), len(dues))
    assert reader.get(deal.id).next_activity_at == min(dues)
