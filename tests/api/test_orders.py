"""Orders through HTTP: every endpoint, the status transitions, and bad bodies answered with field details."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

ORDERS = "/api/crm/orders"
SERVER_OWNED = ["id", "status", "status_history", "created_at", "updated_at", "delivered_at", "cancelled_at",
                "ltv_base_cents"]


def order_url(order_id: str, action: str = "") -> str:
    return f"{ORDERS}/{order_id}" + (f"/{action}" if action else "")


@pytest.fixture
def customer(client) -> dict[str, Any]:
    return create_customer(client, name="Buyer")


@pytest.fixture
def place(client, customer):
    def make(**fields: Any) -> dict[str, Any]:
        body = {"customer_id": customer["id"], "order_number": "SO-1", "total": "100.00", **fields}
        response = client.post(ORDERS, json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


def move(client: FlaskClient, order: dict[str, Any], *statuses: str) -> dict[str, Any]:
    for status in statuses:
        response = client.post(order_url(order["id"], "transition"), json={"status": status})
        assert response.status_code == 200, response.get_json()
        order = response.get_json()
    return order


def test_create_answers_201_with_location_and_the_order(client, customer):
    body = {"customer_id": customer["id"], "order_number": "SO-42", "total": 19.9, "notes": " gift wrap ",
            "shipping_address": {"line1": "Ermou 1", "city": "Athens", "postal_code": "10563", "country": "GR"}}

    response = client.post(ORDERS, json=body)

    assert response.status_code == 201, response.get_json()
    order = response.get_json()
    assert response.headers["Location"] == order_url(order["id"])
    shown = ("customer_id", "order_number", "total", "currency", "status", "notes", "owner_id")
    assert {k: order[k] for k in shown} == {
        "customer_id": customer["id"], "order_number": "SO-42", "total": "19.90", "currency": "EUR",
        "status": "pending", "notes": "gift wrap", "owner_id": "user-1",
    }
    assert order["shipping_address"] == {"line1": "Ermou 1", "line2": None, "city": "Athens", "postal_code": "10563",
                                         "region": None, "country": "GR"}
    assert order["status_history"] == [{"from": None, "to": "pending", "at": order["created_at"], "by": "user-1"}]
    assert order["delivered_at"] is None and order["cancelled_at"] is None
    assert "ltv_base_cents" not in order
    assert client.get(response.headers["Location"]).get_json() == order


def test_get_an_unknown_order_is_404(client):
    assert_error(client.get(order_url("nope")), 404, "NOT_FOUND")


@pytest.mark.parametrize("method", ["PATCH", "PUT"])
def test_patch_and_put_change_only_the_given_fields(client, place, method):
    order = place(notes="first", shipping_address={"city": "Larisa"})

    response = client.open(order_url(order["id"]), method=method, json={"total": "250", "owner_id": "rep-2"})

    assert response.status_code == 200, response.get_json()
    changed = response.get_json()
    assert (changed["total"], changed["owner_id"], changed["notes"]) == ("250.00", "rep-2", "first")
    assert changed["shipping_address"]["city"] == "Larisa"
    assert changed["updated_at"] > order["updated_at"]
    assert client.get(order_url(order["id"])).get_json() == changed


def test_delete_answers_204_then_404(client, place):
    order = place()

    assert client.delete(order_url(order["id"])).status_code == 204
    assert_error(client.get(order_url(order["id"])), 404, "NOT_FOUND")
    assert_error(client.delete(order_url(order["id"])), 404, "NOT_FOUND")
    assert_error(client.patch(order_url(order["id"]), json={"notes": "x"}), 404, "NOT_FOUND")
    assert_error(client.post(order_url(order["id"], "transition"), json={"status": "confirmed"}), 404, "NOT_FOUND")


def test_a_taken_order_number_is_409_naming_the_order(client, place):
    first = place(order_number="INV-9")

    error = assert_error(client.post(ORDERS, json={**_valid_body(first["customer_id"]), "order_number": "inv-9"}),
                         409, "ALREADY_EXISTS")

    assert first["id"] in error["message"]
    assert error["details"][0]["order_id"] == first["id"]
    second = place(order_number="INV-10")
    error = assert_error(client.patch(order_url(second["id"]), json={"order_number": "INV-9"}), 409, "ALREADY_EXISTS")
    assert error["details"][0]["field"] == "order_number"


def test_the_full_life_to_delivered_credits_the_customer(client, place, customer):
    order = place(total="120.40")

    delivered = move(client, order, "confirmed", "processing", "shipped", "delivered")

    assert [(h["from"], h["to"]) for h in delivered["status_history"]] == [
        (None, "pending"), ("pending", "confirmed"), ("confirmed", "processing"), ("processing", "shipped"),
        ("shipped", "delivered"),
    ]
    assert delivered["delivered_at"] == delivered["status_history"][-1]["at"]
    after = client.get(customer_url(customer["id"])).get_json()
    assert (after["lifetime_value"], after["status"]) == ("120.40", "customer")
    error = assert_error(client.patch(order_url(order["id"]), json={"total": "1"}), 409, "FAILED_PRECONDITION")
    assert detail_fields(error) == ["total"]
    assert client.patch(order_url(order["id"]), json={"notes": "left with neighbour"}).status_code == 200

    assert client.delete(order_url(order["id"])).status_code == 204
    assert client.get(customer_url(customer["id"])).get_json()["lifetime_value"] == "0.00"


def test_a_converted_currency_counts_in_the_base_currency(client, place, customer):
    rates = client.put("/api/crm/settings/currency-rates", json={"rates": {"USD": "0.5"}})
    assert rates.status_code == 200, rates.get_json()

    move(client, place(total="30.00", currency="usd"), "confirmed", "processing", "shipped", "delivered")

    assert client.get(customer_url(customer["id"])).get_json()["lifetime_value"] == "15.00"


@pytest.mark.parametrize(("path", "target", "allowed"), [
    pytest.param((), "shipped", ["confirmed", "cancelled"], id="pending->shipped"),
    pytest.param((), "pending", ["confirmed", "cancelled"], id="pending->pending"),
    pytest.param(("confirmed", "processing", "shipped"), "cancelled", ["delivered"], id="shipped->cancelled"),
    pytest.param(("cancelled",), "confirmed", [], id="cancelled->confirmed"),
])
def test_a_refused_transition_is_409_listing_the_allowed_statuses(client, place, path, target, allowed):
    order = move(client, place(), *path)

    error = assert_error(client.post(order_url(order["id"], "transition"), json={"status": target}),
                         409, "FAILED_PRECONDITION")

    assert error["details"][0]["allowed"] == allowed
    assert all(status in error["message"] for status in allowed)
    assert client.get(order_url(order["id"])).get_json()["status"] == order["status"]


@pytest.mark.parametrize(("path", "next_statuses", "money_editable"), [
    pytest.param((), ["confirmed", "cancelled"], True, id="pending"),
    pytest.param(("confirmed",), ["processing", "cancelled"], True, id="confirmed"),
    pytest.param(("confirmed", "processing"), ["shipped", "cancelled"], False, id="processing"),
    pytest.param(("confirmed", "processing", "shipped"), ["delivered"], False, id="shipped"),
    pytest.param(("confirmed", "processing", "shipped", "delivered"), [], False, id="delivered"),
    pytest.param(("cancelled",), [], False, id="cancelled"),
])
def test_an_order_says_which_statuses_it_may_move_to_and_whether_its_money_may_change(
        client, place, path, next_statuses, money_editable):
    moved = move(client, place(), *path)
    fetched = client.get(order_url(moved["id"])).get_json()
    listed = client.get(ORDERS).get_json()["results"][0]

    for order in (moved, fetched, listed):
        assert (order["next_statuses"], order["money_editable"]) == (next_statuses, money_editable)
    for status in next_statuses:  # each status offered is one the transition takes
        fresh = move(client, place(order_number=f"SO-{status}"), *path)
        response = client.post(order_url(fresh["id"], "transition"), json={"status": status})
        assert response.status_code == 200, response.get_json()


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"status": "lost"}, "status", id="unknown status"),
    pytest.param({}, "status", id="no status"),
    pytest.param({"status": "confirmed", "reason": "x"}, "reason", id="unknown field"),
])
def test_a_bad_transition_body_is_422(client, place, body, field):
    error = assert_error(client.post(order_url(place()["id"], "transition"), json=body), 422, "VALIDATION_FAILED")
    assert field in detail_fields(error)


def test_lists_filter_order_and_page(client, place, customer):
    other = create_customer(client, name="Other")
    cheap = place(order_number="A-1", total="1.00")
    dear = place(order_number="B-1", total="900.00")
    move(client, dear, "confirmed")
    elsewhere = place(order_number="C-1", total="50.00", customer_id=other["id"])

    def ids(url: str) -> list[str]:
        response = client.get(url)
        assert response.status_code == 200, response.get_json()
        return [o["id"] for o in response.get_json()["results"]]

    assert ids(ORDERS) == [elsewhere["id"], dear["id"], cheap["id"]]
    assert ids(f"{ORDERS}?order_by=-total") == [dear["id"], elsewhere["id"], cheap["id"]]
    assert ids(f"{ORDERS}?status=confirmed") == [dear["id"]]
    assert ids(f"{ORDERS}?customer_id={other['id']}") == [elsewhere["id"]]
    assert ids(customer_url(customer["id"], "orders") + "?order_by=total") == [cheap["id"], dear["id"]]
    page = client.get(f"{ORDERS}?page_size=2&order_by=order_number").get_json()
    assert set(page) == {"results", "total", "total_exact", "page", "page_size", "next_cursor"}
    assert (page["total"], page["total_exact"], page["page"], page["page_size"]) == (3, True, 1, 2)
    rest = client.get(f"{ORDERS}?page_size=2&order_by=order_number&cursor={page['next_cursor']}").get_json()
    assert ([o["id"] for o in rest["results"]], rest["next_cursor"]) == ([elsewhere["id"]], None)


@pytest.mark.parametrize("query", [
    pytest.param("order_by=-order_number", id="unsupported order"),
    pytest.param("status=lost", id="unknown status"),
    pytest.param("page_size=0", id="page size 0"),
    pytest.param("colour=red", id="unknown parameter"),
])
def test_bad_list_parameters_are_400(client, query):
    error = assert_error(client.get(f"{ORDERS}?{query}"), 400, "INVALID_ARGUMENT")
    assert query.split("=")[0] in detail_fields(error)


def _valid_body(customer_id: str) -> dict[str, Any]:
    return {"customer_id": customer_id, "order_number": "OK-1", "total": "10.00"}


BAD_FIELDS = [
    pytest.param({"total": "-1"}, "total", id="negative total"),
    pytest.param({"total": "1.001"}, "total", id="three decimals"),
    pytest.param({"total": "ten"}, "total", id="total not a number"),
    pytest.param({"total": [1]}, "total", id="total a list"),
    pytest.param({"currency": "EURO"}, "currency", id="four-letter currency"),
    pytest.param({"currency": "XXY"}, "currency", id="not ISO 4217"),
    pytest.param({"order_number": ""}, "order_number", id="empty number"),
    pytest.param({"order_number": "SO 1"}, "order_number", id="number with a space"),
    pytest.param({"order_number": "S" * 65}, "order_number", id="65-char number"),
    pytest.param({"notes": "n" * 5001}, "notes", id="5001-char notes"),
    pytest.param({"owner_id": ""}, "owner_id", id="empty owner"),
    pytest.param({"shipping_address": {"city": "c" * 101}}, "shipping_address.city", id="101-char city"),
    pytest.param({"shipping_address": {"line1": "l" * 201}}, "shipping_address.line1", id="201-char line1"),
    pytest.param({"shipping_address": {"zip": "1"}}, "shipping_address.zip", id="unknown address field"),
    pytest.param({"shipping_address": "Ermou 1"}, "shipping_address", id="address as text"),
    pytest.param({"discount": 5}, "discount", id="unknown field"),
    *[pytest.param({name: "x"}, name, id=f"server-owned {name}") for name in SERVER_OWNED],
]
METHODS = [pytest.param("POST", id="POST"), pytest.param("PATCH", id="PATCH"), pytest.param("PUT", id="PUT")]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("body", "field"), BAD_FIELDS)
def test_bad_field_is_422_naming_it(client, place, customer, method, body, field):
    if method == "POST":
        response = client.post(ORDERS, json={**_valid_body(customer["id"]), **body})
    else:
        response = client.open(order_url(place()["id"]), method=method, json=body)

    error = assert_error(response, 422, "VALIDATION_FAILED")

    assert field in detail_fields(error)


@pytest.mark.parametrize(("body", "fields"), [
    pytest.param({}, ["customer_id", "order_number", "total"], id="empty object"),
    pytest.param({"customer_id": "c", "total": "1"}, ["order_number"], id="no number"),
    pytest.param({"customer_id": "c", "order_number": "A"}, ["total"], id="no total"),
])
def test_missing_required_fields_are_422_naming_each(client, body, fields):
    error = assert_error(client.post(ORDERS, json=body), 422, "VALIDATION_FAILED")
    assert sorted(detail_fields(error)) == fields


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"customer_id": "c1"}, "customer_id", id="customer_id"),
    pytest.param({"total": None}, "total", id="null total"),
    pytest.param({"order_number": None}, "order_number", id="null number"),
])
def test_bad_update_only_fields_are_422(client, place, body, field):
    error = assert_error(client.patch(order_url(place()["id"]), json=body), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == [field]


def test_a_customer_that_is_missing_or_deleted_is_422(client, customer):
    error = assert_error(client.post(ORDERS, json=_valid_body("missing")), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["customer_id"]
    assert client.delete(customer_url(customer["id"])).status_code == 204
    error = assert_error(client.post(ORDERS, json=_valid_body(customer["id"])), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["customer_id"]


def test_a_currency_without_a_rate_is_422(client, customer, place):
    error = assert_error(client.post(ORDERS, json={**_valid_body(customer["id"]), "currency": "CHF"}),
                         422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["currency"]
    error = assert_error(client.patch(order_url(place()["id"]), json={"currency": "CHF"}), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["currency"]
