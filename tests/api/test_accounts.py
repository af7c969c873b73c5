"""Accounts over HTTP: organization fields, parent accounts, figures, sub-accounts, duplicates and merges."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields


def test_an_organization_with_its_company_fields(client):
    created = create_customer(client, name="Acme SA", kind="organization", website="acme.gr", industry="Retail",
                              size_band="51-200", annual_revenue={"amount": "1500000", "currency": "eur"},
                              billing_address={"line1": "Ermou 1", "city": "Athens", "country": "GR"},
                              tax_id="EL 094019245")
    assert {k: created[k] for k in ("kind", "website", "size_band", "annual_revenue", "tax_id", "parent_id")} == {
        "kind": "organization", "website": "https://acme.gr", "size_band": "51-200",
        "annual_revenue": {"amount": "1500000.00", "currency": "EUR"}, "tax_id": "EL094019245", "parent_id": None}
    assert create_customer(client)["kind"] == "person"
    error = assert_error(client.patch(customer_url(created["id"]), json={"website": "ftp://x"}), 422,
                         "VALIDATION_FAILED")
    assert detail_fields(error) == ["website"]
    assert_error(client.patch(customer_url(created["id"]), json={"merged_into": "x"}), 422, "VALIDATION_FAILED")


def test_parent_accounts_refuse_cycles(client):
    top = create_customer(client, kind="organization")
    child = create_customer(client, parent_id=top["id"])
    error = assert_error(client.patch(customer_url(top["id"]), json={"parent_id": child["id"]}), 422,
                         "VALIDATION_FAILED")
    assert detail_fields(error) == ["parent_id"]
    subs = client.get(customer_url(top["id"], "sub-accounts")).get_json()
    assert [c["id"] for c in subs["results"]] == [child["id"]]


def test_figures(client):
    acme = create_customer(client)
    client.post(f"/api/crm/customers/{acme['id']}/people", json={"first_name": "Maria"})
    deal = client.post("/api/crm/deals", json={"customer_id": acme["id"], "title": "D", "value": "250"}).get_json()
    client.post("/api/crm/deals", json={"customer_id": acme["id"], "title": "E", "value": "10"})
    client.post(f"/api/crm/deals/{deal['id']}/mark-won")
    figures = client.get(customer_url(acme["id"], "figures")).get_json()
    assert figures == {"customer_id": acme["id"], "people_count": 1,
                       "open_deals": {"EUR": {"count": 1, "value": "10.00"}},
                       "won_deals": {"EUR": {"count": 1, "value": "250.00"}}, "lost_deals": 0, "won_value": "250.00",
                       "lifetime_value": "250.00", "base_currency": "EUR", "last_activity_at": None,
                       "sub_accounts": 0}


def test_duplicates_preview_and_merge(client, as_user):
    keep = create_customer(client, name="Acme", phone="2105550000")
    dup = create_customer(client, name="Acme Hellas", phone="+302105550000", tags=["b2b"])
    client.post(f"/api/crm/customers/{dup['id']}/people", json={"first_name": "Maria"})
    pairs = client.get("/api/crm/customers/duplicates").get_json()
    assert [sorted(c["id"] for c in p["customers"]) for p in pairs["results"]] == [sorted([keep["id"], dup["id"]])]
    assert pairs["results"][0]["reasons"] == [{"reason": "phone", "value": "+302105550000"}]
    preview = client.get(customer_url(keep["id"], "merge-preview"), query_string={"from": dup["id"]}).get_json()
    assert preview["absorbed"][0]["people"] == 1 and preview["combined"]["tags"] == ["b2b"]
    assert preview["problems"] == []
    assert_error(as_user("rep-1", "rep").post(customer_url(keep["id"], "merge"), json={"from": [dup["id"]]}), 403,
                 "PERMISSION_DENIED")
    error = assert_error(client.post(customer_url(keep["id"], "merge"), json={"from": [keep["id"]]}), 422,
                         "VALIDATION_FAILED")
    assert detail_fields(error) == ["from"]
    merged = client.post(customer_url(keep["id"], "merge"), json={"from": [dup["id"]]})
    assert merged.status_code == 200, merged.get_json()
    body = merged.get_json()
    assert body["merge"]["state"] == "done" and body["merge"]["moved"]["people"] == 1
    assert body["customer"]["merged_from"] == [dup["id"]]
    assert_error(client.get(customer_url(dup["id"])), 404, "NOT_FOUND")
    assert client.post(customer_url(keep["id"], "merge"), json={"from": [dup["id"]]}).get_json()["merge"] == \
        body["merge"]
    assert client.get("/api/crm/customers/duplicates").get_json()["results"] == []
    held = assert_error(client.post(customer_url(dup["id"], "restore")), 409, "ALREADY_EXISTS")
    assert held["details"][0]["customer_id"] == keep["id"], "its email stays with the survivor until removed there"
    survivor = client.get(customer_url(keep["id"])).get_json()
    kept = [c for c in survivor["contacts"] if c["value"] != dup["email"]]
    assert client.patch(customer_url(keep["id"]), json={"contacts": kept}).status_code == 200
    restored = client.post(customer_url(dup["id"], "restore")).get_json()
    assert restored["merged_into"] is None and restored["name"] == "Acme Hellas" and restored["email"] == dup["email"]


@pytest.mark.parametrize("cursor", ["abc", "1", "99999999999999999999.key", "2.a/b", "-1.key", "2." + "k" * 70])
def test_a_forged_duplicates_cursor_is_a_400(client, cursor):
    response = client.get("/api/crm/customers/duplicates", query_string={"cursor": cursor})
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["error"]["details"][0]["field"] == "cursor"
