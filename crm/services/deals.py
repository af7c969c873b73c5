"""Deal use cases: create, read, list, change, delete, and move through stages, keeping customers in step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from crm.domain import access
from crm.domain import deal_transitions as transitions
from crm.domain import deals as rules
from crm.domain.common import require_version, utc_now
from crm.domain.customers import Customer, credit_lifetime_value
from crm.domain.deal_queries import DealListParams
from crm.domain.deals import Deal, DealCreate, DealsPage, DealStatus, DealUpdate, StageMove
from crm.domain.money import CurrencyRates
from crm.domain.pipelines import Pipeline
from crm.errors import NotFoundError, ValidationFailedError
from crm.identity import Caller
from crm.store.paging import Page

if TYPE_CHECKING:
    from crm.store.crm_transaction import CrmTransaction

T = TypeVar("T")


class Transactions(Protocol):
    def run(self, work: Callable[[CrmTransaction], T], *, lock: Any = ()) -> T: ...
    def customer_of_deal(self, deal_id: str) -> str | None: ...


class DealReader(Protocol):
    def get(self, deal_id: str) -> Deal | None: ...
    def list(self, params: DealListParams) -> tuple[list[Deal], Page]: ...


def invalid(field: str, message: str) -> ValidationFailedError:
    return ValidationFailedError(message, [{"field": field, "message": message}])


def create_deal(transactions: Transactions, data: DealCreate, caller: Caller) -> Deal:
    """Open a deal for an active customer, in the given or default pipeline.

    Raises:
        PermissionDeniedError: a rep named another owner.
        ValidationFailedError: the customer (that the caller may see), pipeline, stage or currency does not exist
            or has no rate.
    """
    access.check_owner_change(caller, data)

    def work(tx: CrmTransaction) -> Deal:
        visible_customer(tx, data.customer_id, caller)
        pipeline = pipeline_for(tx, data.pipeline_id)
        if data.stage and not pipeline.has_stage(data.stage):
            raise invalid("stage", f"pipeline {pipeline.id} has no stage {data.stage!r}")
        rates = rates_covering(tx, data.currency)
        now = utc_now()
        deal = rules.new_deal(
            data, deal_id=tx.deals.new_id(), pipeline=pipeline, currency=rates.base, by=caller.uid, now=now
        )
        return save_deal(tx, None, deal, pipeline, rates, now)

    return transactions.run(work, lock=[f"customers/{data.customer_id}"])


def get_deal(reader: DealReader, deal_id: str, caller: Caller) -> Deal:
    return _visible(reader.get(deal_id), deal_id, caller)


def list_deals(reader: DealReader, params: DealListParams, caller: Caller) -> DealsPage:
    """One page of the deals matching ``params``; a rep's list holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's deals.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    deals, page = reader.list(params)
    return DealsPage(
        results=deals, total=page.total, total_exact=page.total_exact, page=page.page,
        page_size=params.page_size, next_cursor=page.next_cursor,
    )


def update_deal(transactions: Transactions, deal_id: str, data: DealUpdate, caller: Caller,
                if_match: str | None = None) -> Deal:
    """Apply the fields present in ``data``; only a manager or admin gives the deal to someone else.

    Raises:
        NotFoundError: no such deal (that the caller may see).
        PermissionDeniedError: a rep named another owner.
    """
    access.check_owner_change(caller, data)

    def change(tx: CrmTransaction, deal: Deal, pipeline: Pipeline, now: datetime) -> tuple[Deal, Pipeline]:
        require_version(deal, if_match, "deal")
        if data.currency:
            rates_covering(tx, data.currency)
        return rules.apply_update(deal, data, now=now), pipeline

    return _change(transactions, deal_id, caller, change)


