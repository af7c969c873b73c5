"""The product catalog over HTTP: create, read, list and search, change, archive and restore; the SKU's uniqueness;
and what referencing a product means for a deal's line items and a customer's owned items."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

PRODUCTS = "/api/crm/products"
DEALS = "/api/crm/deals"
PRODUCT_FIELDS = {"id", "sku", "name", "description", "prices", "active", "archived_at", "created_at", "updated_at",
                  "version"}


def create_product(client, **fields: Any) -> dict[str, Any]:
    body = {"sku": "CON-100", "name": "Console 100", "prices": {"EUR": "120.00", "USD": "130"}, **fields}
    response = client.post(PRODUCTS, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_create_read_and_list_a_product(client):
    response = client.post(PRODUCTS, json={"sku": " CON-100 ", "name": "Console 100", "description": "Arcade cabinet",
                                           "prices": {"EUR": "120.5"}})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert response.headers["Location"].endswith(f"/crm/products/{created['id']}")
    assert set(created) == PRODUCT_FIELDS
    assert (created["sku"], created["prices"], created["active"], created["archived_at"]) == (
        "CON-100", {"EUR": "120.50"}, True, None)
    got = client.get(f"{PRODUCTS}/{created['id']}")
    assert got.get_json() == created and got.headers["ETag"]
    listed = client.get(PRODUCTS).get_json()
    assert [p["id"] for p in listed["results"]] == [created["id"]]


def test_a_sku_belongs_to_one_product_whatever_its_case(client):
    first = create_product(client, sku="CON-100")
    error = assert_error(client.post(PRODUCTS, json={"sku": "con-100", "name": "Copy"}), 409, "ALREADY_EXISTS")
    assert error["details"][0]["product_id"] == first["id"]
    other = create_product(client, sku="CON-200", name="Console 200")
    assert_error(client.patch(f"{PRODUCTS}/{other['id']}", json={"sku": "Con-100"}), 409, "ALREADY_EXISTS")
    renamed = client.patch(f"{PRODUCTS}/{first['id']}", json={"sku": "CON-101"})
    assert renamed.status_code == 200, renamed.get_json()
    assert create_product(client, sku="con-100", name="Reuses the freed SKU")["sku"] == "con-100"


@pytest.mark.parametrize(("body", "field"), [
    ({"name": "No SKU"}, "sku"),
    ({"sku": "has space", "name": "x"}, "sku"),
    ({"sku": "A-1", "name": ""}, "name"),
    ({"sku": "A-1", "name": "x", "prices": {"EURO": "1"}}, "prices.EURO.[key]"),
    ({"sku": "A-1", "name": "x", "prices": {"EUR": "-1"}}, "prices.EUR"),
    ({"sku": "A-1", "name": "x", "id": "chosen"}, "id"),
])
def test_bad_products_are_refused_with_the_field(client, body, field):
    error = assert_error(client.post(PRODUCTS, json=body), 422, "VALIDATION_FAILED")
    assert any(found and found.startswith(field.split(".[")[0]) for found in detail_fields(error)), error


def test_search_by_name_or_sku_start_and_filter_by_active(client):
    console = create_product(client, sku="CON-100", name="Arcade Console")
    cable = create_product(client, sku="CAB-7", name="HDMI cable")
    assert [p["id"] for p in client.get(PRODUCTS, query_string={"search": "arc"}).get_json()["results"]] == [
        console["id"]]
    assert [p["id"] for p in client.get(PRODUCTS, query_string={"search": "cab"}).get_json()["results"]] == [
        cable["id"]]
    client.post(f"{PRODUCTS}/{cable['id']}/archive")
    on_sale = client.get(PRODUCTS, query_string={"active": "true"}).get_json()["results"]
    archived = client.get(PRODUCTS, query_string={"active": "false"}).get_json()["results"]
    assert ([p["id"] for p in on_sale], [p["id"] for p in archived]) == ([console["id"]], [cable["id"]])
    error = assert_error(client.get(PRODUCTS, query_string={"search": "arc", "order_by": "sku"}), 400,
                         "INVALID_ARGUMENT")
    assert "ordered by name" in str(error["details"]), error


def test_change_with_etag_and_archive_and_restore(client):
    product = create_product(client)
    stale = client.patch(f"{PRODUCTS}/{product['id']}", json={"name": "Renamed"}, headers={"If-Match": '"0"'})
    assert_error(stale, 412, "PRECONDITION_FAILED")
    changed = client.put(f"{PRODUCTS}/{product['id']}", json={"name": "Renamed", "prices": {"EUR": "99"}},
                         headers={"If-Match": f'"{product["version"]}"'})
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["name"], changed.get_json()["prices"], changed.get_json()["sku"]) == (
        "Renamed", {"EUR": "99.00"}, "CON-100")
    archived = client.post(f"{PRODUCTS}/{product['id']}/archive").get_json()
    assert (archived["active"], archived["archived_at"] is not None) == (False, True)
    restored = client.post(f"{PRODUCTS}/{product['id']}/restore").get_json()
    assert (restored["active"], restored["archived_at"]) == (True, None)
    assert_error(client.post(f"{PRODUCTS}/missing/archive"), 404, "NOT_FOUND")
    assert_error(client.patch(f"{PRODUCTS}/{product['id']}", json={"sku": None}), 422, "VALIDATION_FAILED")


def set_rates(client) -> None:
    response = client.put("/api/crm/settings/currency-rates", json={"rates": {"USD": "0.9", "GBP": "1.15"}})
    assert response.status_code == 200, response.get_json()


def test_a_line_item_takes_the_products_name_and_price_in_the_deals_currency(client):
    set_rates(client)
    product = create_product(client)
    customer = create_customer(client)
    response = client.post(DEALS, json={"customer_id": customer["id"], "title": "Two consoles", "currency": "USD",
                                        "line_items": [{"product_id": product["id"], "quantity": "2"},
                                                       {"name": "Delivery", "quantity": "1", "unit_price": "15"}]})
    assert response.status_code == 201, response.get_json()
    deal = response.get_json()
    assert deal["line_items"][0] == {"product_id": product["id"], "name": "Console 100", "quantity": "2",
                                     "unit_price": "130.00", "total": "260.00"}
    assert deal["value"] == "275.00"
    given = client.post(DEALS, json={"customer_id": customer["id"], "title": "Discounted", "line_items": [
        {"product_id": product["id"], "name": "Console (promo)", "quantity": "1", "unit_price": "100"}]})
    assert given.get_json()["line_items"][0]["unit_price"] == "100.00", given.get_json()


def test_line_items_naming_an_outside_or_unpriced_product_are_refused(client):
    set_rates(client)
    product = create_product(client, prices={"EUR": "10"})
    customer = create_customer(client)
    missing = client.post(DEALS, json={"customer_id": customer["id"], "title": "x",
                                       "line_items": [{"product_id": "nope", "quantity": "1"}]})
    assert detail_fields(assert_error(missing, 422, "VALIDATION_FAILED")) == ["line_items.0.product_id"]
    unpriced = client.post(DEALS, json={"customer_id": customer["id"], "title": "x", "currency": "GBP",
                                        "line_items": [{"product_id": product["id"], "quantity": "1"}]})
    error = assert_error(unpriced, 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["line_items.0.unit_price"] and "GBP" in error["message"]
    no_name = client.post(DEALS, json={"customer_id": customer["id"], "title": "x",
                                       "line_items": [{"quantity": "1", "unit_price": "3"}]})
    assert_error(no_name, 422, "VALIDATION_FAILED")
    outside = client.post(DEALS, json={"customer_id": customer["id"], "title": "x", "line_items": [
        {"product_id": "erp-77", "name": "Legacy part", "quantity": "1", "unit_price": "3"}]})
    assert outside.status_code == 201, outside.get_json()
    assert outside.get_json()["line_items"][0]["product_id"] == "erp-77"


def test_archiving_keeps_existing_references_and_refuses_new_ones(client):
    product = create_product(client)
    customer = create_customer(client, owned_items=[{"type": "product", "product_id": product["id"]}])
    assert customer["owned_items"][0]["product_name"] == "Console 100"
    deal = client.post(DEALS, json={"customer_id": customer["id"], "title": "x",
                                    "line_items": [{"product_id": product["id"], "quantity": "1"}]}).get_json()
    client.post(f"{PRODUCTS}/{product['id']}/archive")

    kept = client.patch(f"{DEALS}/{deal['id']}", json={"line_items": [
        {"product_id": product["id"], "quantity": "3"}]})
    assert kept.status_code == 200, kept.get_json()
    assert (kept.get_json()["value"], kept.get_json()["line_items"][0]["unit_price"]) == ("360.00", "120.00")
    noted = client.patch(customer_url(customer["id"]), json={"owned_items": [
        {"type": "product", "product_id": product["id"], "quantity": 2}]})
    assert noted.status_code == 200, noted.get_json()

    new_deal = client.post(DEALS, json={"customer_id": customer["id"], "title": "y",
                                        "line_items": [{"product_id": product["id"], "quantity": "1"}]})
    assert "archived" in assert_error(new_deal, 422, "VALIDATION_FAILED")["message"]
    other = create_customer(client, owned_items=[])
    refused = client.patch(customer_url(other["id"]), json={"owned_items": [
        {"type": "product", "product_id": product["id"]}]})
    assert detail_fields(assert_error(refused, 422, "VALIDATION_FAILED")) == ["owned_items.0.product_id"]


def test_products_are_read_by_everyone_and_changed_by_admins(as_user):
    admin, rep = as_user("boss", "admin"), as_user("rep-1", "rep")
    product = create_product(admin)
    assert rep.get(f"{PRODUCTS}/{product['id']}").status_code == 200
    assert_error(rep.post(PRODUCTS, json={"sku": "R-1", "name": "x"}), 403, "PERMISSION_DENIED")
    assert_error(rep.post(f"{PRODUCTS}/{product['id']}/archive"), 403, "PERMISSION_DENIED")
