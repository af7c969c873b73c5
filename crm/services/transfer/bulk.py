"""Bulk actions: the same change to many records, each through the use case the API runs for one record (so each
is checked for access and changed in its own transaction, and audited), each id's result reported."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from crm.domain import access
from crm.domain.activities import ActivityStatus, ActivityUpdate
from crm.domain.customers import CustomerStatus, CustomerUpdate
from crm.domain.deals import DealUpdate, StageMove
from crm.domain.transfer.bulk import BulkAction, BulkChange, BulkItemResult, BulkRequest, BulkResult
from crm.domain.transfer.kinds import TransferKind
from crm.errors import CrmError, FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services import activities, customers, deals
from crm.services.ports import Transaction, Transactions

PARALLEL = 4


def _tags(transactions: Transactions, customer_id: str, request: BulkChange, caller: Caller) -> None:
    """Add or remove tags reading the customer's current tags in the same transaction as the change."""
    add = request.action is BulkAction.ADD_TAGS
    wanted = request.tags or []

    def work(tx: Transaction) -> None:
        current = tx.customers.get_active(customer_id)
        if current is None or not access.sees(caller, current.owner_id):
            raise NotFoundError(f"customer {customer_id} not found")
        tags = list(dict.fromkeys([*current.tags, *wanted])) if add else [t for t in current.tags if t not in wanted]
        if tags != current.tags:
            from crm.domain import customers as rules
            from crm.domain.common import utc_now

            update = CustomerUpdate(tags=tags)
            tx.customers.put(rules.apply_update(current, update, now=utc_now()), current)

    transactions.run(work, actor=caller, lock=[f"customers/{customer_id}"])


def _customer_action(transactions: Transactions, request: BulkChange, caller: Caller) -> Callable[[str], None]:
    action = request.action
    if action in (BulkAction.ADD_TAGS, BulkAction.REMOVE_TAGS):
        return lambda i: _tags(transactions, i, request, caller)
    if action is BulkAction.REASSIGN:
        return lambda i: _ignore(customers.update_customer(transactions, i, CustomerUpdate(owner_id=request.owner_id),
                                                           caller))
    if action is BulkAction.SET_STATUS:
        update = CustomerUpdate(status=CustomerStatus(request.status or ""))
        return lambda i: _ignore(customers.update_customer(transactions, i, update, caller))
    if action is BulkAction.DELETE:
        return lambda i: customers.delete_customer(transactions, i, caller)
    return lambda i: _ignore(customers.restore_customer(transactions, i, caller))


def _deal_action(transactions: Transactions, request: BulkChange, caller: Caller) -> Callable[[str], None]:
    if request.action in (BulkAction.ADD_TAGS, BulkAction.REMOVE_TAGS):
        tags, adds = request.tags or [], request.action is BulkAction.ADD_TAGS
        return lambda i: _ignore(deals.retag_deal(transactions, i, caller, add=tags if adds else (),
                                                  remove=() if adds else tags))
    if request.action is BulkAction.REASSIGN:
        update = DealUpdate(owner_id=request.owner_id)
        return lambda i: _ignore(deals.update_deal(transactions, i, update, caller))
    if request.action is BulkAction.MOVE_STAGE:
        move = StageMove(stage=request.stage or "", pipeline_id=request.pipeline_id, reason=request.reason)
        return lambda i: _ignore(deals.move_deal(transactions, i, move, caller))
    return lambda i: deals.delete_deal(transactions, i, caller)


def _activity_action(transactions: Transactions, request: BulkChange, caller: Caller) -> Callable[[str], None]:
    if request.action is BulkAction.REASSIGN:
        update = ActivityUpdate(owner_id=request.owner_id)
        return lambda i: _ignore(activities.update_activity(transactions, i, update, caller))
    if request.action is BulkAction.SET_STATUS:
        update = ActivityUpdate(status=ActivityStatus(request.status or ""))
        return lambda i: _ignore(activities.update_activity(transactions, i, update, caller))
    return lambda i: activities.delete_activity(transactions, i, caller)


ACTIONS = {TransferKind.CUSTOMERS: _customer_action, TransferKind.DEALS: _deal_action,
           TransferKind.ACTIVITIES: _activity_action}


def _ignore(_: object) -> None:
    return None


def bulk_change(transactions: Transactions, kind: TransferKind, request: BulkChange, ids: list[str],
                caller: Caller) -> BulkResult:
    """Apply ``request`` to each of ``ids`` (a few at a time), each in its own transaction through the API's use
    case, which checks the caller may see and change the record; an id the caller may not see is not found.

    Raises:
        PermissionDeniedError: the action gives records to another owner and the caller may not.
    """
    if request.action is BulkAction.REASSIGN:
        access.check_owner_change(caller, CustomerUpdate(owner_id=request.owner_id))
    apply = ACTIONS[kind](transactions, request, caller)

    def one(record_id: str) -> BulkItemResult:
        try:
            apply(record_id)
        except CrmError as error:
            return BulkItemResult(id=record_id, ok=False, code=error.code, message=error.message)
        return BulkItemResult(id=record_id, ok=True)

    unique = list(dict.fromkeys(ids))
    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(one, unique))
    ok = sum(r.ok for r in results)
    return BulkResult(action=request.action, results=results, succeeded=ok, failed=len(results) - ok)


def unsupported(kind: TransferKind, request: BulkChange) -> FailedPreconditionError | None:
    try:
        request.check_kind(kind)
    except ValueError as exc:
        return FailedPreconditionError(str(exc), [{"field": "action", "message": str(exc)}])
    return None


def bulk_request(transactions: Transactions, kind: TransferKind, request: BulkRequest, caller: Caller) -> BulkResult:
    """Apply ``request`` to each of its ids, each id's result in the answer.

    Raises:
        FailedPreconditionError: the kind has no such action.
        PermissionDeniedError: a rep gives records to someone else.
    """
    refused = unsupported(kind, request)
    if refused:
        raise refused
    return bulk_change(transactions, kind, request, request.ids, caller)
