"""GET /crm/customer-names: the names of up to 100 customers by id in one request, each only if the caller may see
that customer."""

from __future__ import annotations

import pytest

from crm.store import read_meter
from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

NAMES = "/api/crm/customer-names"


def names_of(client, *ids: str) -> list[dict]:
    response = client.get(NAMES, query_string={"ids": ",".join(ids)})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def test_names_come_in_the_order_asked_in_one_batched_read(client):
    first, second = create_customer(client, name="Άλφα Α.Ε."), create_customer(client, name="Beta Ltd")

    with read_meter.metered() as meter:
        results = names_of(client, second["id"], first["id"], second["id"])

    assert results == [{"id": second["id"], "name": "Beta Ltd"}, {"id": first["id"], "name": "Άλφα Α.Ε."}]
    assert meter.reads == 2  # one per distinct id


def test_deleted_and_unknown_customers_are_left_out(client):
    kept, gone = create_customer(client, name="Kept"), create_customer(client, name="Gone")
    assert client.delete(customer_url(gone["id"])).status_code == 204

    assert names_of(client, gone["id"], "no-such-customer", kept["id"]) == [{"id": kept["id"], "name": "Kept"}]


def test_a_rep_gets_only_their_own_customers_names(as_user):
    rep, other = as_user("rep-a", "rep"), as_user("rep-b", "rep")
    mine, theirs = create_customer(rep, name="Mine"), create_customer(other, name="Theirs")

    assert names_of(rep, mine["id"], theirs["id"]) == [{"id": mine["id"], "name": "Mine"}]
    assert [c["name"] for c in names_of(as_user("boss", "manager"), mine["id"], theirs["id"])] == ["Mine", "Theirs"]


@pytest.mark.parametrize("query", [
    pytest.param({}, id="no ids"),
    pytest.param({"ids": ""}, id="empty"),
    pytest.param({"ids": " , ,"}, id="only commas"),
    pytest.param({"ids": ",".join(f"c{n}" for n in range(101))}, id="101 ids"),
    pytest.param({"ids": "ok,../customers"}, id="not an id"),
    pytest.param({"ids": "a" * 129}, id="129 chars"),
])
def test_bad_ids_are_a_400_naming_the_ids_field(client, query):
    error = assert_error(client.get(NAMES, query_string=query), 400, "INVALID_ARGUMENT")
    assert [field.split(".")[0] for field in detail_fields(error)] == ["ids"]  # "ids.1": the second id


def test_a_hundred_ids_are_one_request(client):
    customer = create_customer(client, name="Listed")
    ids = [customer["id"], *(f"missing-{n}" for n in range(99))]

    assert names_of(client, *ids) == [{"id": customer["id"], "name": "Listed"}]
