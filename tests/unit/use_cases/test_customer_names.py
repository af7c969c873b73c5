"""Customers' names by id on in-memory repositories: the order asked, deleted customers and a rep's limits."""

from __future__ import annotations

from crm.domain.customer_names import CustomerNamesParams
from crm.identity import Caller, Role
from crm.services import customers as customer_service
from crm.services.customer_names import customer_names
from tests.utils.factories import admin_caller

REP = Caller(uid="rep-1", role=Role.REP, via="token")


def named(reader, ids: str, caller: Caller) -> list[str]:
    return [c.name for c in customer_names(reader, CustomerNamesParams.model_validate({"ids": ids}), caller).results]


def test_names_come_in_the_order_asked_without_deleted_or_unknown_customers(customers, create, transactions):
    first, second, gone = create(name="First"), create(name="Second"), create(name="Gone")
    customer_service.delete_customer(transactions, gone.id, admin_caller())

    assert named(customers, f"{second.id},{gone.id},nobody,{first.id}", admin_caller()) == ["Second", "First"]


def test_a_rep_gets_only_their_own_customers_names(customers, create, create_data, transactions, settings):
    others = create(name="Someone else's")
    own = customer_service.create_customer(transactions, create_data(name="Mine", owner_id=REP.uid), REP,
                                           default_language=settings.default_language)

    assert named(customers, f"{others.id},{own.id}", REP) == ["Mine"]


def test_ids_are_split_on_commas_once_each():
    assert CustomerNamesParams.model_validate({"ids": " a, b,,a "}).ids == ["a", "b"]
