"""Lead qualification use cases on in-memory repositories: lead pipelines (the first is the default), placing a new
lead, moving it (its score follows its substage), the board's running counts, and converting or losing it."""

from __future__ import annotations

import pytest

from crm.domain.customers import Customer, CustomerStatus
from crm.domain.leads import LeadConversion
from crm.domain.qualification.board import LeadBoardParams
from crm.domain.qualification.lead_pipelines import (
    LeadPipeline,
    LeadPipelineCreate,
    LeadPipelineUpdate,
    default_lead_stages,
)
from crm.domain.qualification.moves import LeadMove
from crm.errors import FailedPreconditionError, NotFoundError, PermissionDeniedError, ValidationFailedError
from crm.identity import Caller, Role
from crm.services import leads
from crm.services.ports import LeadBoardReader, Transactions
from crm.services.qualification import board, lead_pipelines
from tests.utils.memory import MemoryDatabase, MemoryLeadBoard

REP = Caller(uid="rep-1", role=Role.REP, via="token")


@pytest.fixture
def counts(memory: MemoryDatabase) -> LeadBoardReader:
    return MemoryLeadBoard(memory)


@pytest.fixture
def pipeline(transactions: Transactions, caller: Caller) -> LeadPipeline:
    return lead_pipelines.create_lead_pipeline(
        transactions, LeadPipelineCreate(name="Inbound", stages=default_lead_stages()), caller)


def test_the_first_lead_pipeline_is_the_default(transactions: Transactions, caller, pipeline):
    second = lead_pipelines.create_lead_pipeline(
        transactions, LeadPipelineCreate(name="Partners", stages=default_lead_stages()), caller)
    assert (pipeline.is_default, second.is_default) == (True, False)
    listed = lead_pipelines.list_lead_pipelines(transactions)
    assert [p.is_default for p in listed.results] == [True, False]


def test_a_new_lead_is_placed_in_the_first_stage_with_its_score(create, pipeline, memory):
    lead: Customer = create(status="lead")
    given: Customer = create(status="lead", score=77)
    prospect: Customer = create(status="prospect")
    assert (lead.lead_pipeline_id, lead.lead_stage, lead.lead_substage, lead.score) == (pipeline.id, "new", None, 10)
    assert given.score == 77
    assert prospect.lead_stage is None
    assert sum(memory.lead_counts.values()) == 2


def test_moving_sets_the_score_of_the_substage_and_the_counts_follow(transactions: Transactions, create, caller,
                                                                    pipeline, counts):
    lead: Customer = create(status="lead", owner_id="rep-1")
    moved = board.move_lead(transactions, lead.id, LeadMove(stage="qualified", substage="budget"), caller)
    assert (moved.lead_stage, moved.lead_substage, moved.score) == ("qualified", "budget", 65)
    assert board.move_lead(transactions, lead.id, LeadMove(stage="qualified"), caller).score == 60
    tallied = counts.counts(pipeline.id)
    assert (tallied.stage("new"), tallied.stage("qualified"), tallied.stage("qualified", "rep-1"),
            tallied.stage("qualified", "rep-2")) == (0, 1, 1, 0)
    assert tallied.substages("qualified") == {"_none": 1}


@pytest.mark.parametrize(("move", "error"), [
    (LeadMove(stage="nowhere"), ValidationFailedError),
    (LeadMove(stage="new", substage="budget"), ValidationFailedError),
    (LeadMove(stage="converted"), FailedPreconditionError),
    (LeadMove(stage="disqualified"), FailedPreconditionError),
    (LeadMove(stage="new"), FailedPreconditionError),
])
def test_refused_moves(transactions: Transactions, create, caller, pipeline, move, error):
    lead: Customer = create(status="lead")
    with pytest.raises(error):
        board.move_lead(transactions, lead.id, move, caller)


def test_only_leads_move(transactions: Transactions, create, caller, pipeline):
    customer: Customer = create(status="customer")
    with pytest.raises(FailedPreconditionError, match="only open leads"):
        board.move_lead(transactions, customer.id, LeadMove(stage="contacted"), caller)


def test_a_rep_moves_only_their_own_leads(transactions: Transactions, create, pipeline):
    lead: Customer = create(status="lead", owner_id="rep-2")
    with pytest.raises(NotFoundError):
        board.move_lead(transactions, lead.id, LeadMove(stage="contacted"), REP)


def test_converting_and_losing_take_leads_to_the_won_and_lost_stages(transactions: Transactions, create, caller,
                                                                     pipeline, counts):
    won: Customer = create(status="lead")
    lost: Customer = create(status="lead")
    converted = leads.convert_lead(transactions, won.id, LeadConversion(title="First"), caller)
    assert converted.customer.status is CustomerStatus.PROSPECT
    assert (converted.customer.lead_stage, converted.customer.score) == ("converted", 100)
    gone = leads.mark_lead_lost(transactions, lost.id, "no budget", caller)
    assert (gone.lead_stage, gone.score) == ("disqualified", 0)
    tallied = counts.counts(pipeline.id)
    assert (tallied.stage("new"), tallied.stage("converted"), tallied.stage("disqualified")) == (0, 1, 1)


def test_stages_holding_leads_are_kept(transactions: Transactions, create, caller, pipeline, counts):
    create(status="lead")
    without_new = [stage for stage in pipeline.stages if stage.id != "new"]
    with pytest.raises(FailedPreconditionError, match="new"):
        lead_pipelines.update_lead_pipeline(transactions, counts, pipeline.id,
                                            LeadPipelineUpdate(stages=without_new), caller)
    without_contacted = [stage for stage in pipeline.stages if stage.id != "contacted"]
    changed = lead_pipelines.update_lead_pipeline(transactions, counts, pipeline.id,
                                                  LeadPipelineUpdate(stages=without_contacted, name="Short"), caller)
    assert ([s.id for s in changed.stages][:2], changed.name) == (["new", "qualified"], "Short")


def test_the_board_of_an_owner_counts_their_leads(transactions: Transactions, create, caller, pipeline, counts):
    create(status="lead", owner_id="rep-1")
    create(status="lead", owner_id="rep-2")
    tallied = counts.counts(pipeline.id)
    assert (tallied.stage("new"), tallied.stage("new", "rep-1")) == (2, 1)
    with pytest.raises(PermissionDeniedError):
        board.lead_board(transactions, counts, pipeline.id, LeadBoardParams(owner_id="rep-2"),
                         REP)