def delete_deal(transactions: Transactions, deal_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Delete a deal; a won deal's value leaves its customer's lifetime value."""

    def work(tx: CrmTransaction) -> None:
        deal = _visible(tx.deals.get(deal_id), deal_id, caller)
        require_version(deal, if_match, "deal")
        _follow_customer(tx, deal, None, tx.config.currency_rates(), utc_now())
        tx.stats.record(deal, None)
        tx.deals.delete(deal_id)

    transactions.run(work, lock=_deal_locks(transactions, deal_id))


def advance_deal(transactions: Transactions, deal_id: str, caller: Caller) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.advance(deal, pipeline, by=caller.uid, now=now), pipeline))


def move_deal(transactions: Transactions, deal_id: str, move: StageMove, caller: Caller) -> Deal:
    def change(tx: CrmTransaction, deal: Deal, pipeline: Pipeline, now: datetime) -> tuple[Deal, Pipeline]:
        target = pipeline
        if move.pipeline_id and move.pipeline_id != deal.pipeline_id:
            target = tx.pipelines.get(move.pipeline_id)
            if target is None:
                raise invalid("pipeline_id", f"pipeline {move.pipeline_id} does not exist")
        return transitions.move(deal, target, move.stage, reason=move.reason, by=caller.uid, now=now), target

    return _change(transactions, deal_id, caller, change)


def mark_deal_won(transactions: Transactions, deal_id: str, caller: Caller) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.mark_won(deal, pipeline, by=caller.uid, now=now), pipeline))


def mark_deal_lost(transactions: Transactions, deal_id: str, reason: str, caller: Caller) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.mark_lost(deal, pipeline, reason, by=caller.uid, now=now), pipeline))


def reopen_deal(transactions: Transactions, deal_id: str, stage: str | None, caller: Caller) -> Deal:
    return _change(transactions, deal_id, caller, lambda tx, deal, pipeline, now: (
        transitions.reopen(deal, pipeline, stage, by=caller.uid, now=now), pipeline))


Change = Callable[["CrmTransaction", Deal, Pipeline, datetime], tuple[Deal, Pipeline]]


def _change(transactions: Transactions, deal_id: str, caller: Caller, change: Change) -> Deal:
    def work(tx: CrmTransaction) -> Deal:
        deal = _visible(tx.deals.get(deal_id), deal_id, caller)
        pipeline = tx.pipelines.get(deal.pipeline_id)
        if pipeline is None:
            raise LookupError(f"deal {deal_id} is in missing pipeline {deal.pipeline_id}")
        now = utc_now()
        updated, target = change(tx, deal, pipeline, now)
        return save_deal(tx, deal, updated, target, tx.config.currency_rates(), now)

    return transactions.run(work, lock=_deal_locks(transactions, deal_id))


def _deal_locks(transactions: Transactions, deal_id: str) -> list[str]:
    customer_id = transactions.customer_of_deal(deal_id)
    return [f"deals/{deal_id}"] + ([f"customers/{customer_id}"] if customer_id else [])


def save_deal(tx: CrmTransaction, before: Deal | None, after: Deal, pipeline: Pipeline, rates: CurrencyRates,
          now: datetime) -> Deal:
    after = _follow_customer(tx, before, after, rates, now)
    tx.stats.record(before, after)
    tx.deals.put(after, pipeline)
    tx.config.note_deal_dimensions(after.owner_id, after.currency)
    return after


def _follow_customer(tx: CrmTransaction, before: Deal | None, after: Deal | None, rates: CurrencyRates,
                     now: datetime) -> Deal | None:
    """Keep the customer's lifetime value and status in step with what its won deals are worth."""
    held = before.won_base_cents if before else 0
    worth = 0
    if after is not None and after.status is DealStatus.WON:
        unchanged = before is not None and before.status is DealStatus.WON and (before.value, before.currency) == (
            after.value, after.currency)
        worth = held if unchanged else transitions.won_value_in_base(after, rates)
        after = after.model_copy(update={"won_base_cents": worth})
    elif after is not None:
        after = after.model_copy(update={"won_base_cents": 0})
    newly_won = after is not None and after.status is DealStatus.WON and (
        before is None or before.status is not DealStatus.WON)
    deal = after or before
    if worth != held or newly_won:
        customer = tx.customers.get(deal.customer_id)
        if customer is not None:
            tx.customers.put(credit_lifetime_value(customer, worth - held, won_deal=newly_won, now=now), customer)
    return after


def pipeline_for(tx: CrmTransaction, pipeline_id: str | None) -> Pipeline:
    if pipeline_id is None:
        return tx.pipelines.default()
    pipeline = tx.pipelines.get(pipeline_id)
    if pipeline is None:
        raise invalid("pipeline_id", f"pipeline {pipeline_id} does not exist")
    return pipeline


def rates_covering(tx: CrmTransaction, currency: str | None) -> CurrencyRates:
    rates = tx.config.currency_rates()
    if currency and not rates.covers(currency):
        raise invalid(
            "currency",
            f"no exchange rate from {currency} to {rates.base}: add one with PUT /api/crm/settings/currency-rates",
        )
    return rates


def visible_customer(tx: CrmTransaction, customer_id: str, caller: Caller) -> Customer:
    """The active customer a new record is for; one the caller may not see is answered as missing.

    Raises:
        ValidationFailedError: on ``customer_id``.
    """
    customer = tx.customers.get_active(customer_id)
    if customer is None or not access.sees(caller, customer.owner_id):
        raise invalid("customer_id", f"customer {customer_id} does not exist or is deleted")
    return customer


def _visible(deal: Deal | None, deal_id: str, caller: Caller) -> Deal:
    if deal is None or not access.sees(caller, deal.owner_id):
        raise _not_found(deal_id)
    return deal


def _not_found(deal_id: str) -> NotFoundError:
    return NotFoundError(f"deal {deal_id} not found")
