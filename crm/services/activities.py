"""Activity use cases: create, read, list, change, complete and delete, keeping the customer's last activity."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from crm.domain import access
from crm.domain import activities as rules
from crm.domain.activities import ActivitiesPage, Activity, ActivityCreate, ActivityUpdate
from crm.domain.activity_queries import ActivityListParams
from crm.domain.common import require_version, utc_now
from crm.domain.deals import with_next_activity
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.lookups import invalid, visible_customer
from crm.services.people.links import check_changed_person, check_person
from crm.services.ports import ActivityReader, Transaction, Transactions

Links = tuple[str, str | None]


def create_activity(transactions: Transactions, data: ActivityCreate, caller: Caller) -> Activity:
    """Record an activity about an active customer, an existing deal, or both.

    Raises:
        PermissionDeniedError: a rep named another owner.
        ValidationFailedError: the customer or deal does not exist (or the customer is deleted, or either is not
            the caller's to see), or the deal belongs to another customer.
    """
    access.check_owner_change(caller, data)

    def work(tx: Transaction) -> Activity:
        customer_id, _ = _links(tx, data.customer_id, data.deal_id, caller)
        if data.person_id is not None:
            check_person(tx, data.person_id, customer_id, caller)
        now = utc_now()
        activity = rules.new_activity(
            data, activity_id=tx.activities.new_id(), customer_id=customer_id, by=caller.uid, now=now
        )
        return _save(tx, None, activity)

    locks = [f"customers/{data.customer_id}"] if data.customer_id else []
    locks += [f"deals/{data.deal_id}"] if data.deal_id else []
    return transactions.run(work, actor=caller, lock=locks)


def get_activity(reader: ActivityReader, activity_id: str, caller: Caller) -> Activity:
    return _visible(reader.get(activity_id), activity_id, caller)


def list_activities(reader: ActivityReader, params: ActivityListParams, caller: Caller) -> ActivitiesPage:
    """One page of the activities matching ``params``; a rep's list holds only their own.

    Raises:
        PermissionDeniedError: a rep asked for another owner's activities.
    """
    params = params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})
    return ActivitiesPage.of(reader.list(params), params.page_size)


def update_activity(transactions: Transactions, activity_id: str, data: ActivityUpdate, caller: Caller,
                    if_match: str | None = None) -> Activity:
    """Change the fields given; new links are checked as on create, and completed_at follows the status.

    Raises:
        NotFoundError: no such activity (that the caller may see).
        PermissionDeniedError: a rep named another owner.
        ValidationFailedError: a new customer or deal link is not valid.
        FailedPreconditionError: a cancelled activity set to completed.
    """
    access.check_owner_change(caller, data)

    def change(tx: Transaction, activity: Activity, now: datetime) -> Activity:
        require_version(activity, if_match, "activity")
        customer_id, deal_id = _links_after(tx, activity, data, caller)
        person_id = data.person_id if "person_id" in data.model_fields_set else activity.person_id
        check_changed_person(tx, person_id, customer_id, caller, was=(activity.person_id, activity.customer_id))
        return rules.apply_update(activity, data, customer_id=customer_id, deal_id=deal_id, now=now)

    return _change(transactions, activity_id, caller, change)


def complete_activity(transactions: Transactions, activity_id: str, caller: Caller) -> Activity:
    """Mark an activity completed now.

    Raises:
        NotFoundError: no such activity.
        FailedPreconditionError: the activity is already completed, or cancelled.
    """
    return _change(transactions, activity_id, caller, lambda tx, activity, now: rules.complete(activity, now=now))


def delete_activity(transactions: Transactions, activity_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Delete an activity; the customer's last_activity_at keeps the time it reached."""

    def work(tx: Transaction) -> None:
        activity = _visible(tx.activities.get(activity_id), activity_id, caller)
        require_version(activity, if_match, "activity")
        _keep_deals_next_activity(tx, activity, None)
        tx.activities.delete(activity_id)

    transactions.run(work, actor=caller, lock=[f"activities/{activity_id}"])


Change = Callable[[Transaction, Activity, datetime], Activity]


def _change(transactions: Transactions, activity_id: str, caller: Caller, change: Change) -> Activity:
    def work(tx: Transaction) -> Activity:
        activity = _visible(tx.activities.get(activity_id), activity_id, caller)
        return _save(tx, activity, change(tx, activity, utc_now()))

    return transactions.run(work, actor=caller, lock=[f"activities/{activity_id}"])


def _save(tx: Transaction, before: Activity | None, activity: Activity) -> Activity:
    """Stage the activity's write, and in the same transaction move its customer's last_activity_at up to it and keep
    the next activity of its deal (and of the deal it leaves) in step."""
    customer = tx.customers.get(activity.customer_id)
    touched = rules.touch_customer(customer, activity) if customer is not None else None
    _keep_deals_next_activity(tx, before, activity)
    if touched is not None:
        tx.customers.put(touched, customer)
    tx.activities.put(activity)
    return activity


def _keep_deals_next_activity(tx: Transaction, before: Activity | None, after: Activity | None) -> None:
    """Set ``next_activity_at`` of the deals the activity was and is linked to, as they are once it changes."""
    changed = after or before
    if changed is None:
        return
    deal_ids = {a.deal_id for a in (before, after) if a is not None and a.deal_id is not None}
    now = utc_now()
    for deal_id in sorted(deal_ids):
        deal = tx.deals.get(deal_id)
        if deal is None:
            continue
        linked = after if after is not None and after.deal_id == deal_id else None
        due = rules.next_activity_due(tx.activities.open_for_deal(deal_id, 2), changed.id, linked)
        updated = with_next_activity(deal, due, now=now)
        if updated is not None:
            tx.deals.set_next_activity(updated)


def _links(tx: Transaction, customer_id: str | None, deal_id: str | None, caller: Caller) -> Links:
    """The customer and deal an activity may be linked to: the customer given or the deal's, which must agree.
    Records the caller may not see count as missing.

    Raises:
        ValidationFailedError: on the field at fault.
    """
    if deal_id is not None:
        deal = tx.deals.get(deal_id)
        if deal is None or not access.sees(caller, deal.owner_id):
            raise invalid("deal_id", f"deal {deal_id} does not exist")
        if customer_id is not None and deal.customer_id != customer_id:
            raise invalid("deal_id", f"deal {deal_id} belongs to customer {deal.customer_id}, not {customer_id}")
        if customer_id is None and tx.customers.get_active(deal.customer_id) is None:
            raise invalid("deal_id", f"deal {deal_id} belongs to customer {deal.customer_id}, which is deleted")
        customer_id = deal.customer_id
    if customer_id is None:
        raise invalid("customer_id", "an activity needs a customer_id, a deal_id or both")
    visible_customer(tx, customer_id, caller)
    return customer_id, deal_id


def _links_after(tx: Transaction, activity: Activity, data: ActivityUpdate, caller: Caller) -> Links:
    """The links after ``data``: checked as on create when they change; a new deal alone brings its customer,
    a cleared deal leaves the customer as it was."""
    given = data.model_fields_set
    deal_id = data.deal_id if "deal_id" in given else activity.deal_id
    if "customer_id" not in given:
        if deal_id is None or deal_id == activity.deal_id:
            return activity.customer_id, deal_id
        return _links(tx, None, deal_id, caller)
    if (data.customer_id, deal_id) == (activity.customer_id, activity.deal_id):
        return activity.customer_id, deal_id
    return _links(tx, data.customer_id, deal_id, caller)


def _visible(activity: Activity | None, activity_id: str, caller: Caller) -> Activity:
    if activity is None or not access.sees(caller, activity.owner_id):
        raise _not_found(activity_id)
    return activity


def _not_found(activity_id: str) -> NotFoundError:
    return NotFoundError(f"activity {activity_id} not found")
