"""Saved view use cases on in-memory repositories: how many one keeps, who changes one, what a list holds."""

from __future__ import annotations

import pytest

from crm.domain.saved_views import MAX_VIEWS_PER_OWNER, SavedViewCreate, SavedViewListParams, SavedViewUpdate
from crm.errors import FailedPreconditionError, NotFoundError, PermissionDeniedError
from crm.identity import Caller, Role
from crm.services import saved_views as service

MANAGER = Caller(uid="boss", role=Role.MANAGER, via="token")
REP = Caller(uid="rep-ann", role=Role.REP, via="token")


def save(transactions, caller: Caller, **fields):
    body = {"name": "View", "resource": "customers", **fields}
    return service.create_view(transactions, SavedViewCreate.model_validate(body), caller)


def test_an_owner_keeps_at_most_so_many_views_of_a_list(transactions):
    for n in range(MAX_VIEWS_PER_OWNER):
        save(transactions, REP, name=f"View {n}")
    with pytest.raises(FailedPreconditionError):
        save(transactions, REP, name="One too many")
    save(transactions, REP, name="Another list", resource="deals_board")


def test_a_list_holds_ones_own_and_the_shared_views_by_name(transactions, view_reader):
    save(transactions, MANAGER, name="b shared", visibility="shared")
    save(transactions, MANAGER, name="private to the manager")
    save(transactions, REP, name="A mine")
    listed = service.list_views(view_reader, SavedViewListParams(resource="customers"), REP)
    assert [v.name for v in listed.results] == ["A mine", "b shared"]


def test_only_the_owner_changes_a_shared_view(transactions, view_reader):
    shared = save(transactions, MANAGER, visibility="shared")
    other_manager = Caller(uid="boss-2", role=Role.MANAGER, via="token")
    with pytest.raises(PermissionDeniedError):
        service.update_view(transactions, shared.id, SavedViewUpdate(name="Taken"), other_manager)
    with pytest.raises(PermissionDeniedError):
        service.delete_view(transactions, shared.id, other_manager)
    private = save(transactions, MANAGER)
    with pytest.raises(NotFoundError):
        service.get_view(view_reader, private.id, other_manager)
    renamed = service.update_view(transactions, shared.id, SavedViewUpdate(name="Renamed"), MANAGER)
    assert renamed.name == "Renamed" and renamed.visibility.value == "shared"
