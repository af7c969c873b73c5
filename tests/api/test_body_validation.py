"""Bad customer bodies on POST and PATCH: 422 VALIDATION_FAILED with details that name each wrong field."""

from __future__ import annotations

import pytest

from crm.domain.customers import MAX_TAGS
from tests.api.helpers import CUSTOMERS, assert_error, create_customer, customer_url, detail_fields

SERVER_OWNED = ["id", "created_at", "updated_at", "deleted_at", "lifetime_value"]

# (body, field the details must name); each applies to POST (with a valid name added) and to PATCH.
BAD_FIELDS = [
    pytest.param({"name": ""}, "name", id="empty name"),
    pytest.param({"name": "   "}, "name", id="blank name"),
    pytest.param({"name": "x" * 201}, "name", id="201-char name"),
    pytest.param({"name": 42}, "name", id="number as name"),
    pytest.param({"nickname": "Bob"}, "nickname", id="unknown field"),
    pytest.param({"location": {"planet": "Mars"}}, "location.planet", id="unknown nested field"),
    pytest.param({"email": "not-an-email"}, "email", id="bad email"),
    pytest.param({"email": "a@b@c.com"}, "email", id="two @-signs"),
    pytest.param({"phone": "call me"}, "phone", id="bad phone"),
    pytest.param({"phone": "12"}, "phone", id="too short phone"),
    pytest.param({"status": "vip"}, "status", id="bad status"),
    pytest.param({"source": "billboard"}, "source", id="bad source"),
    pytest.param({"language": "english!"}, "language", id="bad language"),
    pytest.param({"contacts": [{"type": "fax", "value": "123"}]}, "contacts.0.type", id="bad contact type"),
    pytest.param({"contacts": [{"type": "email", "value": "nope"}]}, "contacts.0.value", id="bad contact email"),
    pytest.param({"contacts": [{"type": "phone", "value": "abc"}]}, "contacts.0.value", id="bad contact phone"),
    pytest.param({"contacts": [{"type": "email", "value": "a@x.com"}, {"type": "email", "value": "A@x.com"}]},
                 "contacts", id="same contact twice"),
    pytest.param({"contacts": [{"type": "email", "value": "a@x.com", "primary": True},
                               {"type": "email", "value": "b@x.com", "primary": True}]},
                 "contacts", id="two primary emails"),
    pytest.param({"tags": [f"t{i}" for i in range(MAX_TAGS + 1)]}, "tags", id="one tag too many"),
    pytest.param({"tags": ["x" * 51]}, "tags.0", id="51-char tag"),
    pytest.param({"tags": "vip"}, "tags", id="tags not a list"),
    pytest.param({"owned_items": [{"type": "spaceship"}]}, "owned_items.0", id="owned item of unknown type"),
    pytest.param({"owned_items": [{"description": "no type"}]}, "owned_items.0", id="owned item without type"),
    pytest.param({"owned_items": [{"type": "product", "quantity": 0}]}, "owned_items.0", id="product quantity 0"),
    pytest.param({"status": None}, "status", id="null status"),
    pytest.param({"tags": None}, "tags", id="null tags"),
]
METHODS = [pytest.param("POST", id="POST"), pytest.param("PATCH", id="PATCH")]


@pytest.fixture
def send(client):
    """Send a body to POST /customers (a valid name added to objects without one) or to PATCH of a fresh customer."""

    def send_body(method: str, body):
        if method == "POST":
            return client.post(CUSTOMERS, json={"name": "Valid Name", **body} if isinstance(body, dict) else body)
        return client.patch(customer_url(create_customer(client)["id"]), json=body)

    return send_body


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("body", "field"), BAD_FIELDS)
def test_bad_field_is_422_naming_it(send, method, body, field):
    error = assert_error(send(method, body), 422, "VALIDATION_FAILED")
    fields = detail_fields(error)
    assert any(f == field or (f or "").startswith(field + ".") for f in fields), fields
    assert all(d["message"] for d in error["details"])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("field", SERVER_OWNED)
def test_server_owned_field_is_422_set_by_the_server(send, method, field):
    error = assert_error(send(method, {field: "2020-01-01T00:00:00Z"}), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == [field]
    assert "set by the server" in error["details"][0]["message"]
    assert field in error["message"]


@pytest.mark.parametrize("method", METHODS)
def test_every_server_owned_field_is_named(send, method):
    error = assert_error(send(method, {"id": "x", "lifetime_value": "1"}), 422, "VALIDATION_FAILED")
    assert sorted(detail_fields(error)) == ["id", "lifetime_value"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("body", [
    pytest.param([{"name": "x"}], id="list"),
    pytest.param("Acme", id="string"),
    pytest.param(42, id="number"),
    pytest.param(True, id="boolean"),
])
def test_non_object_body_is_422(send, method, body):
    error = assert_error(send(method, body), 422, "VALIDATION_FAILED")
    assert "object" in error["message"]
    assert error["details"]


def test_missing_name_on_create_is_422(client):
    error = assert_error(client.post(CUSTOMERS, json={"email": "nameless@example.com"}), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["name"]


def test_null_name_on_update_is_422(client):
    created = create_customer(client)
    error = assert_error(client.patch(customer_url(created["id"]), json={"name": None}), 422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["name"]


def test_several_bad_fields_are_all_named(client):
    response = client.post(CUSTOMERS, json={"name": "", "email": "bad", "status": "vip", "color": "red"})
    error = assert_error(response, 422, "VALIDATION_FAILED")
    assert sorted(detail_fields(error)) == ["color", "email", "name", "status"]


@pytest.mark.parametrize(("body", "field", "value"), [
    pytest.param({"name": "x" * 200}, "name", "x" * 200, id="200-char name"),
    pytest.param({"tags": [f"t{i}" for i in range(MAX_TAGS)]}, "tags", [f"t{i}" for i in range(MAX_TAGS)],
                 id="as many tags as allowed"),
    pytest.param({"phone": "+44 20 7946 0958"}, "phone", "+442079460958", id="international phone"),
])
def test_values_at_the_limits_are_accepted(client, body, field, value):
    response = client.post(CUSTOMERS, json={"name": "Limits", **body})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()[field] == value


def test_a_rejected_update_changes_nothing(client):
    created = create_customer(client, name="Untouched")
    client.patch(customer_url(created["id"]), json={"name": "Changed", "status": "vip"})
    assert client.get(customer_url(created["id"])).get_json() == created
