"""A page of customers with their deals reads the deals in one `customer_id in [...]` query per 30 customers, not
one query per customer: counted with crm.store.read_meter."""

from __future__ import annotations

from crm.store import read_meter
from tests.api.graphql.helpers import data_of, gql
from tests.api.helpers import create_customer

LIST = "query($n: Int!) { customers(first: $n, orderBy: \"name\") { nodes { id name } } }"
WITH_DEALS = """query($n: Int!, $per: Int!) { customers(first: $n, orderBy: "name") {
  nodes { id name deals(status: OPEN, first: $per) { id title } } } }"""


def reads(client, query: str, variables: dict) -> tuple[int, dict]:
    with read_meter.metered() as count:
        data = data_of(gql(client, query, variables))
    return count.reads, data


def deal(client, customer_id: str, title: str) -> str:
    response = client.post("/api/crm/deals", json={"customer_id": customer_id, "title": title})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def test_customers_deals_cost_one_query_for_the_page(client):
    customers = [create_customer(client, name=f"Batch {n}")["id"] for n in range(3)]
    titles = {c: [deal(client, c, f"{c} one"), deal(client, c, f"{c} two")] for c in customers}
    won = deal(client, customers[0], "won one")
    assert client.post(f"/api/crm/deals/{won}/mark-won").status_code == 200

    alone, _ = reads(client, LIST, {"n": 3})
    together, data = reads(client, WITH_DEALS, {"n": 3, "per": 25})

    found = {c["id"]: {d["id"] for d in c["deals"]} for c in data["customers"]["nodes"]}
    assert found == {c: set(ids) for c, ids in titles.items()}
    assert together - alone == 6  # the six open deals, read by one query: no query per customer


def test_thirty_one_customers_take_two_queries(client):
    for n in range(31):
        create_customer(client, name=f"Many {n:02d}")
    alone, _ = reads(client, LIST, {"n": 31})
    together, data = reads(client, WITH_DEALS, {"n": 31, "per": 5})
    assert len(data["customers"]["nodes"]) == 31
    assert together - alone == 2  # two `in` queries (30 + 1 customers), each matching nothing: one read each


def test_a_customer_over_its_share_is_read_on_its_own_newest_first(client):
    busy, quiet = create_customer(client, name="A busy")["id"], create_customer(client, name="B quiet")["id"]
    for n in range(3):
        deal(client, busy, f"busy {n}")
    deal(client, quiet, "quiet 0")
    data = data_of(gql(client, WITH_DEALS, {"n": 2, "per": 1}))
    assert [[d["title"] for d in c["deals"]] for c in data["customers"]["nodes"]] == [["busy 2"], ["quiet 0"]]


def test_a_rep_gets_only_their_own_deals_of_a_customer(app, as_user):
    admin, rep = as_user("boss", "admin"), as_user("rep-1", "rep")
    customer = create_customer(admin, name="Shared", owner_id="rep-1")["id"]
    mine = admin.post("/api/crm/deals", json={"customer_id": customer, "title": "Mine", "owner_id": "rep-1"})
    admin.post("/api/crm/deals", json={"customer_id": customer, "title": "Theirs", "owner_id": "boss"})
    data = data_of(gql(rep, WITH_DEALS, {"n": 5, "per": 5}))
    assert [[d["id"] for d in c["deals"]] for c in data["customers"]["nodes"]] == [[mine.get_json()["id"]]]
    rest = rep.get(f"/api/crm/customers/{customer}/deals").get_json()["results"]
    assert [d["id"] for d in rest] == [mine.get_json()["id"]]
