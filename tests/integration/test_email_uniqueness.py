"""An email belongs to at most one active customer: claims are taken, checked and released in one transaction."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.customer_queries import CustomerListParams
from crm.errors import AlreadyExistsError
from crm.services import customers as service
from crm.store.customers import EMAIL_CLAIMS
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator


def claims_for(db, names, email: str) -> list[dict]:
    query = db.collection(names.customer_emails).where(filter=FieldFilter("email", "==", email))
    return [s.to_dict() for s in query.stream()]


def assert_names_owner(error: pytest.ExceptionInfo[AlreadyExistsError], owner_id: str, email: str) -> None:
    assert owner_id in error.value.message
    assert error.value.details[0]["field"] == "email"
    assert error.value.details[0]["customer_id"] == owner_id
    assert error.value.details[0]["value"] == email


def test_create_claims_the_normalized_email(db, names, create):
    created = create(email="Ann.Smith@Example.COM")

    claim = db.collection(names.customer_emails).document(EMAIL_CLAIMS.claim_id("ann.smith@example.com")).get()

    assert claim.exists
    assert claim.to_dict() == {"email": "ann.smith@example.com", "customer_id": created.id}


def test_creating_with_an_active_customers_email_fails_case_insensitively(db, names, customers, create):
    owner = create(email="ann@example.com")

    with pytest.raises(AlreadyExistsError) as error:
        create(name="Copycat", email="ANN@Example.Com")

    assert_names_owner(error, owner.id, "ann@example.com")
    assert [c.id for c in service.list_customers(customers, CustomerListParams(), admin_caller()).results] == [owner.id]
    assert claims_for(db, names, "ann@example.com") == [{"email": "ann@example.com", "customer_id": owner.id}]


def test_deleting_a_customer_releases_its_email(transactions, db, names, customers, create, caller):
    first = create(email="shared@example.com")
    service.delete_customer(transactions, first.id, caller)

    assert claims_for(db, names, "shared@example.com") == []
    second = create(email="shared@example.com")

    assert service.get_customer(customers, second.id, admin_caller()).email == "shared@example.com"
    assert claims_for(db, names, "shared@example.com") == [{"email": "shared@example.com", "customer_id": second.id}]


def test_restoring_fails_when_the_email_was_taken_meanwhile(transactions, db, names, customers, create, caller):
    first = create(email="shared@example.com")
    service.delete_customer(transactions, first.id, caller)
    second = create(email="shared@example.com")

    with pytest.raises(AlreadyExistsError) as error:
        service.restore_customer(transactions, first.id, caller)

    assert_names_owner(error, second.id, "shared@example.com")
    assert customers.get(first.id).deleted_at is not None
    assert claims_for(db, names, "shared@example.com") == [{"email": "shared@example.com", "customer_id": second.id}]


def test_restoring_reclaims_a_free_email(transactions, db, names, customers, create, caller):
    first = create(email="back@example.com")
    service.delete_customer(transactions, first.id, caller)
    service.restore_customer(transactions, first.id, caller)

    assert claims_for(db, names, "back@example.com") == [{"email": "back@example.com", "customer_id": first.id}]
    with pytest.raises(AlreadyExistsError):
        create(email="back@example.com")


def test_changing_email_releases_the_old_one(transactions, db, names, customers, create, update_data, caller):
    first = create(email="old@example.com")

    service.update_customer(transactions, first.id, update_data(email="new@example.com"), caller)

    assert claims_for(db, names, "old@example.com") == []
    assert claims_for(db, names, "new@example.com") == [{"email": "new@example.com", "customer_id": first.id}]
    taker = create(email="old@example.com")
    assert service.get_customer(customers, taker.id, admin_caller()).email == "old@example.com"
    with pytest.raises(AlreadyExistsError) as error:
        create(email="new@example.com")
    assert_names_owner(error, first.id, "new@example.com")


def test_replacing_contacts_releases_dropped_emails(transactions, db, names, customers, create, update_data, caller):
    first = create(email="a@example.com", contacts=[{"type": "email", "value": "b@example.com"}])

    service.update_customer(transactions, first.id, update_data(contacts=[{"type": "email", "value": "b@example.com"}]),
                            caller)

    assert claims_for(db, names, "a@example.com") == []
    assert [c["customer_id"] for c in claims_for(db, names, "b@example.com")] == [first.id]


def test_concurrent_creations_with_one_email_let_exactly_one_win(db, names, customers, create):
    contenders = 12
    start = threading.Barrier(contenders)

    def attempt(n: int):
        start.wait()
        try:
            return create(name=f"Racer {n}", email="Race@Example.com")
        except AlreadyExistsError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=contenders) as pool:
        outcomes = list(pool.map(attempt, range(contenders)))

    winners = [o for o in outcomes if not isinstance(o, AlreadyExistsError)]
    losers = [o for o in outcomes if isinstance(o, AlreadyExistsError)]
    assert len(winners) == 1, outcomes
    assert len(losers) == contenders - 1
    assert {e.details[0]["customer_id"] for e in losers} == {winners[0].id}
    assert claims_for(db, names, "race@example.com") == [{"email": "race@example.com", "customer_id": winners[0].id}]
    assert [s.id for s in db.collection(names.customers).stream()] == [winners[0].id]


def test_a_stale_claim_is_released_and_the_email_taken(db, names, create):
    db.collection(names.customer_emails).document(EMAIL_CLAIMS.claim_id("ghost@example.com")).set(
        {"email": "ghost@example.com", "customer_id": "gone"}
    )

    created = create(email="ghost@example.com")

    assert claims_for(db, names, "ghost@example.com") == [{"email": "ghost@example.com", "customer_id": created.id}]
