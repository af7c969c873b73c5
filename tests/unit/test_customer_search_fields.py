"""A customer's search fields: what it is found by, its rank per scope, and none once deleted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from google.cloud.firestore_v1.base_document import DocumentSnapshot
from google.cloud.firestore_v1.document import DocumentReference

from crm.domain.customers import Customer, CustomerCreate, new_customer
from crm.domain.search.customer_fields import customer_activity, customer_search_values
from crm.store.customers import customer_from_snapshot, customer_to_document
from crm.store.search.documents import ALL_SCOPE, RANKS, TOKENS, TYPOS, owner_scope, rank_value

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def make(**body: Any) -> Customer:
    data = CustomerCreate.model_validate({"name": "Ana", **body}, context={"phone_region": "GR"})
    return new_customer(data, customer_id="c1", by="rep-1", now=NOW, default_language="el")


def test_values_by_field() -> None:
    customer = make(name="Γιώργος", company="Café Ltd", email="giorgos@example.com", phone="210 1234567",
                    contacts=[{"type": "other", "value": "skype:ana.k"}])
    assert customer_search_values(customer) == {
        "name": ["Γιώργος"], "organization": ["Café Ltd"], "email": ["giorgos@example.com"],
        "phone": ["302101234567", "2101234567"], "contact": ["skype:ana.k"],
    }


def test_document_holds_every_key_the_customer_is_found_by() -> None:
    document = customer_to_document(make(name="Γιώργος", company="Café Ltd", email="giorgos@example.com",
                                         phone="210 1234567"))
    tokens = set(document[TOKENS])
    assert {"γιω", "γιωργοσ", "caf", "ltd", "giorgos", "example"} <= tokens
    assert {"30210", "302101234567", "210", "2101234567", "1234567", "0123"} <= tokens
    assert "giorgos" in document[TYPOS] and "giorgs" in document[TYPOS]
    assert not any("+" in token or " " in token for token in tokens)


def test_ranks_are_kept_for_everyone_and_for_the_owner() -> None:
    document = customer_to_document(make(email="ana@example.com"))
    scopes = document[RANKS]
    assert set(scopes) == {ALL_SCOPE, owner_scope("rep-1")}
    assert scopes[ALL_SCOPE] == scopes[owner_scope("rep-1")]
    assert set(scopes[ALL_SCOPE]) == set(document[TOKENS])
    assert scopes[ALL_SCOPE]["ana"] < scopes[ALL_SCOPE]["example"]  # exact name before exact email


def test_rank_values_sort_by_tier_then_latest_activity() -> None:
    assert rank_value(0, NOW - timedelta(days=900)) < rank_value(1, NOW)
    assert rank_value(1, NOW) < rank_value(1, NOW - timedelta(seconds=1))


def test_activity_is_the_latest_change_or_activity() -> None:
    customer = make()
    assert customer_activity(customer) == NOW
    later = NOW + timedelta(hours=2)
    assert customer_activity(customer.model_copy(update={"last_activity_at": later})) == later


def test_a_deleted_customer_has_no_search_fields() -> None:
    document = customer_to_document(make().model_copy(update={"deleted_at": NOW}))
    assert not {TOKENS, RANKS, TYPOS} & set(document)


def test_search_fields_are_not_read_back_into_the_customer() -> None:
    stored = customer_to_document(make(email="ana@example.com"))
    snapshot = DocumentSnapshot(DocumentReference("customers", "c1", client=None), stored, True, None, None, None)

    customer = customer_from_snapshot(snapshot)

    assert customer == make(email="ana@example.com")
    customer.contacts[0].value = "changed@example.com"
    assert snapshot.to_dict() == stored  # what the customer holds is its own copy
