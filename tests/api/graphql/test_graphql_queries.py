"""GraphQL queries on the emulator: the customer connection (search, filters, cursors), a customer with its deals,
orders, activities, notes and timeline, deals, pipelines, the forecast and the dashboard."""

from __future__ import annotations

from tests.api.graphql.helpers import data_of, gql, only_error
from tests.api.helpers import create_customer

CUSTOMER_PAGE = """query($search: String, $first: Int!, $after: String) {
  customers(search: $search, first: $first, after: $after) {
    totalCount totalExact pageInfo { hasNextPage endCursor } nodes { id name status email }
  }
}"""


def test_customers_page_through_with_cursors(client):
    made = {create_customer(client, name=f"Paging {n}")["id"] for n in range(3)}
    first = data_of(gql(client, CUSTOMER_PAGE, {"first": 2}))["customers"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
    second = data_of(gql(client, CUSTOMER_PAGE, {"first": 2, "after": first["pageInfo"]["endCursor"]}))["customers"]
    assert not second["pageInfo"]["hasNextPage"]
    assert {c["id"] for c in first["nodes"] + second["nodes"]} == made


def test_customers_search_and_filters_are_the_rest_lists(client):
    wanted = create_customer(client, name="Eleni Papadopoulou", status="prospect")
    create_customer(client, name="Giorgos Nikolaou", status="lead")
    found = data_of(gql(client, CUSTOMER_PAGE, {"search": "papado", "first": 5}))["customers"]
    assert [c["id"] for c in found["nodes"]] == [wanted["id"]]
    rest = client.get("/api/crm/customers", query_string={"status": "prospect"}).get_json()
    by_status = data_of(gql(client, "{ customers(status: [PROSPECT]) { totalCount nodes { id status } } }"))
    assert [c["id"] for c in by_status["customers"]["nodes"]] == [c["id"] for c in rest["results"]]
    assert by_status["customers"]["nodes"][0]["status"] == "PROSPECT"


def test_a_bad_list_argument_is_the_rest_lists_invalid_argument(client):
    response = gql(client, "{ customers(first: 500) { totalCount } }")
    error = only_error(response, 400, "INVALID_ARGUMENT")
    assert error["path"] == ["customers"] and error["extensions"]["details"][0]["field"] == "first"
    assert response.status_code == 200 and response.get_json()["data"] == {"customers": None}


def test_a_customer_with_its_records(client):
    customer = create_customer(client, name="Full record", notes=[{"text": "Met at the fair"}])
    deal = client.post("/api/crm/deals", json={"customer_id": customer["id"], "title": "Licences",
                                               "value": "1200.00"}).get_json()
    client.post("/api/crm/orders", json={"customer_id": customer["id"], "order_number": "GQ-1", "total": "9.50"})
    client.post("/api/crm/activities", json={"type": "call", "subject": "Intro call", "customer_id": customer["id"]})
    query = """query($id: ID!) { customer(id: $id) {
      name version notes { text by }
      deals { id title value status stage }
      orders { orderNumber total status }
      activities { subject type status }
      timeline(first: 10) { totalCount nodes { entity action summary } }
      document
    } }"""
    found = data_of(gql(client, query, {"id": customer["id"]}))["customer"]
    assert found["notes"][0]["text"] == "Met at the fair"
    assert found["deals"] == [{"id": deal["id"], "title": "Licences", "value": "1200.00", "status": "OPEN",
                               "stage": deal["stage"]}]
    assert found["orders"] == [{"orderNumber": "GQ-1", "total": "9.50", "status": "PENDING"}]
    assert found["activities"] == [{"subject": "Intro call", "type": "CALL", "status": "SCHEDULED"}]
    assert {e["entity"] for e in found["timeline"]["nodes"]} >= {"CUSTOMER", "DEAL", "ORDER", "ACTIVITY"}
    assert found["document"]["id"] == customer["id"] and found["version"] == found["document"]["version"]


def test_an_unknown_or_impossible_customer_is_not_found(client):
    only_error(gql(client, '{ customer(id: "nobody") { id } }'), 404, "NOT_FOUND")
    only_error(gql(client, '{ customer(id: "../x") { id } }'), 404, "NOT_FOUND")


def test_deals_pipelines_forecast_and_dashboard(client):
    customer = create_customer(client)
    client.post("/api/crm/deals", json={"customer_id": customer["id"], "title": "Big", "value": "500.00"})
    query = """{ deals(status: OPEN) { totalCount nodes { title value } }
                 pipelines { id isDefault stages { id kind probability } }
                 forecast dashboard }"""
    data = data_of(gql(client, query))
    assert data["deals"]["nodes"] == [{"title": "Big", "value": "500.00"}]
    assert any(p["isDefault"] for p in data["pipelines"])
    assert data["forecast"] == client.get("/api/crm/deals/forecast").get_json()
    assert data["forecast"]["deal_count"] == 1
    assert data["dashboard"] == client.get("/api/crm/dashboard").get_json()
