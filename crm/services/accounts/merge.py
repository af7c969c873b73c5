"""Merging duplicates: a resumable, idempotent process of small transactions with its plan and checkpoint recorded.

1. Start: check the survivor and the customers it absorbs (active, visible, not in another merge, none above the
   survivor in the account hierarchy, the combined record within a customer's limits, the people within theirs),
   record the merge (``moving``) and lock the customers to it. The merge's id comes from the customers, so asking
   again resumes it.
2. For each absorbed customer: move its people, deals, orders, activities and sub-accounts to the survivor, a batch
   per transaction (a won deal's or delivered order's credit moves with it, between the two lifetime values; each
   deal also moves between the customers' running totals); then fold it in: in one transaction that first checks
   nothing is left behind, the survivor takes its contacts (and emails), notes, owned items, tags, linked users, the
   rest of its lifetime value and the fields it lacks, and it is deleted with ``merged_into``. Records added to it
   meanwhile are moved in another round.
3. Finish: the merge is ``done`` and the locks released.

An interruption between transactions loses nothing: every record is with one customer or the other, each lifetime
value holds what is attached to it, and repeating the request goes on from where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TypeVar

from crm.domain import access
from crm.domain.accounts.hierarchy import MAX_DEPTH
from crm.domain.accounts.merge import (
    BATCH_SIZE,
    Merge,
    MergeRequest,
    MergeResult,
    MergeState,
    RecordKind,
    absorbed_away,
    combine,
    merge_id,
    require_merger,
)
from crm.domain.common import from_cents, utc_now
from crm.domain.customers import Customer
from crm.domain.people import persons as people_rules
from crm.errors import AbortedError, FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.ports import Transaction, Transactions

T = TypeVar("T")
MAX_ROUNDS = 3


def merge_customers(transactions: Transactions, target_id: str, request: MergeRequest, caller: Caller, *,
                    batch_size: int = BATCH_SIZE) -> MergeResult:
    """Make ``target_id`` absorb the customers of ``request``; repeating the same request resumes or answers the
    finished merge.

    Raises:
        PermissionDeniedError: the caller is not a manager or admin.
        NotFoundError: the survivor does not exist or is deleted.
        ValidationFailedError: on ``from``: a customer that does not exist, is deleted, or is the survivor.
        FailedPreconditionError: a customer is in another merge, above the survivor in the hierarchy, or the
            combined customer would pass a limit.
        AlreadyExistsError: an absorbed email was taken by another customer meanwhile.
        AbortedError: records kept being added to an absorbed customer while it was moved.
    """
    require_merger(caller)
    if target_id in request.from_ids:
        raise invalid("from", "a customer cannot absorb itself")
    locks = [f"customers/{i}" for i in (target_id, *request.from_ids)]

    def run(work: Callable[[Transaction], T], absorbed_id: str | None = None) -> T:
        lock = [f"customers/{target_id}"] + ([f"customers/{absorbed_id}"] if absorbed_id else [])
        return transactions.run(work, actor=caller, lock=lock)

    merge = transactions.run(partial(_start, target_id=target_id, from_ids=request.from_ids, caller=caller),
                             actor=caller, lock=locks)
    for absorbed_id in [i for i in merge.from_ids if i not in merge.merged]:
        for _ in range(MAX_ROUNDS):
            for kind in RecordKind:
                while run(partial(_move_batch, merge_id=merge.id, kind=kind, absorbed_id=absorbed_id,
                                  size=batch_size), absorbed_id) == batch_size:
                    pass
            if run(partial(_fold_in, merge_id=merge.id, absorbed_id=absorbed_id), absorbed_id):
                break
        else:
            raise AbortedError(f"records kept being added to customer {absorbed_id} while it was merged; repeat the "
                               "request to finish the merge")
    return transactions.run(partial(_finish, merge_id=merge.id), actor=caller, lock=locks)


def _start(tx: Transaction, *, target_id: str, from_ids: list[str], caller: Caller) -> Merge:
    mid = merge_id(target_id, from_ids)
    existing = tx.merges.get(mid)
    if existing is not None and (existing.state is MergeState.MOVING or _still_merged(tx, existing)):
        return existing
    target = tx.customers.get_active(target_id)
    if target is None or not access.sees(caller, target.owner_id):
        raise NotFoundError(f"customer {target_id} not found")
    absorbed = []
    for absorbed_id in from_ids:
        customer = tx.customers.get_active(absorbed_id)
        if customer is None or not access.sees(caller, customer.owner_id):
            raise invalid("from", f"customer {absorbed_id} does not exist or is deleted")
        absorbed.append(customer)
    busy = {cid: other for cid, other in tx.merges.locks([target_id, *from_ids]).items() if other != mid}
    for customer_id, other in sorted(busy.items()):
        raise FailedPreconditionError(f"customer {customer_id} is in another merge ({other}): finish that one first "
                                      "by repeating its request")
    _refuse_ancestors(tx, target, set(from_ids))
    now = utc_now()
    combined = target
    for customer in absorbed:
        combined = combine(combined, customer, now=now)
    people = tx.account_totals.people(target_id) + sum(tx.account_totals.people(i) for i in from_ids)
    if people > people_rules.MAX_PEOPLE_PER_CUSTOMER:
        raise FailedPreconditionError(f"together they have {people} people, more than a customer holds "
                                      f"({people_rules.MAX_PEOPLE_PER_CUSTOMER}); delete some first")
    merge = Merge(id=mid, target_id=target_id, from_ids=list(from_ids), state=MergeState.MOVING, by=caller.uid,
                  started_at=now)
    tx.merges.put(merge)
    tx.merges.lock([target_id, *from_ids], mid)
    return merge


def _still_merged(tx: Transaction, merge: Merge) -> bool:
    """Whether a finished merge still stands (none of its absorbed customers restored since), so that asking for it
    again answers it rather than merging anew."""
    return all((c := tx.customers.get(i)) is not None and c.merged_into == merge.target_id for i in merge.from_ids)


def _refuse_ancestors(tx: Transaction, target: Customer, absorbed: set[str]) -> None:
    """An absorbed customer above the survivor would make the survivor its own ancestor once its children move."""
    node: Customer | None = target
    for _ in range(MAX_DEPTH):
        if node is None or node.parent_id is None:
            return
        if node.parent_id in absorbed:
            raise FailedPreconditionError(f"customer {node.parent_id} is a parent account above {target.id}: merge "
                                          f"the other way round, or change {target.id}'s parent account first")
        node = tx.customers.get(node.parent_id)


def _moving(tx: Transaction, merge_id: str) -> tuple[Merge, Customer]:
    merge = tx.merges.get(merge_id)
    if merge is None or merge.state is not MergeState.MOVING:
        raise FailedPreconditionError(f"merge {merge_id} is not in progress")
    target = tx.customers.get_active(merge.target_id)
    if target is None:
        raise FailedPreconditionError(f"the surviving customer {merge.target_id} is deleted: restore it, then repeat "
                                      "the merge to finish it")
    return merge, target


def _move_batch(tx: Transaction, *, merge_id: str, kind: RecordKind, absorbed_id: str, size: int) -> int:
    """Move up to ``size`` records of ``kind`` from the absorbed customer to the survivor; returns how many."""
    merge, target = _moving(tx, merge_id)
    records = tx.merges.records_of(kind, absorbed_id, size)
    if not records:
        return 0
    now = utc_now()
    credit = 0
    if kind is RecordKind.PEOPLE:
        _move_people(tx, records, target, now)
    elif kind is RecordKind.DEALS:
        for deal in records:
            pipeline = tx.pipelines.get(deal.pipeline_id)
            if pipeline is None:
                raise LookupError(f"deal {deal.id} is in missing pipeline {deal.pipeline_id}")
            moved = deal.model_copy(update={"customer_id": target.id, "updated_at": now})
            tx.stats.record(deal, moved)
            tx.deals.put(moved, pipeline)
            credit += deal.won_base_cents
    elif kind is RecordKind.ORDERS:
        for order in records:
            tx.orders.put(order.model_copy(update={"customer_id": target.id, "updated_at": now}), order)
            credit += order.ltv_base_cents
    elif kind is RecordKind.ACTIVITIES:
        for activity in records:
            tx.activities.put(activity.model_copy(update={"customer_id": target.id, "updated_at": now}))
    else:
        for child in records:
            parent = None if child.id == target.id else target.id
            tx.customers.put(child.model_copy(update={"parent_id": parent, "updated_at": now}), child)
    if credit:
        _move_credit(tx, absorbed_id, target, credit, now)
    moved_counts = merge.moved.model_copy(update={kind.value: getattr(merge.moved, kind.value) + len(records)})
    tx.merges.put(merge.model_copy(update={"moved": moved_counts}))
    return len(records)


def _move_people(tx: Transaction, people: list[people_rules.Person], target: Customer, now: datetime) -> None:
    arriving = sum(1 for person in people if person.active)
    room = people_rules.MAX_PEOPLE_PER_CUSTOMER - tx.account_totals.people(target.id)
    if arriving > room:
        raise FailedPreconditionError(f"customer {target.id} has room for {max(room, 0)} more people, not "
                                      f"{arriving}: delete some, then repeat the merge")
    has_primary = bool(tx.people.primaries(target.id))
    for person in people:
        moved = people_rules.moved_to(person, target, keeps_primary=person.active and not has_primary, now=now)
        has_primary = has_primary or (moved.primary and moved.active)
        tx.people.put(moved, person)


def _move_credit(tx: Transaction, absorbed_id: str, target: Customer, cents: int, now: datetime) -> None:
    """What moved records credited (won deals, delivered orders) leaves the absorbed lifetime value for the
    survivor's."""
    absorbed = tx.customers.get(absorbed_id)
    amount = from_cents(cents)
    if absorbed is not None:
        tx.customers.put(absorbed.model_copy(update={"lifetime_value": absorbed.lifetime_value - amount,
                                                     "updated_at": now}), absorbed)
    tx.customers.put(target.model_copy(update={"lifetime_value": target.lifetime_value + amount, "updated_at": now}),
                     target)


