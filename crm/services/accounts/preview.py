"""What a merge would do, before it is done: what moves from each absorbed customer, what the survivor becomes, and
any reason it would be refused; read from the customers, their running totals and a few counts."""

from __future__ import annotations

from crm.domain import access
from crm.domain.accounts.duplicates import CustomerRef
from crm.domain.accounts.hierarchy import MAX_DEPTH
from crm.domain.accounts.merge import (
    AbsorbedPreview,
    CombinedPreview,
    MergePreview,
    MergeRequest,
    RecordKind,
    combined_record,
    limit_problems,
    require_merger,
)
from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.domain.people.persons import MAX_PEOPLE_PER_CUSTOMER
from crm.identity import Caller
from crm.services.customers import get_customer
from crm.services.lookups import invalid
from crm.services.ports import AccountReader, CustomerReader


def merge_preview(customers: CustomerReader, accounts: AccountReader, target_id: str, request: MergeRequest,
                  caller: Caller) -> MergePreview:
    """Raises:
        PermissionDeniedError: the caller is not a manager or admin.
        NotFoundError: the survivor does not exist (or is deleted, or is not the caller's to see).
        ValidationFailedError: on ``from``.
    """
    require_merger(caller)
    target = get_customer(customers, target_id, caller)
    if target_id in request.from_ids:
        raise invalid("from", "a customer cannot absorb itself")
    absorbed: list[Customer] = []
    for absorbed_id in request.from_ids:
        customer = customers.get(absorbed_id)
        if customer is None or customer.deleted_at is not None or not access.sees(caller, customer.owner_id):
            raise invalid("from", f"customer {absorbed_id} does not exist or is deleted")
        absorbed.append(customer)
    now = utc_now()
    combined = target
    moving = []
    people = int(accounts.totals(target_id).get("people", 0))
    for customer in absorbed:
        combined = combined_record(combined, customer, now=now)
        totals = accounts.totals(customer.id)
        deals = sum(int(cell.get("n", 0)) for status in (totals.get("deals") or {}).values()
                    for cell in status.values())
        people += int(totals.get("people", 0))
        moving.append(AbsorbedPreview(
            customer=CustomerRef(id=customer.id, name=customer.name), people=int(totals.get("people", 0)),
            deals=deals, orders=accounts.count(RecordKind.ORDERS, customer.id),
            activities=accounts.count(RecordKind.ACTIVITIES, customer.id),
            sub_accounts=accounts.count(RecordKind.SUB_ACCOUNTS, customer.id), contacts=len(customer.contacts),
            notes=len(customer.notes), owned_items=len(customer.owned_items), tags=customer.tags,
            linked_users=len(customer.linked_user_ids), lifetime_value=str(customer.lifetime_value)))
    problems = limit_problems(combined)
    if people > MAX_PEOPLE_PER_CUSTOMER:
        problems.append(f"{people} people (at most {MAX_PEOPLE_PER_CUSTOMER})")
    problems += _ancestor_problems(customers, target, set(request.from_ids))
    result = CombinedPreview(contacts=len(combined.contacts), notes=len(combined.notes),
                             owned_items=len(combined.owned_items), tags=combined.tags,
                             linked_users=len(combined.linked_user_ids), lifetime_value=str(combined.lifetime_value),
                             status=combined.status)
    return MergePreview(target=CustomerRef(id=target.id, name=target.name), absorbed=moving, combined=result,
                        problems=problems)


def _ancestor_problems(customers: CustomerReader, target: Customer, absorbed: set[str]) -> list[str]:
    node: Customer | None = target
    for _ in range(MAX_DEPTH):
        if node is None or node.parent_id is None:
            return []
        if node.parent_id in absorbed:
            return [f"customer {node.parent_id} is a parent account above {target.id}: merge the other way round"]
        node = customers.get(node.parent_id)
    return []
