"""Pure contact person rules: the input models, the search values a person is found by, and its document's size."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from crm.domain.people.persons import Person, PersonCreate, PersonUpdate
from crm.domain.people.queries import PersonListParams
from crm.domain.people.search_fields import PERSON_SEARCH, person_search_values
from crm.errors import ValidationFailedError
from crm.store.people.documents import person_to_document
from tests.unit.test_document_sizes import firestore_size

NOW = datetime(2026, 5, 1, tzinfo=UTC)
CONTEXT = {"phone_region": "GR"}


def test_a_person_needs_a_name():
    with pytest.raises(ValidationFailedError) as caught:
        PersonCreate.model_validate({"job_title": "CEO"}, context=CONTEXT)
    assert [d["field"] for d in caught.value.details] == ["first_name", "last_name"]


def test_channels_are_normalised_as_a_customers_are():
    data = PersonCreate.model_validate({"last_name": "Papadopoulou", "email": " Maria@ACME.gr ",
                                        "phone": "210 555 1234", "contacts": [
                                            {"type": "whatsapp", "value": "6944 123456"}]}, context=CONTEXT)
    assert (data.email, data.phone, data.contacts[0].value) == ("maria@acme.gr", "+302105551234", "+306944123456")


@pytest.mark.parametrize("body", [
    pytest.param({"first_name": "M", "email": "not-an-email"}, id="bad email"),
    pytest.param({"first_name": "M", "phone": "12"}, id="bad phone"),
    pytest.param({"first_name": "M", "contacts": [{"type": "email", "value": "a@b.gr", "primary": True},
                                                  {"type": "email", "value": "c@b.gr", "primary": True}]},
                 id="two primary emails"),
    pytest.param({"first_name": "M", "customer_id": "x"}, id="customer_id"),
    pytest.param({"first_name": "M", "do_not_call": None}, id="null flag"),
    pytest.param({"first_name": "x" * 101}, id="101 characters"),
])
def test_bad_bodies_are_refused(body):
    with pytest.raises((ValidationError, ValidationFailedError)):
        PersonCreate.model_validate(body, context=CONTEXT)


def test_server_owned_fields():
    assert {"customer_id", "customer_name", "deleted_at"} <= PersonUpdate.server_owned_fields


def test_a_person_is_found_by_name_channels_and_customer():
    person = Person(id="p", customer_id="c", customer_name="Acme Hellas", customer_organization="Aegean Group",
                    first_name="Μαρία", last_name="Παπά",
                    contacts=[{"type": "email", "value": "maria@acme.gr"}, {"type": "phone", "value": "+302105551234"}],
                    created_at=NOW, updated_at=NOW)
    tokens = PERSON_SEARCH.tokens(person_search_values(person))
    assert {"μαρια", "maria", "acme", "hellas", "aegean", "2105551234", "5551234"} <= set(tokens)
    assert tokens["μαρια"] < tokens["acme"], "a name ranks before the customer's name"


def test_search_and_order_do_not_combine():
    with pytest.raises(ValidationError):
        PersonListParams(search="maria", order_by="name")


@pytest.mark.parametrize("alphabet", ["abcdefghijklmnopqrstuvwxyz", "αβγδεζηθικλμνξοπρστυφχψω"])
def test_a_person_at_every_limit_stays_small(alphabet):
    def text(n: int, seed: int) -> str:
        return "".join(alphabet[(seed + i * 7) % len(alphabet)] if i % 21 else " " for i in range(n)).strip()

    person = Person(id="a" * 20, customer_id="r" * 128, customer_name=text(200, 1), first_name=text(100, 2),
                    last_name=text(100, 3), job_title=text(100, 4), department=text(100, 5), notes=text(5000, 6),
                    contacts=[{"type": "other", "value": text(254, n)} for n in range(20)], owner_id="u" * 128,
                    created_at=NOW, updated_at=NOW)
    document = person_to_document(person)
    assert len(document["search_tokens"]) <= PERSON_SEARCH.max_tokens
    assert firestore_size(document) < 400 * 1024
