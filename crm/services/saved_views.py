"""Saved view use cases: list the views a caller may use, read one, save one (private, or shared by a manager or
admin), change or delete one's own."""

from __future__ import annotations

from crm.domain import saved_views as rules
from crm.domain.common import require_version, utc_now
from crm.domain.saved_views import (
    MAX_VIEWS_PER_OWNER,
    SavedView,
    SavedViewCreate,
    SavedViewListParams,
    SavedViewsPage,
    SavedViewUpdate,
)
from crm.errors import FailedPreconditionError
from crm.identity import Caller
from crm.services.ports import SavedViewReader, Transaction, Transactions


def list_views(reader: SavedViewReader, params: SavedViewListParams, caller: Caller) -> SavedViewsPage:
    """The caller's own views and every shared one (of ``params.resource`` if given), by name."""
    found = {view.id: view for view in reader.visible_to(caller.uid, params.resource)}
    views = rules.by_name(list(found.values()))
    return SavedViewsPage(results=views, total=len(views))


def get_view(reader: SavedViewReader, view_id: str, caller: Caller) -> SavedView:
    return rules.visible(reader.get(view_id), view_id, caller)


def create_view(transactions: Transactions, data: SavedViewCreate, caller: Caller) -> SavedView:
    """Save a view owned by the caller.

    Raises:
        PermissionDeniedError: a shared view from a rep or viewer.
        FailedPreconditionError: the caller already has MAX_VIEWS_PER_OWNER views of that list.
    """

    def work(tx: Transaction) -> SavedView:
        if len(tx.views.owned_by(caller.uid, data.resource, MAX_VIEWS_PER_OWNER)) >= MAX_VIEWS_PER_OWNER:
            raise FailedPreconditionError(f"you have {MAX_VIEWS_PER_OWNER} saved views of {data.resource.value}, "
                                          "the most one keeps: delete one first")
        view = rules.new_view(data, view_id=tx.views.new_id(), caller=caller, now=utc_now())
        tx.views.put(view)
        return view

    return transactions.run(work, actor=caller, lock=[f"views-of/{caller.uid}"])


def update_view(transactions: Transactions, view_id: str, data: SavedViewUpdate, caller: Caller,
                if_match: str | None = None) -> SavedView:
    """Change the caller's own view.

    Raises:
        NotFoundError: no such view, or another's private one.
        PermissionDeniedError: another's shared view, or sharing by a rep or viewer.
        PreconditionFailedError: the view changed since ``if_match``.
    """

    def work(tx: Transaction) -> SavedView:
        view = rules.visible(tx.views.get(view_id), view_id, caller)
        rules.require_owner(view, caller)
        require_version(view, if_match, "view")
        changed = rules.apply_update(view, data, caller=caller, now=utc_now())
        tx.views.put(changed)
        return changed

    return transactions.run(work, actor=caller, lock=[f"views/{view_id}"])


def delete_view(transactions: Transactions, view_id: str, caller: Caller, if_match: str | None = None) -> None:
    """Delete the caller's own view.

    Raises:
        NotFoundError: no such view, or another's private one.
        PermissionDeniedError: another's shared view.
    """

    def work(tx: Transaction) -> None:
        view = rules.visible(tx.views.get(view_id), view_id, caller)
        rules.require_owner(view, caller)
        require_version(view, if_match, "view")
        tx.views.delete(view_id)

    transactions.run(work, actor=caller, lock=[f"views/{view_id}"])
