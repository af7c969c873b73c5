"""The assistant write tools on in-memory repositories: each runs its use case for the caller and says what it
changed; refusals are the use cases' own errors, and change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from crm.assistants import dispatch
from crm.errors import FailedPreconditionError, PermissionDeniedError, ValidationFailedError
from crm.identity import Caller, Role
from crm.services.assistants import ToolBackend
from tests.utils.memory import MemoryDatabase, MemoryDealReader, MemoryReader, MemoryTransactions


@dataclass
class Session:
    backend: ToolBackend
    who: Caller

    def caller(self) -> Caller:
        return self.who


@pytest.fixture
def call(memory: MemoryDatabase):
    backend = ToolBackend(customers=MemoryReader(memory, "customers"), deals=MemoryDealReader(memory),
                          activities=MemoryReader(memory, "activities"), audit=None,  # type: ignore[arg-type]
                          transactions=MemoryTransactions(memory), reports=None,  # type: ignore[arg-type]
                          default_language="el", default_phone_region="GR")

    def run(tool: str, role: Role = Role.MANAGER, **arguments: Any) -> dict[str, Any]:
        session = Session(backend, Caller(uid=f"{role.value}-1", role=role, via="token"))
        return dispatch.call_tool(session, tool, arguments).document()

    return run


def test_writes_say_what_they_changed(call, memory):
    customer = call("create_customer", name="Nikos", phone="210 555 0101", note="Met at the fair")
    assert customer["changed"] == {"record": "customer", "id": customer["customer"]["id"],
                                   "summary": f"Created customer 'Nikos' (lead), id {customer['customer']['id']}"}
    assert customer["customer"]["phone"] == "+302105550101" and customer["customer"]["language"] == "el"
    customer_id = customer["customer"]["id"]
    assert call("add_customer_note", customer_id=customer_id, text="Called")["changed"]["summary"] == \
        "Added a note to customer 'Nikos' (2 notes now)"
    deal = call("create_deal", customer_id=customer_id, title="Licences", value="100")
    assert deal["changed"]["summary"].startswith("Created deal 'Licences', EUR 100.00 in stage lead")
    moved = call("move_deal", deal_id=deal["deal"]["id"], stage="proposal")
    assert "from stage lead to proposal (open, probability 50%)" in moved["changed"]["summary"]
    assert call("mark_deal_won", deal_id=deal["deal"]["id"])["deal"]["status"] == "won"
    assert memory.customers[customer_id].lifetime_value == 100
    activity = call("log_activity", type="meeting", subject="Kick-off", deal_id=deal["deal"]["id"])
    assert activity["activity"]["customer_id"] == customer_id
    assert call("complete_activity", activity_id=activity["activity"]["id"])["activity"]["status"] == "completed"


def test_refusals_are_the_use_cases_own(call, memory):
    customer_id = call("create_customer", name="Eleni")["customer"]["id"]
    deal_id = call("create_deal", customer_id=customer_id, title="Support")["deal"]["id"]
    call("mark_deal_lost", deal_id=deal_id, reason="Budget cut")
    before = dict(memory.deals)
    with pytest.raises(FailedPreconditionError):
        call("mark_deal_lost", deal_id=deal_id, reason="Again")
    with pytest.raises(PermissionDeniedError):
        call("create_customer", Role.VIEWER, name="Nope")
    with pytest.raises(PermissionDeniedError) as denied:
        call("create_customer", Role.REP, name="Given", owner_id="someone-else")
    assert denied.value.details[0]["field"] == "owner_id"
    with pytest.raises(ValidationFailedError) as invalid:
        call("log_activity", type="call", subject="Nowhere")
    assert {d["field"] for d in invalid.value.details} == {"customer_id", "deal_id"}
    assert memory.deals == before and len(memory.customers) == 1
