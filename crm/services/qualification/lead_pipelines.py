"""Lead pipeline use cases: list, read, create (the first becomes the default), change and delete, keeping every
lead in a stage that exists."""

from __future__ import annotations

from crm.domain.common import require_version, utc_now
from crm.domain.qualification.lead_pipelines import (
    LeadPipeline,
    LeadPipelineCreate,
    LeadPipelinesPage,
    LeadPipelineUpdate,
    new_lead_pipeline,
)
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.ports import LeadBoardReader, Transaction, Transactions


def list_lead_pipelines(transactions: Transactions) -> LeadPipelinesPage:
    pipelines = transactions.read(lambda tx: tx.lead_pipelines.all())
    return LeadPipelinesPage(results=pipelines, total=len(pipelines))


def get_lead_pipeline(transactions: Transactions, pipeline_id: str) -> LeadPipeline:
    pipeline = transactions.read(lambda tx: tx.lead_pipelines.get(pipeline_id))
    if pipeline is None:
        raise _not_found(pipeline_id)
    return pipeline


def create_lead_pipeline(transactions: Transactions, data: LeadPipelineCreate, caller: Caller) -> LeadPipeline:
    """A new lead pipeline; the first one, or one marked so, becomes the default, where new leads are placed."""

    def work(tx: Transaction) -> LeadPipeline:
        default = data.is_default or tx.lead_pipelines.default_id() is None
        pipeline = new_lead_pipeline(data, pipeline_id=tx.lead_pipelines.new_id(), is_default=default, now=utc_now())
        tx.lead_pipelines.put(pipeline)
        return pipeline

    return transactions.run(work, actor=caller)


def update_lead_pipeline(transactions: Transactions, board: LeadBoardReader, pipeline_id: str,
                         data: LeadPipelineUpdate, caller: Caller, if_match: str | None = None) -> LeadPipeline:
    """Rename it, make it the default, or replace its stages.

    Raises:
        NotFoundError: no such lead pipeline.
        FailedPreconditionError: a stage that holds leads would be removed or change kind.
    """
    current = get_lead_pipeline(transactions, pipeline_id)
    require_version(current, if_match, "lead pipeline")
    proposed = current.model_copy(update={name: getattr(data, name) for name in data.model_fields_set})
    _require_empty(board, current, _emptied(current, proposed))

    def work(tx: Transaction) -> LeadPipeline:
        stored = tx.lead_pipelines.get(pipeline_id)
        if stored is None:
            raise _not_found(pipeline_id)
        require_version(stored, current.version, "lead pipeline")
        saved = proposed.model_copy(update={"updated_at": utc_now(), "is_default": stored.is_default or bool(
            data.is_default)})
        tx.lead_pipelines.put(saved)
        return saved

    return transactions.run(work, actor=caller)


def delete_lead_pipeline(transactions: Transactions, board: LeadBoardReader, pipeline_id: str, caller: Caller,
                         if_match: str | None = None) -> None:
    """Delete a lead pipeline that is not the default and holds no leads.

    Raises:
        FailedPreconditionError: it is the default, or leads stand in it.
    """
    current = get_lead_pipeline(transactions, pipeline_id)
    require_version(current, if_match, "lead pipeline")
    if current.is_default:
        raise FailedPreconditionError("the default lead pipeline cannot be deleted: make another one the default "
                                      "first")
    _require_empty(board, current, [s.id for s in current.stages])

    def work(tx: Transaction) -> None:
        if tx.lead_pipelines.get(pipeline_id) is None:
            raise _not_found(pipeline_id)
        tx.lead_pipelines.delete(pipeline_id)

    transactions.run(work, actor=caller)


def _emptied(current: LeadPipeline, proposed: LeadPipeline) -> list[str]:
    """Stages of ``current`` that ``proposed`` removes or gives another kind."""
    return [s.id for s in current.stages
            if not proposed.has_stage(s.id) or proposed.stage(s.id).kind is not s.kind]


def _require_empty(board: LeadBoardReader, pipeline: LeadPipeline, stage_ids: list[str]) -> None:
    counts = board.counts(pipeline.id)
    held = {stage: n for stage in stage_ids if (n := counts.stage(stage))}
    if held:
        raise FailedPreconditionError(
            f"stages still hold leads: {', '.join(sorted(held))}; move them to other stages first",
            [{"stage": stage, "leads": n} for stage, n in sorted(held.items())],
        )


def _not_found(pipeline_id: str) -> NotFoundError:
    return NotFoundError(f"lead pipeline {pipeline_id} not found")
