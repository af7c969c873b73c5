from tests.utils.factories import customer_body


def test_create_then_get(client):
    created = client.post("/api/crm/customers", json={"name": "Acme Corp", "email": "contact@acme.com",
                                                      "company": "Acme Corporation", "status": "lead"})
    assert created.status_code == 201, created.json
    body = created.json
    assert body["organization"] == "Acme Corporation"
    assert body["email"] == "contact@acme.com"
    assert created.headers["Location"] == f"/api/crm/customers/{body['id']}"
    fetched = client.get(created.headers["Location"])
    assert fetched.status_code == 200
    assert fetched.json == body


def test_list(client):
    for _ in range(3):
        assert client.post("/api/crm/customers", json=customer_body()).status_code == 201
    listed = client.get("/api/crm/customers?page_size=2")
    assert listed.status_code == 200, listed.json
    assert listed.json["total"] == 3
    assert len(listed.json["results"]) == 2
    nxt = client.get(f"/api/crm/customers?page_size=2&cursor={listed.json['next_cursor']}")
    assert nxt.status_code == 200, nxt.json
    assert len(nxt.json["results"]) == 1
    assert nxt.json["page"] == 2
