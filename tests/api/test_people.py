"""Contact persons over HTTP: shapes, errors, versions, search, and the person a deal names."""

from __future__ import annotations

from tests.api.helpers import assert_error, create_customer, detail_fields

PEOPLE = "/api/crm/people"


def people_url(customer_id: str) -> str:
    return f"/api/crm/customers/{customer_id}/people"


def add(client, customer_id: str, **body):
    body.setdefault("first_name", "Maria")
    response = client.post(people_url(customer_id), json=body)
    assert response.status_code == 201, response.get_json()
    return response


def test_create_read_update_delete_restore(client):
    acme = create_customer(client, name="Acme")
    created = add(client, acme["id"], last_name="Papadopoulou", job_title="Buyer", email="Maria@Acme.gr",
                  phone="210 555 1234", do_not_call=True)
    person = created.get_json()
    assert created.headers["Location"].endswith(f"/crm/people/{person['id']}")
    assert created.headers["ETag"] == f'"{person["version"]}"'
    assert {k: person[k] for k in ("customer_id", "customer_name", "name", "email", "phone", "do_not_call",
                                   "email_opt_out", "primary", "owner_id")} == {
        "customer_id": acme["id"], "customer_name": "Acme", "name": "Maria Papadopoulou", "email": "maria@acme.gr",
        "phone": "+302105551234", "do_not_call": True, "email_opt_out": False, "primary": False,
        "owner_id": acme["owner_id"]}
    one = f"{PEOPLE}/{person['id']}"
    assert client.get(one).get_json() == person
    stale = client.patch(one, json={"job_title": "CEO"}, headers={"If-Match": '"1"'})
    assert_error(stale, 412, "PRECONDITION_FAILED")
    changed = client.patch(one, json={"job_title": "CEO", "primary": True}, headers={"If-Match": person["version"]})
    assert (changed.status_code, changed.get_json()["job_title"], changed.get_json()["primary"]) == (200, "CEO", True)
    assert client.delete(one).status_code == 204
    assert_error(client.get(one), 404, "NOT_FOUND")
    restored = client.post(f"{one}/restore")
    assert restored.status_code == 200 and restored.get_json()["deleted_at"] is None


def test_bad_bodies_name_their_field(client):
    acme = create_customer(client)
    for body, field in (({"first_name": "M", "email": "nope"}, "email"), ({"job_title": "x"}, "first_name"),
                        ({"first_name": "M", "customer_id": "x"}, "customer_id"),
                        ({"first_name": "M", "unknown": 1}, "unknown")):
        error = assert_error(client.post(people_url(acme["id"]), json=body), 422, "VALIDATION_FAILED")
        assert field in detail_fields(error), (body, error)
    assert_error(client.post(people_url("nobody"), json={"first_name": "M"}), 404, "NOT_FOUND")


def test_an_email_taken_by_another_person_is_a_conflict_naming_it(client, as_user):
    acme = create_customer(client, owner_id="rep-a")
    first = add(client, acme["id"], email="maria@acme.gr").get_json()
    error = assert_error(client.post(people_url(acme["id"]), json={"first_name": "X", "email": "MARIA@acme.gr"}),
                         409, "ALREADY_EXISTS")
    assert error["details"][0]["person_id"] == first["id"]
    theirs = create_customer(client, owner_id="rep-b")
    hidden = assert_error(as_user("rep-b", "rep").post(people_url(theirs["id"]), json={
        "first_name": "X", "email": "maria@acme.gr"}), 409, "ALREADY_EXISTS")
    assert "person_id" not in hidden["details"][0] and hidden["message"] == "email maria@acme.gr is already in use"


def test_lists_and_search_say_which_customer(client):
    acme, beta = create_customer(client, name="Acme"), create_customer(client, name="Beta")
    maria = add(client, acme["id"], last_name="Papadopoulou").get_json()
    add(client, beta["id"], first_name="Nikos")
    found = client.get(PEOPLE, query_string={"search": "maria"}).get_json()
    assert [(p["id"], p["customer_id"], p["customer_name"], p["match"]["kind"]) for p in found["results"]] == [
        (maria["id"], acme["id"], "Acme", "exact")]
    listed = client.get(people_url(beta["id"])).get_json()
    assert [p["name"] for p in listed["results"]] == ["Nikos"] and listed["total"] == 1
    assert_error(client.get(PEOPLE, query_string={"search": "m", "order_by": "name"}), 400, "INVALID_ARGUMENT")


def test_the_quick_search_finds_customers_and_people(client):
    acme = create_customer(client, name="Acme Maria Foods")
    add(client, acme["id"], first_name="Maria", last_name="K")
    found = client.get("/api/crm/search", query_string={"q": "maria"}).get_json()
    assert [c["name"] for c in found["customers"]] == ["Acme Maria Foods"]
    assert [(p["name"], p["customer_name"]) for p in found["people"]] == [("Maria K", "Acme Maria Foods")]
    assert_error(client.get("/api/crm/search", query_string={"q": "m", "limit": 50}), 400, "INVALID_ARGUMENT")


def test_a_deal_names_a_person_of_its_customer(client):
    acme, beta = create_customer(client), create_customer(client)
    person = add(client, beta["id"]).get_json()
    error = assert_error(client.post("/api/crm/deals", json={"customer_id": acme["id"], "title": "D",
                                                             "person_id": person["id"]}), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["person_id"]
    made = client.post("/api/crm/deals", json={"customer_id": beta["id"], "title": "D", "person_id": person["id"]})
    assert made.status_code == 201 and made.get_json()["person_id"] == person["id"]
