"""Deal use cases: create, read, list, change, delete, and move through stages, keeping customers in step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from crm.domain import access
from crm.domain import deal_transitions as transitions
from crm.domain import deals as rules
from crm.domain.common import require_version, utc_now
from crm.domain.deal_queries import DealListParams
from crm.domain.deals import Deal, DealCreate, DealsPage, DealUpdate, StageMove
from crm.domain.pipelines import Pipeline
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.catalog.references import priced_deal_fields
from crm.services.deal_writes import remove_deal, save_deal
from crm.services.lookups import invalid, pipeline_for, rates_covering, visible_customer
from crm.services.people.links import check_changed_person, check_person
from crm.services.ports import DealReader, Transaction, Transactions


def create_deal(transactions: Transactions, data: DealCreate, caller: Caller) -> Deal:
    """Open a deal for an active customer, in the given or default pipeline.

    Raises:
        PermissionDeniedError: a rep named another owner.
        ValidationFailedError: the customer (that the caller may see), pipeline, stage or currency does not exist
            or has no rate; a line item's product does not exist, is archived, or has no price in the currency.
    """
    access.check_owner_change(caller, data)

    def work(tx: Transaction) -> Deal:
        visible_customer(tx, data.customer_id, caller)
        if data.person_id is not None:
            check_person(tx, data.person_id, data.customer_id, caller)
        pipeline = pipeline_for(tx, data.pipeline_id)
        if data.stage and not pipeline.has_stage(data.stage):
            raise invalid("stage", f"pipeline {pipeline.id} has no stage {data.stage!r}")
        rates = rates_covering(tx, data.currency)
        now = utc_now()
        priced = priced_deal_fields(tx, data, data.currency or rates.base, None)
        deal = rules.new_deal(
            priced, deal_id=tx.deals.new_id(), pipeline=pipeline, currency=rates.base, by=caller.uid, now=now
        )
        return save_deal(tx, None, deal, pipeline, rates, now)

    return transactions.run(work, actor=caller, lock=[f"customers/{data.customer_id}"])


def get_deal(reader: DealReader, deal_id: str, caller: Caller) -> Deal:
    return _visible(reader.get(deal_id), deal_id, caller)


def list_deals(reader: DealReader, params: DealListParams, caller: Caller) -> DealsPage:
    """One page of the deals matching ``params``; a rep's list holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's deals.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    return DealsPage.of(reader.list(params), params.page_size)


def update_deal(transactions: Transactions, deal_id: str, data: DealUpdate, caller: Caller,
                if_match: str | None = None) -> Deal:
    """Apply the fields present in ``data``; only a manager or admin gives the deal to someone else.

    Raises:
        NotFoundError: no such deal (that the caller may see).
        PermissionDeniedError: a rep named another owner.
    """
    access.check_owner_change(caller, data)

    def change(tx: Transaction, deal: Deal, pipeline: Pipeline, now: datetime) -> tuple[Deal, Pipeline]:
        if data.currency:
            rates_covering(tx, data.currency)
        check_changed_person(tx, data.person_id, deal.customer_id, caller, was=(deal.person_id, deal.customer_id))
        priced = priced_deal_fields(tx, data, data.currency or deal.currency, deal)
        return rules.apply_update(deal, priced, now=now), pipeline

    return _change(transactions, deal_id, caller, change, if_match)


def retag_deal(transactions: Transactions, deal_id: str, caller: Caller, *, add: Sequence[str] = (),
               remove: Sequence[str] = ()) -> Deal:
    """Add and remove tags, reading the deal's tags in the same transaction as the change.

    Raises:
        NotFoundError: no such deal (that the caller may see).
    """

    def change(tx: Transaction, deal: Deal, pipeline: Pipeline, now: datetime) -> tuple[Deal, Pipeline]:
        tags = [tag for tag in dict.fromkeys([*deal.tags, *add]) if tag not in remove]
        return (deal if tags == deal.tags else rules.apply_update(deal, DealUpdate(tags=tags), now=now)), pipeline

    return _change(transactions, deal_id, caller, change)


def delete_deal(transactions: Transactions, deal_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Delete a deal; a won deal's value leaves its customer's lifetime value."""

    def work(tx: Transaction) -> None:
        deal = _visible(tx.deals.get(deal_id), deal_id, caller)
        require_version(deal, if_match, "deal")
        remove_deal(tx, deal, utc_now())

    transactions.run(work, actor=caller, lock=_deal_locks(transactions, deal_id))


def advance_deal(transactions: Transactions, deal_id: str, caller: Caller, if_match: str | None = None) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.advance(deal, pipeline, by=caller.uid, now=now), pipeline), if_match)


def move_deal(transactions: Transactions, deal_id: str, move: StageMove, caller: Caller,
              if_match: str | None = None) -> Deal:
    def change(tx: Transaction, deal: Deal, pipeline: Pipeline, now: datetime) -> tuple[Deal, Pipeline]:
        target = pipeline
        if move.pipeline_id and move.pipeline_id != deal.pipeline_id:
            named = tx.pipelines.get(move.pipeline_id)
            if named is None:
                raise invalid("pipeline_id", f"pipeline {move.pipeline_id} does not exist")
            target = named
        return transitions.move(deal, target, move.stage, reason=move.reason, by=caller.uid, now=now,
                                substage=move.substage), target

    return _change(transactions, deal_id, caller, change, if_match)


def mark_deal_won(transactions: Transactions, deal_id: str, caller: Caller, if_match: str | None = None) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.mark_won(deal, pipeline, by=caller.uid, now=now), pipeline), if_match)


def mark_deal_lost(transactions: Transactions, deal_id: str, reason: str, caller: Caller,
                   if_match: str | None = None) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.mark_lost(deal, pipeline, reason, by=caller.uid, now=now), pipeline), if_match)


def reopen_deal(transactions: Transactions, deal_id: str, stage: str | None, caller: Caller,
                if_match: str | None = None) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.reopen(deal, pipeline, stage, by=caller.uid, now=now), pipeline), if_match)


Change = Callable[[Transaction, Deal, Pipeline, datetime], tuple[Deal, Pipeline]]


def _change(transactions: Transactions, deal_id: str, caller: Caller, change: Change,
            if_match: str | None = None) -> Deal:
    """Apply ``change`` to the deal (at version ``if_match``, when given) and save it with its consequences.

    Raises:
        NotFoundError: no such deal (that the caller may see).
        PreconditionFailedError: the deal is no longer at version ``if_match``.
    """

    def work(tx: Transaction) -> Deal:
        deal = _visible(tx.deals.get(deal_id), deal_id, caller)
        require_version(deal, if_match, "deal")
        pipeline = tx.pipelines.get(deal.pipeline_id)
        if pipeline is None:
            raise LookupError(f"deal {deal_id} is in missing pipeline {deal.pipeline_id}")
        now = utc_now()
        updated, target = change(tx, deal, pipeline, now)
        return save_deal(tx, deal, updated, target, tx.config.currency_rates(), now)

    return transactions.run(work, actor=caller, lock=_deal_locks(transactions, deal_id))


def _deal_locks(transactions: Transactions, deal_id: str) -> list[str]:
    customer_id = transactions.customer_of_deal(deal_id)
    return [f"deals/{deal_id}"] + ([f"customers/{customer_id}"] if customer_id else [])


def _visible(deal: Deal | None, deal_id: str, caller: Caller) -> Deal:
    if deal is None or not access.sees(caller, deal.owner_id):
        raise _not_found(deal_id)
    return deal


def _not_found(deal_id: str) -> NotFoundError:
    return NotFoundError(f"deal {deal_id} not found")
