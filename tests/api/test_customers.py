"""Customer records through HTTP: create, read, partial update, soft delete and restore, notes, upgrade."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.api.helpers import CUSTOMERS, assert_error, create_customer, customer_url, detail_fields

ACME = {"name": "Acme Corp", "email": "contact@acme.com", "company": "Acme Corporation", "status": "lead"}
UPDATE_METHODS = [pytest.param("PATCH", id="PATCH"), pytest.param("PUT", id="PUT")]


def _time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    assert parsed.utcoffset() == timedelta(0), value
    return parsed


def test_create_the_readme_example(client):
    before = datetime.now(UTC)
    response = client.post(CUSTOMERS, json=ACME)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"] == customer_url(body["id"])
    assert body["id"]
    assert body["name"] == "Acme Corp"
    assert body["organization"] == "Acme Corporation"
    assert "company" not in body
    assert body["contacts"] == [{"type": "email", "label": None, "value": "contact@acme.com", "primary": True}]
    assert body["email"] == "contact@acme.com"
    assert body["phone"] is None
    assert body["status"] == "lead"
    assert body["owner_id"] == "user-1"
    assert body["language"] == "el"
    assert body["lifetime_value"] == "0.00"
    assert body["deleted_at"] is None
    assert before - timedelta(seconds=5) <= _time(body["created_at"]) <= datetime.now(UTC) + timedelta(seconds=5)
    assert body["updated_at"] == body["created_at"]


def test_create_normalizes_tags_and_contacts(client):
    body = create_customer(
        client, email="  Mixed.Case@Example.COM ", phone="210 123 4567", tags=[" VIP ", "vip", "b2b"]
    )
    assert body["email"] == "mixed.case@example.com"
    assert body["phone"] == "+302101234567"
    assert body["tags"] == ["vip", "b2b"]


def test_create_with_notes_credits_the_caller(client, token_for):
    response = client.post(CUSTOMERS, json={"name": "Noted", "notes": [{"text": "first call"}]},
                           headers={"Authorization": f"Bearer {token_for('rep-3', 'rep')}"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert [(n["text"], n["by"]) for n in body["notes"]] == [("first call", "rep-3")]
    assert body["owner_id"] == "rep-3"


def test_get_returns_what_create_returned(client):
    created = create_customer(client, **ACME | {"email": "get@acme.com"})
    response = client.get(customer_url(created["id"]))
    assert response.status_code == 200
    assert response.get_json() == created


def test_get_unknown_customer_is_404(client):
    error = assert_error(client.get(customer_url("no-such-id")), 404, "NOT_FOUND")
    assert "no-such-id" in error["message"]


@pytest.mark.parametrize("method", UPDATE_METHODS)
def test_update_changes_only_the_fields_sent(client, method):
    created = create_customer(client, name="Before", organization="Org", tags=["a"], status="prospect",
                              location={"city": "Athens"})
    response = client.open(customer_url(created["id"]), method=method, json={"name": "After", "tags": ["b"]})
    assert response.status_code == 200, response.get_json()
    updated = response.get_json()
    assert updated["name"] == "After"
    assert updated["tags"] == ["b"]
    unchanged = ("organization", "status", "location", "contacts", "email", "owner_id", "created_at", "language")
    assert {k: updated[k] for k in unchanged} == {k: created[k] for k in unchanged}
    assert _time(updated["updated_at"]) > _time(created["updated_at"])
    assert client.get(customer_url(created["id"])).get_json() == updated


@pytest.mark.parametrize("method", UPDATE_METHODS)
def test_update_email_shorthand_replaces_the_primary_email(client, method):
    created = create_customer(client, email="old@example.com")
    response = client.open(customer_url(created["id"]), method=method, json={"email": "New@Example.com"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["email"] == "new@example.com"
    assert [c["value"] for c in response.get_json()["contacts"]] == ["new@example.com"]


@pytest.mark.parametrize("method", UPDATE_METHODS)
def test_update_unknown_customer_is_404(client, method):
    assert_error(client.open(customer_url("no-such-id"), method=method, json={"name": "x"}), 404, "NOT_FOUND")


def test_delete_answers_204_with_no_body(client):
    created = create_customer(client)
    response = client.delete(customer_url(created["id"]))
    assert response.status_code == 204
    assert response.data == b""


@pytest.mark.parametrize(("method", "action", "body"), [
    pytest.param("GET", "", None, id="GET"),
    pytest.param("PATCH", "", {"name": "x"}, id="PATCH"),
    pytest.param("PUT", "", {"name": "x"}, id="PUT"),
    pytest.param("DELETE", "", None, id="DELETE again"),
    pytest.param("POST", "notes", {"text": "x"}, id="POST notes"),
    pytest.param("POST", "upgrade", None, id="POST upgrade"),
])
def test_a_deleted_customer_is_gone(client, method, action, body):
    created = create_customer(client)
    assert client.delete(customer_url(created["id"])).status_code == 204
    assert_error(client.open(customer_url(created["id"], action), method=method, json=body), 404, "NOT_FOUND")


def test_a_deleted_customer_is_hidden_from_the_list(client):
    kept, deleted = create_customer(client, name="Kept"), create_customer(client, name="Deleted")
    client.delete(customer_url(deleted["id"]))
    listed = client.get(CUSTOMERS).get_json()
    assert [c["id"] for c in listed["results"]] == [kept["id"]]
    assert listed["total"] == 1
    assert client.get(f"{CUSTOMERS}?search=deleted").get_json()["results"] == []


def test_restore_brings_a_customer_back(client):
    created = create_customer(client, name="Phoenix")
    client.delete(customer_url(created["id"]))
    response = client.post(customer_url(created["id"], "restore"))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["deleted_at"] is None
    assert client.get(customer_url(created["id"])).status_code == 200
    assert [c["id"] for c in client.get(f"{CUSTOMERS}?search=phoenix").get_json()["results"]] == [created["id"]]


def test_restore_of_an_active_customer_is_409(client):
    created = create_customer(client)
    assert_error(client.post(customer_url(created["id"], "restore")), 409, "FAILED_PRECONDITION")


def test_restore_of_an_unknown_customer_is_404(client):
    assert_error(client.post(customer_url("no-such-id", "restore")), 404, "NOT_FOUND")


def test_note_author_and_time_are_set_by_the_server(client, token_for):
    created = create_customer(client, owner_id="rep-7")
    before = datetime.now(UTC)
    response = client.post(customer_url(created["id"], "notes"), json={"text": "  called back  "},
                           headers={"Authorization": f"Bearer {token_for('rep-7', 'rep')}"})
    assert response.status_code == 201, response.get_json()
    [note] = response.get_json()["notes"]
    assert note["text"] == "called back"
    assert note["by"] == "rep-7"
    assert before - timedelta(seconds=5) <= _time(note["at"]) <= datetime.now(UTC) + timedelta(seconds=5)


def test_notes_are_appended_in_order(client):
    created = create_customer(client)
    for text in ("one", "two", "three"):
        assert client.post(customer_url(created["id"], "notes"), json={"text": text}).status_code == 201
    notes = client.get(customer_url(created["id"])).get_json()["notes"]
    assert [n["text"] for n in notes] == ["one", "two", "three"]


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({}, "text", id="missing text"),
    pytest.param({"text": "   "}, "text", id="blank text"),
    pytest.param({"text": "x" * 5001}, "text", id="5001 chars"),
    pytest.param({"text": "x", "by": "someone-else"}, "by", id="author"),
    pytest.param({"text": "x", "at": "2020-01-01T00:00:00Z"}, "at", id="time"),
])
def test_bad_note_is_422_naming_the_field(client, body, field):
    created = create_customer(client)
    error = assert_error(client.post(customer_url(created["id"], "notes"), json=body), 422, "VALIDATION_FAILED")
    assert field in [d["field"] for d in error["details"]]


@pytest.mark.parametrize("status", ["lead", "prospect"])
def test_upgrade_makes_a_customer(client, status):
    created = create_customer(client, status=status)
    response = client.post(customer_url(created["id"], "upgrade"))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "customer"
    assert client.get(customer_url(created["id"])).get_json()["status"] == "customer"


def test_upgrading_twice_is_409(client):
    created = create_customer(client, status="lead")
    assert client.post(customer_url(created["id"], "upgrade")).status_code == 200
    error = assert_error(client.post(customer_url(created["id"], "upgrade")), 409, "FAILED_PRECONDITION")
    assert "customer" in error["message"]


def test_upgrading_a_churned_customer_is_409(client):
    created = create_customer(client, status="churned")
    assert_error(client.post(customer_url(created["id"], "upgrade")), 409, "FAILED_PRECONDITION")
    assert client.get(customer_url(created["id"])).get_json()["status"] == "churned"


def test_a_free_text_owned_item_keeps_its_serial_number(client):
    """The shape of imported customers: a free-text item with a serial number, read back as it was written."""
    item = {"type": "freetext", "description": "Refurbished arcade board", "serial_number": "AB-2291-X",
            "notes": "bought second hand"}
    created = create_customer(client, owned_items=[item])
    assert created["owned_items"] == [item]
    assert client.get(customer_url(created["id"])).get_json()["owned_items"] == [item]
    error = assert_error(client.patch(customer_url(created["id"]),
                                      json={"owned_items": [{**item, "serial_number": "S" * 101}]}),
                         422, "VALIDATION_FAILED")
    assert detail_fields(error) == ["owned_items.0.freetext.serial_number"]
