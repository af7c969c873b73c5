"""Lead board use cases: the board of a lead pipeline (counts from running totals, the best-scored leads of each
column), and moving a lead, which sets its score."""

from __future__ import annotations

from crm.domain import access
from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.domain.qualification import moves
from crm.domain.qualification.board import LeadBoard, LeadBoardParams, LeadColumn
from crm.domain.qualification.lead_pipelines import LeadPipeline
from crm.domain.qualification.moves import LeadMove
from crm.errors import FailedPreconditionError, InvalidArgumentError, NotFoundError
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.ports import LeadBoardReader, Transaction, Transactions
from crm.services.qualification.lead_pipelines import get_lead_pipeline


def lead_board(transactions: Transactions, board: LeadBoardReader, pipeline_id: str, params: LeadBoardParams,
               caller: Caller) -> LeadBoard:
    """The board of a lead pipeline: every column (or the one named, from its cursor on), with its count and its
    substages' counts, and its best-scored leads; a rep's board holds their own leads only.

    Raises:
        NotFoundError: no such lead pipeline.
        PermissionDeniedError: a rep asked for another owner's board.
        InvalidArgumentError: a stage the pipeline does not have, or a cursor of another column.
    """
    pipeline = get_lead_pipeline(transactions, pipeline_id)
    owner = access.list_owner(caller, params.owner_id)
    counts = board.counts(pipeline.id)
    if params.stage is not None and not pipeline.has_stage(params.stage):
        raise InvalidArgumentError(f"lead pipeline {pipeline.id} has no stage {params.stage!r}",
                                   [{"field": "stage", "message": "not a stage of this pipeline"}])
    stages = [pipeline.stage(params.stage)] if params.stage else pipeline.stages
    columns = []
    for stage in stages:
        cards = board.column(pipeline.id, stage.id, owner, params.per_column, params.cursor if params.stage else None)
        columns.append(LeadColumn(stage=stage, count=counts.stage(stage.id, owner),
                                  substage_counts=counts.substages(stage.id, owner), cards=cards.results,
                                  next_cursor=cards.next_cursor))
    total = sum(counts.stage(stage.id, owner) for stage in pipeline.stages)
    return LeadBoard(pipeline=pipeline, owner_id=owner, total=total, columns=columns)


def move_lead(transactions: Transactions, customer_id: str, move: LeadMove, caller: Caller) -> Customer:
    """Move a lead to a stage (and substage) of its lead pipeline, or of the one named; its score follows.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        ValidationFailedError: no such lead pipeline, stage or substage.
        FailedPreconditionError: no lead pipeline exists yet, the customer is not a lead, or the target is the
            converted or lost stage.
    """

    def work(tx: Transaction) -> Customer:
        customer = tx.customers.get_active(customer_id)
        if customer is None or not access.sees(caller, customer.owner_id):
            raise NotFoundError(f"customer {customer_id} not found")
        pipeline = _target(tx, move.pipeline_id or customer.lead_pipeline_id, named=move.pipeline_id is not None)
        moved = moves.move(customer, pipeline, move.stage, move.substage, now=utc_now())
        tx.customers.put(moved, customer)
        return moved

    return transactions.run(work, actor=caller, lock=[f"customers/{customer_id}"])


def _target(tx: Transaction, pipeline_id: str | None, *, named: bool) -> LeadPipeline:
    pipeline = tx.lead_pipelines.get(pipeline_id) if pipeline_id else tx.lead_pipelines.default()
    if pipeline is not None:
        return pipeline
    if named:
        raise invalid("pipeline_id", f"lead pipeline {pipeline_id} does not exist")
    if pipeline_id is None:
        raise FailedPreconditionError("there is no lead pipeline yet: an admin creates one with POST "
                                      "/api/crm/lead-pipelines")
    default = tx.lead_pipelines.default()
    if default is None:
        raise FailedPreconditionError(f"the lead's pipeline {pipeline_id} no longer exists and there is no default")
    return default
