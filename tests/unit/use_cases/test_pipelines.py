"""Pipeline use cases on in-memory repositories: defaults, stage changes and deletions refused or allowed (moving
deals between stages and pipelines, and the stage order of lists, run on the emulator)."""

from __future__ import annotations

import pytest

from crm.errors import FailedPreconditionError, NotFoundError, ValidationFailedError
from crm.services import pipelines as service
from tests.utils.deal_steps import sales_stages
from tests.utils.factories import admin_caller


def test_created_pipeline_is_listed_by_name_and_not_default(transactions, make_pipeline):
    renewals = make_pipeline("renewals")
    assert (renewals.is_default, [s.id for s in renewals.stages]) == (False, ["contact", "quote", "renewed", "churned"])
    listed = service.list_pipelines(transactions)
    assert ([p.name for p in listed.results], listed.total) == (["renewals", "Sales"], 2)
    assert service.get_pipeline(transactions, renewals.id) == renewals


def test_making_a_pipeline_default_unsets_the_old_one(transactions, make_pipeline, change_pipeline):
    renewals = make_pipeline()
    made = change_pipeline(renewals.id, is_default=True, name="Renewals 2025")
    assert (made.is_default, made.name) == (True, "Renewals 2025")
    defaults = {p.id: p.is_default for p in service.list_pipelines(transactions).results}
    assert defaults == {renewals.id: True, "sales": False}
    renamed = change_pipeline("sales", name="Old sales")
    assert renamed.is_default is False


def test_a_pipeline_created_as_default_takes_new_deals(transactions, make_pipeline, open_deal):
    renewals = make_pipeline(is_default=True)
    assert service.get_pipeline(transactions, "sales").is_default is False
    deal = open_deal()
    assert (deal.pipeline_id, deal.stage, deal.probability) == (renewals.id, "contact", 20)


def test_removing_a_stage_that_holds_deals_is_refused_without_stage_moves(reader, open_deal, change_pipeline):
    open_deal(stage="proposal")
    with pytest.raises(FailedPreconditionError, match="proposal") as caught:
        change_pipeline("sales", stages=sales_stages(without=("proposal",)))
    assert caught.value.details == [{"stage": "proposal", "deals": 1}]
    assert reader.count_in("sales", ["proposal"]) == {"proposal": 1}


def test_removing_an_empty_stage_needs_no_moves(transactions, change_pipeline):
    changed = change_pipeline("sales", stages=sales_stages(without=("qualified",)))
    assert [s.id for s in changed.stages] == ["lead", "proposal", "negotiation", "closed_won", "closed_lost"]
    assert service.get_pipeline(transactions, "sales").stages == changed.stages


@pytest.mark.parametrize(("moves", "field"), [
    pytest.param({"proposal": "closed_lost"}, "stage_moves.proposal", id="open deals into a lost stage"),
    pytest.param({"lead": "qualified"}, "stage_moves.lead", id="a stage that is not removed"),
])
def test_stage_moves_that_do_not_fit_are_refused(open_deal, change_pipeline, moves, field):
    open_deal(stage="proposal")
    with pytest.raises(ValidationFailedError) as caught:
        change_pipeline("sales", stages=sales_stages(without=("proposal",)), stage_moves=moves)
    assert caught.value.details[0]["field"] == field


def test_the_default_pipeline_cannot_be_deleted(transactions, reader):
    with pytest.raises(FailedPreconditionError, match="default pipeline cannot be deleted"):
        service.delete_pipeline(transactions, reader, "sales", None, admin_caller())
    assert service.get_pipeline(transactions, "sales").is_default


def test_an_empty_pipeline_is_deleted(transactions, reader, make_pipeline):
    renewals = make_pipeline()
    service.delete_pipeline(transactions, reader, renewals.id, None, admin_caller())
    with pytest.raises(NotFoundError):
        service.get_pipeline(transactions, renewals.id)
    assert [p.id for p in service.list_pipelines(transactions).results] == ["sales"]


@pytest.mark.parametrize(("target", "error"), [
    pytest.param("self", ValidationFailedError, id="into itself"),
    pytest.param("nowhere", NotFoundError, id="into a missing pipeline"),
])
def test_move_deals_to_must_be_another_existing_pipeline(transactions, reader, make_pipeline, target, error):
    renewals = make_pipeline()
    with pytest.raises(error):
        service.delete_pipeline(transactions, reader, renewals.id, renewals.id if target == "self" else target,
                                admin_caller())
    assert service.get_pipeline(transactions, renewals.id).id == renewals.id


def test_unknown_pipelines_are_not_found(transactions, reader, change_pipeline):
    with pytest.raises(NotFoundError):
        service.get_pipeline(transactions, "nope")
    with pytest.raises(NotFoundError):
        change_pipeline("nope", name="x")
    with pytest.raises(NotFoundError):
        service.delete_pipeline(transactions, reader, "nope", None, admin_caller())
