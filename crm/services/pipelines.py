"""Pipeline use cases: list, read, create, change (moving deals out of removed stages), delete, and settings."""

from __future__ import annotations

from crm.domain.common import require_version, utc_now
from crm.domain.deals import enter_stage
from crm.domain.money import CurrencyRates, CurrencyRatesUpdate
from crm.domain.pipelines import Pipeline, PipelineCreate, PipelinesPage, PipelineUpdate, Stage
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.ports import DealCounter, Transaction, Transactions

MOVE_BATCH = 100
MAX_MOVE_ROUNDS = 1000


def list_pipelines(transactions: Transactions) -> PipelinesPage:
    pipelines = transactions.read(lambda tx: tx.pipelines.all())
    return PipelinesPage(results=pipelines, total=len(pipelines))


def get_pipeline(transactions: Transactions, pipeline_id: str) -> Pipeline:
    pipeline = transactions.read(lambda tx: tx.pipelines.get(pipeline_id))
    if pipeline is None:
        raise _not_found(pipeline_id)
    return pipeline


def create_pipeline(transactions: Transactions, data: PipelineCreate, caller: Caller) -> Pipeline:
    def work(tx: Transaction) -> Pipeline:
        tx.pipelines.default_id()
        now = utc_now()
        pipeline = Pipeline(id=tx.pipelines.new_id(), created_at=now, updated_at=now, **data.model_dump())
        tx.pipelines.put(pipeline)
        return pipeline

    return transactions.run(work, actor=caller)


def update_pipeline(
    transactions: Transactions, counter: DealCounter, pipeline_id: str, data: PipelineUpdate, caller: Caller,
    if_match: str | None = None,
) -> Pipeline:
    """Rename, make default, or replace the stages of a pipeline.

    Deals in stages the new list drops move where ``stage_moves`` says (a stage of the same kind), in batches,
    each with a stage-history entry; then the pipeline is saved, in a transaction that checks none are left.

    Raises:
        NotFoundError: no such pipeline.
        FailedPreconditionError: removed stages hold deals and ``stage_moves`` does not say where they go.
        ValidationFailedError: a move targets a stage of another kind.
    """
    current = get_pipeline(transactions, pipeline_id)
    require_version(current, if_match, "pipeline")
    changes = data.model_dump(exclude_unset=True, exclude={"stage_moves"})
    proposed = current.model_copy(update={**changes, "stages": data.stages or current.stages})
    if data.is_default is None:
        proposed = proposed.model_copy(update={"is_default": current.is_default})
    removed = [s.id for s in current.stages if not proposed.has_stage(s.id)]
    if removed or data.stage_moves:
        _check_moves(current, proposed, removed, data.stage_moves, counter)
    _check_kinds_kept(current, proposed, counter)
    for _ in range(MAX_MOVE_ROUNDS):
        if removed and _move_batch(transactions, proposed, removed, data.stage_moves, caller) > 0:
            continue
        saved = _save_if_empty(transactions, proposed, removed, caller)
        if saved is not None:
            counter.reposition(saved.id, {s.id: saved.position(s.id) for s in saved.stages})
            return saved
    raise FailedPreconditionError("deals kept arriving in the removed stages; try again")


def delete_pipeline(
    transactions: Transactions, counter: DealCounter, pipeline_id: str, move_deals_to: str | None, caller: Caller,
    if_match: str | None = None,
) -> None:
    """Delete a pipeline that is not the default; its deals move to ``move_deals_to`` (same stage id, else a
    stage of the same kind), or the request is refused while it holds deals.

    Raises:
        FailedPreconditionError: it is the default, or it holds deals and no target was named.
    """
    current = get_pipeline(transactions, pipeline_id)
    require_version(current, if_match, "pipeline")
    if current.is_default:
        raise FailedPreconditionError("the default pipeline cannot be deleted: make another pipeline the default first")
    target = None
    if move_deals_to:
        if move_deals_to == pipeline_id:
            raise invalid("move_deals_to", "deals cannot move to the pipeline being deleted")
        target = get_pipeline(transactions, move_deals_to)
    stage_ids = [s.id for s in current.stages]
    if target is None:
        held = {k: v for k, v in counter.count_in(pipeline_id, stage_ids).items() if v}
        if held:
            raise FailedPreconditionError(
                f"pipeline {pipeline_id} holds {sum(held.values())} deals: name move_deals_to to move them",
                [{"stage": stage, "deals": n} for stage, n in sorted(held.items())],
            )
    else:
        moves = {s.id: _counterpart(s, target).id for s in current.stages}
        while _move_batch(transactions, target, stage_ids, moves, caller, source=pipeline_id) > 0:
            pass

    def work(tx: Transaction) -> None:
        if tx.pipelines.get(pipeline_id) is None:
            raise _not_found(pipeline_id)
        if tx.deals.in_stages(pipeline_id, stage_ids[:30], 1):
            raise FailedPreconditionError("deals arrived in the pipeline while it was being emptied; try again")
        tx.pipelines.delete(pipeline_id)

    transactions.run(work, actor=caller)


