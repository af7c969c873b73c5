"""An email belongs to one active customer: conflicts answer 409 naming the owner, even under concurrent creates."""

from __future__ import annotations

import threading

import pytest

from tests.api.helpers import CUSTOMERS, assert_error, create_customer, customer_url

UPDATE_METHODS = [pytest.param("PATCH", id="PATCH"), pytest.param("PUT", id="PUT")]


def assert_taken_by(response, owner: dict) -> None:
    error = assert_error(response, 409, "ALREADY_EXISTS")
    assert owner["id"] in error["message"]
    assert owner["id"] in [d.get("customer_id") for d in error["details"]]


@pytest.mark.parametrize("body", [
    pytest.param({"email": "OWNER@Example.COM"}, id="shorthand, other case"),
    pytest.param({"contacts": [{"type": "email", "value": "Owner@example.com"}]}, id="in contacts"),
    pytest.param({"contacts": [{"type": "email", "value": "second@example.com"},
                               {"type": "email", "value": "owner@example.com"}]}, id="second email"),
])
def test_create_with_another_customers_email_is_409(client, body):
    owner = create_customer(client, email="owner@example.com")
    assert_taken_by(client.post(CUSTOMERS, json={"name": "Copycat", **body}), owner)
    assert client.get(CUSTOMERS).get_json()["total"] == 1


@pytest.mark.parametrize("method", UPDATE_METHODS)
def test_update_to_another_customers_email_is_409(client, method):
    owner = create_customer(client, email="owner@example.com")
    other = create_customer(client, email="other@example.com")
    response = client.open(customer_url(other["id"]), method=method, json={"email": "Owner@EXAMPLE.com"})
    assert_taken_by(response, owner)
    assert client.get(customer_url(other["id"])).get_json()["email"] == "other@example.com"


def test_a_customer_may_resend_its_own_email_in_another_case(client):
    created = create_customer(client, email="mine@example.com")
    response = client.patch(customer_url(created["id"]), json={"email": "MINE@example.com"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["email"] == "mine@example.com"


def test_changing_an_email_releases_the_old_one(client):
    first = create_customer(client, email="moving@example.com")
    assert client.patch(customer_url(first["id"]), json={"email": "moved@example.com"}).status_code == 200
    create_customer(client, email="moving@example.com")
    assert_taken_by(client.post(CUSTOMERS, json={"name": "Late", "email": "moved@example.com"}), first)


def test_deleting_releases_the_email(client):
    first = create_customer(client, email="free@example.com")
    client.delete(customer_url(first["id"]))
    second = client.post(CUSTOMERS, json={"name": "Second", "email": "free@example.com"})
    assert second.status_code == 201, second.get_json()


def test_restore_is_409_when_the_email_was_taken_meanwhile(client):
    first = create_customer(client, email="contested@example.com")
    client.delete(customer_url(first["id"]))
    taker = create_customer(client, email="contested@example.com")
    assert_taken_by(client.post(customer_url(first["id"], "restore")), taker)
    assert_error(client.get(customer_url(first["id"])), 404, "NOT_FOUND")


def test_concurrent_creates_with_one_email_let_exactly_one_win(app, client):
    authorization = client.environ_base["HTTP_AUTHORIZATION"]
    start = threading.Barrier(10)
    statuses: list[int] = []
    codes: list[str] = []

    def create() -> None:
        own_client = app.test_client()
        own_client.environ_base["HTTP_AUTHORIZATION"] = authorization
        start.wait()
        response = own_client.post(CUSTOMERS, json={"name": "Racer", "email": "race@example.com"})
        statuses.append(response.status_code)
        if response.status_code != 201:
            codes.append(response.get_json()["error"]["code"])

    threads = [threading.Thread(target=create) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [201] + [409] * 9, codes
    assert set(codes) == {"ALREADY_EXISTS"}
    listed = client.get(CUSTOMERS).get_json()
    assert listed["total"] == 1
    assert listed["results"][0]["email"] == "race@example.com"
