"""A taken email or order number answers 409 ALREADY_EXISTS; the record holding it is named (id, name) only to a
caller who may see that record. To a rep it belongs to someone else's record, which answers them 404, so the 409
says only that the value is in use."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.api.helpers import CUSTOMERS, assert_error, customer_url
from tests.utils.factories import customer_body

ORDERS = "/api/crm/orders"


@pytest.fixture
def rep(as_user) -> FlaskClient:
    return as_user("rep-a", "rep")


def created(response) -> dict[str, Any]:
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def customer_of(client: FlaskClient, owner: str, **fields: Any) -> dict[str, Any]:
    return created(client.post(CUSTOMERS, json=customer_body(owner_id=owner, **fields)))


def order_of(client: FlaskClient, owner: str, number: str) -> dict[str, Any]:
    customer = customer_of(client, owner)
    body = {"customer_id": customer["id"], "owner_id": owner, "order_number": number, "total": "10"}
    return created(client.post(ORDERS, json=body))


def assert_in_use_without_naming(response, field: str, value: str, hidden: dict[str, Any]) -> None:
    error = assert_error(response, 409, "ALREADY_EXISTS")
    assert error["message"] == f"{field.replace('_', ' ')} {value} is already in use"
    assert error["details"] == [{"field": field, "value": value, "message": error["message"]}]
    text = str(error)
    assert hidden["id"] not in text
    assert hidden.get("name", hidden["id"]) not in text


def assert_names(response, holder_field: str, holder: dict[str, Any]) -> None:
    error = assert_error(response, 409, "ALREADY_EXISTS")
    assert holder["id"] in error["message"]
    assert [d.get(holder_field) for d in error["details"]] == [holder["id"]]


# ---------------------------------------------------------------- customer emails


def test_a_rep_creating_with_a_foreign_customers_email_is_not_told_whose_it_is(client, rep):
    foreign = customer_of(client, "rep-b", name="Hidden Holder", email="taken@example.com")

    response = rep.post(CUSTOMERS, json=customer_body(name="Mine", email="Taken@Example.com"))

    assert_in_use_without_naming(response, "email", "taken@example.com", foreign)
    assert_error(rep.get(customer_url(foreign["id"])), 404, "NOT_FOUND")
    assert rep.get(CUSTOMERS).get_json()["total"] == 0


def test_a_rep_changing_to_a_foreign_customers_email_is_not_told_whose_it_is(client, rep):
    foreign = customer_of(client, "rep-b", name="Hidden Holder", email="taken@example.com")
    mine = customer_of(client, "rep-a", email="mine@example.com")

    response = rep.patch(customer_url(mine["id"]), json={"email": "taken@example.com"})

    assert_in_use_without_naming(response, "email", "taken@example.com", foreign)
    assert rep.get(customer_url(mine["id"])).get_json()["email"] == "mine@example.com"


def test_a_rep_restoring_after_a_foreign_customer_took_the_email_is_not_told_whose_it_is(client, rep):
    mine = customer_of(client, "rep-a", email="contested@example.com")
    assert rep.delete(customer_url(mine["id"])).status_code == 204
    foreign = customer_of(client, "rep-b", name="Hidden Holder", email="contested@example.com")

    response = rep.post(customer_url(mine["id"], "restore"))

    assert_in_use_without_naming(response, "email", "contested@example.com", foreign)


def test_a_rep_is_told_which_of_their_own_customers_holds_the_email(client, rep):
    mine = customer_of(client, "rep-a", name="My Holder", email="mine@example.com")

    response = rep.post(CUSTOMERS, json=customer_body(email="mine@example.com"))

    assert_names(response, "customer_id", mine)
    assert "My Holder" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_who_sees_every_record_is_told_which_customer_holds_the_email(client, as_user, role):
    holder = customer_of(client, "rep-b", name="Known Holder", email="taken@example.com")

    response = as_user(f"{role}-1", role).post(CUSTOMERS, json=customer_body(email="taken@example.com"))

    assert_names(response, "customer_id", holder)
    assert "Known Holder" in response.get_json()["error"]["message"]


# ---------------------------------------------------------------- order numbers


def test_a_rep_creating_with_a_foreign_order_number_is_not_told_whose_it_is(client, rep):
    foreign = order_of(client, "rep-b", "SO-77")
    mine = customer_of(client, "rep-a")

    response = rep.post(ORDERS, json={"customer_id": mine["id"], "order_number": "so-77", "total": "5"})

    assert_in_use_without_naming(response, "order_number", "so-77", foreign)
    assert_error(rep.get(f"{ORDERS}/{foreign['id']}"), 404, "NOT_FOUND")
    assert rep.get(ORDERS).get_json()["total"] == 0


def test_a_rep_renumbering_to_a_foreign_order_number_is_not_told_whose_it_is(client, rep):
    foreign = order_of(client, "rep-b", "SO-77")
    mine = order_of(client, "rep-a", "SO-78")

    response = rep.patch(f"{ORDERS}/{mine['id']}", json={"order_number": "SO-77"})

    assert_in_use_without_naming(response, "order_number", "SO-77", foreign)
    assert rep.get(f"{ORDERS}/{mine['id']}").get_json()["order_number"] == "SO-78"


def test_a_rep_is_told_which_of_their_own_orders_holds_the_number(client, rep):
    mine = order_of(client, "rep-a", "SO-77")

    response = rep.post(ORDERS, json={"customer_id": mine["customer_id"], "order_number": "SO-77", "total": "5"})

    assert_names(response, "order_id", mine)