def get_currency_rates(transactions: Transactions) -> CurrencyRates:
    return transactions.read(lambda tx: tx.config.currency_rates())


def set_currency_rates(transactions: Transactions, data: CurrencyRatesUpdate, caller: Caller) -> CurrencyRates:
    def work(tx: Transaction) -> CurrencyRates:
        base = tx.config.currency_rates().base
        if base in data.rates:
            raise invalid(f"rates.{base}", f"{base} is the base currency; it has no rate")
        rates = CurrencyRates(base=base, rates=data.rates)
        tx.config.put_currency_rates(rates)
        return rates

    return transactions.run(work, actor=caller)


def _check_moves(current: Pipeline, proposed: Pipeline, removed: list[str], moves: dict[str, str],
                 counter: DealCounter) -> None:
    for stage_id, target_id in moves.items():
        if stage_id not in removed:
            raise invalid(f"stage_moves.{stage_id}", f"stage {stage_id} is not being removed")
        if current.stage(stage_id).kind is not proposed.stage(target_id).kind:
            raise invalid(f"stage_moves.{stage_id}", f"deals in {stage_id} must move to a stage of the same kind")
    unplanned = [s for s in removed if s not in moves]
    held = {k: v for k, v in counter.count_in(current.id, unplanned).items() if v} if unplanned else {}
    if held:
        raise FailedPreconditionError(
            f"removed stages still hold deals: {', '.join(sorted(held))}; say where they go in stage_moves",
            [{"stage": stage, "deals": n} for stage, n in sorted(held.items())],
        )


def _check_kinds_kept(current: Pipeline, proposed: Pipeline, counter: DealCounter) -> None:
    """A stage that holds deals keeps its kind: open, won and lost deals stay what they are."""
    changed = [s.id for s in current.stages if proposed.has_stage(s.id) and proposed.stage(s.id).kind is not s.kind]
    held = {k: v for k, v in counter.count_in(current.id, changed).items() if v} if changed else {}
    if held:
        raise FailedPreconditionError(
            f"stages that hold deals cannot change kind: {', '.join(sorted(held))}; add a new stage and move "
            "the deals there instead",
            [{"stage": stage, "deals": n} for stage, n in sorted(held.items())],
        )


def _move_batch(transactions: Transactions, target: Pipeline, stage_ids: list[str], moves: dict[str, str],
                caller: Caller, *, source: str | None = None) -> int:
    source_id = source or target.id

    def work(tx: Transaction) -> int:
        deals = tx.deals.in_stages(source_id, stage_ids[:30], MOVE_BATCH)
        now = utc_now()
        for deal in deals:
            if deal.stage not in moves:
                raise FailedPreconditionError(f"deal {deal.id} is in stage {deal.stage}, which has no destination")
            moved = enter_stage(deal, target, target.stage(moves[deal.stage]), by=caller.uid, now=now,
                                lost_reason=deal.lost_reason)
            moved = moved.model_copy(update={"closed_at": deal.closed_at or moved.closed_at})
            tx.stats.record(deal, moved)
            tx.deals.put(moved, target)
        return len(deals)

    return transactions.run(work, actor=caller)


def _save_if_empty(transactions: Transactions, pipeline: Pipeline, removed: list[str],
                   caller: Caller) -> Pipeline | None:
    def work(tx: Transaction) -> Pipeline | None:
        if tx.pipelines.get(pipeline.id) is None:
            raise _not_found(pipeline.id)
        if removed and tx.deals.in_stages(pipeline.id, removed[:30], 1):
            return None
        saved = pipeline.model_copy(update={"updated_at": utc_now()})
        tx.pipelines.put(saved)
        return saved

    return transactions.run(work, actor=caller)


def _counterpart(stage: Stage, target: Pipeline) -> Stage:
    if target.has_stage(stage.id) and target.stage(stage.id).kind is stage.kind:
        return target.stage(stage.id)
    return {"open": target.first_open, "won": target.won_stage, "lost": target.first_lost}[stage.kind.value]()


def _not_found(pipeline_id: str) -> NotFoundError:
    return NotFoundError(f"pipeline {pipeline_id} not found")
