"""What a customer looks like in Firestore, and that reading it back gives the same customer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from crm.domain.common import utc_now
from crm.domain.customers import Customer
from crm.services import customers as service
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

FULL_BODY = {
    "name": "Ελένη Παπαδοπούλου",
    "organization": "Café Αθήνα Ltd",
    "email": "Eleni@Example.GR",
    "phone": "210 123 4567",
    "contacts": [
        {"type": "whatsapp", "value": "+30 691 234 5678", "label": "mobile"},
        {"type": "other", "value": "@eleni", "label": "social"},
    ],
    "location": {"city": "Αθήνα", "country": "GR", "region": "Αττική"},
    "language": "el",
    "tags": ["VIP", "b2b", "vip"],
    "owned_items": [
        {"type": "console_device", "device_id": "DEV-1", "label": "Cabinet", "serial_number": "SN1"},
        {"type": "product", "product_name": "Joystick", "quantity": 2, "serial_numbers": ["A", "B"]},
        {"type": "freetext", "description": "Spare parts"},
    ],
    "linked_user_ids": ["u1", "u2"],
    "nextcloud_folder": "/Customers/Eleni",
    "status": "prospect",
    "source": "referral",
    "notes": [{"text": "met at the fair"}],
}


def stored(db, names, customer_id: str) -> dict:
    snapshot = db.collection(names.customers).document(customer_id).get()
    assert snapshot.exists
    return snapshot.to_dict()


def set_lifetime_value(transactions, customer_id: str, amount: Decimal) -> Customer:
    def work(tx) -> Customer:
        current = tx.customers.get(customer_id)
        changed = current.model_copy(update={"lifetime_value": amount})
        tx.customers.put(changed, current)
        return changed

    return transactions.run(work, actor=admin_caller())


def assert_utc(value) -> None:
    assert value.tzinfo is not None
    assert value.utcoffset() == timedelta(0)


def test_full_customer_round_trips_losslessly(customers, create):
    created = create(**FULL_BODY)

    fetched = service.get_customer(customers, created.id, admin_caller())

    assert fetched == created
    assert fetched.model_dump(mode="json") == created.model_dump(mode="json")
    assert fetched.phone == "+302101234567"
    assert fetched.tags == ["vip", "b2b"]
    assert sorted(c.value for c in fetched.contacts) == ["+302101234567", "+306912345678", "@eleni", "eleni@example.gr"]


def test_document_holds_derived_fields_and_no_computed_ones(db, names, create):
    created = create(**FULL_BODY)

    document = stored(db, names, created.id)

    assert {"id", "email", "phone", "lifetime_value"}.isdisjoint(document)
    assert document["lifetime_value_cents"] == 0
    assert type(document["lifetime_value_cents"]) is int
    assert document["name_sort"] == "ελενη παπαδοπουλου"
    tokens = document["search_tokens"]
    assert isinstance(tokens, dict) and set(tokens.values()) == {True}
    assert {"ε", "ελενη", "παπαδ", "cafe", "αθηνα", "ltd", "eleni", "example", "gr"} <= set(tokens)
    assert {"2101234567", "302101234567", "6912345678", "306912345678", "eleni"} <= set(tokens)
    assert "αττικη" not in tokens and "dev" not in tokens and "fair" not in tokens
    assert document["status"] == "prospect" and document["source"] == "referral"
    assert document["location"] == {"city": "Αθήνα", "country": "GR", "region": "Αττική"}
    assert document["owned_items"][1] == {
        "type": "product", "product_id": None, "product_name": "Joystick", "quantity": 2,
        "serial_numbers": ["A", "B"], "notes": None,
    }
    assert document["deleted_at"] is None


def test_timestamps_are_stored_and_read_as_utc(transactions, db, names, customers, create, caller):
    before = utc_now()
    created = create(**FULL_BODY)
    service.delete_customer(transactions, created.id, caller)

    document = stored(db, names, created.id)
    for value in (document["created_at"], document["updated_at"], document["deleted_at"], document["notes"][0]["at"]):
        assert_utc(value)
        assert before <= value <= utc_now()
    read = customers.get(created.id)
    for value in (read.created_at, read.updated_at, read.deleted_at, read.notes[0].at):
        assert_utc(value)
    assert read.created_at == created.created_at


@pytest.mark.parametrize(
    ("amount", "cents", "read_back"),
    [
        pytest.param(Decimal("1234.56"), 123456, Decimal("1234.56"), id="exact"),
        pytest.param(Decimal("0.1"), 10, Decimal("0.10"), id="one decimal"),
        pytest.param(Decimal("10.005"), 1001, Decimal("10.01"), id="half up"),
        pytest.param(Decimal("99999999.99"), 9999999999, Decimal("99999999.99"), id="large"),
    ],
)
def test_lifetime_value_is_stored_as_integer_cents(db, names, transactions, customers, create, amount, cents,
                                                   read_back):
    created = create()

    set_lifetime_value(transactions, created.id, amount)

    document = stored(db, names, created.id)
    assert document["lifetime_value_cents"] == cents
    assert type(document["lifetime_value_cents"]) is int
    value = service.get_customer(customers, created.id, admin_caller()).lifetime_value
    assert value == read_back
    assert str(value) == str(read_back)


def test_name_sort_and_tokens_follow_changes(transactions, db, names, customers, create, update_data, caller):
    created = create(name="Zeta Corp", company="Old Company")

    service.update_customer(transactions, created.id, update_data(name="Ántonis", organization="Newco"), caller)

    document = stored(db, names, created.id)
    assert document["name_sort"] == "antonis"
    assert {"antonis", "newco"} <= set(document["search_tokens"])
    assert {"zeta", "old", "company"}.isdisjoint(document["search_tokens"])