def _fold_in(tx: Transaction, *, merge_id: str, absorbed_id: str) -> bool:
    """Fold the absorbed customer's own data into the survivor and delete it; False (writing nothing) when records
    of it are left to move."""
    merge, target = _moving(tx, merge_id)
    if any(tx.merges.records_of(kind, absorbed_id, 1) for kind in RecordKind):
        return False
    absorbed = tx.customers.get(absorbed_id)
    if absorbed is None:
        raise LookupError(f"customer {absorbed_id} is gone")
    now = utc_now()
    combined = combine(target, absorbed, now=now)
    tx.customers.put(absorbed_away(absorbed, target, now=now), absorbed)
    tx.customers.put(combined, target)
    tx.merges.put(merge.model_copy(update={"merged": [*merge.merged, absorbed_id]}))
    return True


def _finish(tx: Transaction, *, merge_id: str) -> MergeResult:
    merge = tx.merges.get(merge_id)
    if merge is None:
        raise LookupError(f"merge {merge_id} is gone")
    target = tx.customers.get(merge.target_id)
    if target is None:
        raise LookupError(f"customer {merge.target_id} is gone")
    if merge.state is MergeState.MOVING:
        merge = merge.model_copy(update={"state": MergeState.DONE, "finished_at": utc_now()})
        tx.merges.put(merge)
        tx.merges.unlock([merge.target_id, *merge.from_ids])
    return MergeResult(merge=merge, customer=target)
