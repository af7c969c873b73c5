"""The access policy as pure rules: what each role may do, which records a caller sees, who may name an owner."""

from __future__ import annotations

import pytest

from crm.domain.access import Access, allows, check_owner_change, list_owner, require, sees
from crm.domain.deals import DealUpdate
from crm.errors import PermissionDeniedError
from crm.http.routing import Operation
from crm.identity import Caller, Role

PARTNERS = {Access.PARTNERS, Access.PARTNER_MANAGEMENT}
POLICY: dict[Role | None, set[Access]] = {
    Role.ADMIN: {Access.READ, Access.WRITE, Access.REPORTS, Access.ADMIN, Access.SIGNED_IN, *PARTNERS},
    Role.MANAGER: {Access.READ, Access.WRITE, Access.REPORTS, Access.SIGNED_IN, *PARTNERS},
    Role.REP: {Access.READ, Access.WRITE, Access.SIGNED_IN},
    Role.VIEWER: {Access.READ, Access.REPORTS, Access.SIGNED_IN},
    Role.AFFILIATE: {Access.SIGNED_IN, Access.PARTNERS},
    None: {Access.SIGNED_IN},
}


def caller(role: Role | None, uid: str = "me") -> Caller:
    return Caller(uid=uid, role=role, via="token")


@pytest.mark.parametrize("role", [*Role, None])
@pytest.mark.parametrize("access", list(Access))
def test_each_role_has_exactly_its_access(role, access):
    assert allows(role, access) is (access in POLICY[role])
    if access in POLICY[role]:
        require(caller(role), access)
    else:
        refusal = "access has not been granted yet" if role is None else f"role {role.value} may not"
        with pytest.raises(PermissionDeniedError, match=refusal):
            require(caller(role), access)


@pytest.mark.parametrize(("role", "owner", "seen"), [
    pytest.param(Role.ADMIN, "other", True, id="admin, another's"),
    pytest.param(Role.MANAGER, "other", True, id="manager, another's"),
    pytest.param(Role.VIEWER, "other", True, id="viewer, another's"),
    pytest.param(Role.REP, "me", True, id="rep, own"),
    pytest.param(Role.REP, "other", False, id="rep, another's"),
    pytest.param(Role.REP, None, False, id="rep, unassigned"),
    pytest.param(Role.AFFILIATE, "me", True, id="affiliate, own"),
    pytest.param(Role.AFFILIATE, "other", False, id="affiliate, another's"),
])
def test_who_sees_a_record(role, owner, seen):
    assert sees(caller(role), owner) is seen


@pytest.mark.parametrize(("role", "requested", "limited_to"), [
    pytest.param(Role.MANAGER, None, None, id="manager, everyone's"),
    pytest.param(Role.VIEWER, "other", "other", id="viewer, another's"),
    pytest.param(Role.REP, None, "me", id="rep, unfiltered: own"),
    pytest.param(Role.REP, "me", "me", id="rep, own"),
])
def test_a_list_is_limited_to(role, requested, limited_to):
    assert list_owner(caller(role), requested) == limited_to


def test_a_rep_cannot_list_another_owners_records():
    with pytest.raises(PermissionDeniedError) as refused:
        list_owner(caller(Role.REP), "other")
    assert refused.value.details[0]["field"] == "owner_id"


@pytest.mark.parametrize(("role", "body", "allowed"), [
    pytest.param(Role.REP, {}, True, id="rep, no owner"),
    pytest.param(Role.REP, {"owner_id": "me"}, True, id="rep, self"),
    pytest.param(Role.REP, {"owner_id": "other"}, False, id="rep, another"),
    pytest.param(Role.MANAGER, {"owner_id": "other"}, True, id="manager, another"),
    pytest.param(Role.ADMIN, {"owner_id": "me"}, True, id="admin, self"),
])
def test_who_names_an_owner(role, body, allowed):
    data = DealUpdate.model_validate(body)
    if allowed:
        check_owner_change(caller(role), data)
    else:
        with pytest.raises(PermissionDeniedError) as refused:
            check_owner_change(caller(role), data)
        assert refused.value.details[0]["field"] == "owner_id"


def test_an_operation_must_declare_its_access():
    with pytest.raises(TypeError, match="must declare its access"):
        Operation("/crm/new", "GET", lambda: None, "New", "new")
    with pytest.raises(TypeError, match="public operation needs no access"):
        Operation("/open", "GET", lambda: None, "Open", "service", public=True, access=Access.READ)
    assert Operation("/crm/new", "GET", lambda: None, "New", "new", access=Access.READ).access is Access.READ
