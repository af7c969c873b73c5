"""Unique values in the domain: which values a change claims and releases, and what a conflict tells whom."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crm.domain.claims import CUSTOMER_EMAIL, ORDER_NUMBER, ClaimHolder, value_taken
from crm.domain.customers import Customer
from crm.domain.orders import Order
from crm.identity import Caller, Role

NOW = datetime(2026, 1, 5, tzinfo=UTC)


def customer(*emails: str, deleted: bool = False) -> Customer:
    contacts = [{"type": "email", "value": email} for email in emails]
    return Customer(id="c1", name="Acme", contacts=contacts, language="el", owner_id="rep-a", created_at=NOW,
                    updated_at=NOW, deleted_at=NOW if deleted else None)


def order(number: str) -> Order:
    return Order(id="o1", customer_id="c1", order_number=number, total="10.00", currency="EUR", owner_id="rep-a",
                 created_at=NOW, updated_at=NOW)


@pytest.mark.parametrize(("before", "after", "claimed", "released"), [
    pytest.param(None, customer("a@x.com"), ["a@x.com"], [], id="created"),
    pytest.param(customer("a@x.com"), customer("a@x.com", "b@x.com"), ["b@x.com"], [], id="email added"),
    pytest.param(customer("a@x.com"), customer("b@x.com"), ["b@x.com"], ["a@x.com"], id="email replaced"),
    pytest.param(customer("a@x.com"), customer("a@x.com", deleted=True), [], ["a@x.com"], id="deleted"),
    pytest.param(customer("a@x.com", deleted=True), customer("a@x.com"), ["a@x.com"], [], id="restored"),
])
def test_a_customers_change_claims_its_new_emails_and_releases_the_old(before, after, claimed, released):
    assert CUSTOMER_EMAIL.changes(before, after) == (claimed, released)


def test_an_order_number_in_another_case_keeps_its_claim():
    assert ORDER_NUMBER.changes(order("so-1"), order("SO-1")) == ([], [])
    assert ORDER_NUMBER.changes(order("so-1"), order("SO-2")) == (["SO-2"], ["so-1"])
    assert ORDER_NUMBER.changes(order("so-1"), None) == ([], ["so-1"])


def test_a_holder_holds_the_keys_of_its_values():
    assert ORDER_NUMBER.holder(order("SO-1")) == ClaimHolder("o1", "rep-a", None, frozenset({"so-1"}))
    assert CUSTOMER_EMAIL.holder(customer("a@x.com")).keys == {"a@x.com"}
    assert CUSTOMER_EMAIL.holder(customer("a@x.com", deleted=True)).keys == frozenset()


HOLDER = ClaimHolder("c1", "rep-b", "Hidden Ltd", frozenset({"a@x.com"}))


@pytest.mark.parametrize("viewer", [
    pytest.param(Caller(uid="rep-b", role=Role.REP, via="token"), id="its owner"),
    pytest.param(Caller(uid="m", role=Role.MANAGER, via="token"), id="a manager"),
])
def test_who_may_see_the_holder_is_told_which_record_it_is(viewer):
    error = value_taken(CUSTOMER_EMAIL, "a@x.com", HOLDER, viewer)

    assert error.message == "email a@x.com already belongs to customer c1 (Hidden Ltd)"
    assert error.details == [{"field": "email", "value": "a@x.com", "customer_id": "c1", "message": error.message}]


def test_who_may_not_see_the_holder_is_told_only_that_the_value_is_in_use():
    error = value_taken(CUSTOMER_EMAIL, "a@x.com", HOLDER, Caller(uid="rep-a", role=Role.REP, via="token"))

    assert error.message == "email a@x.com is already in use"
    assert error.details == [{"field": "email", "value": "a@x.com", "message": error.message}]
