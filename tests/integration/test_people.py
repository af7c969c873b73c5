"""Contact persons on the emulator: documents and claims, search (names, emails, phones, other script, typos, the
customer's name) with bounded reads, a race for one email, and the customer's people count."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from crm.domain.common import utc_now
from crm.domain.people.persons import Person
from crm.domain.people.queries import PersonListParams
from crm.errors import AlreadyExistsError
from crm.services.people import people as service
from crm.store.accounts.totals import FirestoreAccountTotals
from crm.store.people.people import PERSON_EMAIL_CLAIMS, FirestorePeopleReader, import_people
from crm.store.read_meter import metered
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator


@pytest.fixture
def people(db, names) -> FirestorePeopleReader:
    return FirestorePeopleReader(db, names)


def search(people, text: str, **params):
    with metered() as reads:
        page = service.list_people(people, PersonListParams(search=text, **params), admin_caller())
    return page, reads.reads


def test_a_person_is_stored_with_its_claim_and_counted(db, names, create, add_person, people):
    customer = create(name="Acme")
    person = add_person(customer.id, first_name="Maria", last_name="Papadopoulou", email="Maria@Acme.gr")
    assert people.get(person.id) == person
    claim = db.collection(names.person_emails).document(PERSON_EMAIL_CLAIMS.claim_id("maria@acme.gr")).get()
    assert claim.to_dict() == {"email": "maria@acme.gr", "person_id": person.id}
    assert FirestoreAccountTotals(db, names).get(customer.id) == {"people": 1}


def test_search_finds_people_by_name_channel_script_typo_and_customer(create, add_person, people):
    acme = create(name="Acme")
    beta = create(name="Beta Foods")
    maria = add_person(acme.id, first_name="Maria", last_name="Papadopoulou", email="maria@acme.gr",
                       phone="210 555 1234")
    add_person(beta.id, first_name="Μαρία", last_name="Καραγιάννη")
    add_person(beta.id, first_name="Nikos", last_name="Alexiou")

    page, _ = search(people, "maria")
    assert {p.name for p in page.results} == {"Maria Papadopoulou", "Μαρία Καραγιάννη"}
    found = next(p for p in page.results if p.id == maria.id)
    assert (found.customer_id, found.customer_name) == (acme.id, "Acme")
    assert [p.id for p in search(people, "maria acme")[0].results] == [maria.id]
    assert [p.id for p in search(people, "5551234")[0].results] == [maria.id]
    assert [p.id for p in search(people, "acme.gr")[0].results] == [maria.id]
    assert [p.name for p in search(people, "karagianni")[0].results] == ["Μαρία Καραγιάννη"]
    assert [p.name for p in search(people, "papadopolou")[0].results] == ["Maria Papadopoulou"]
    assert search(people, "maria", customer_id=beta.id)[0].results[0].name == "Μαρία Καραγιάννη"


def test_a_deleted_person_is_not_found(transactions, create, add_person, people):
    person = add_person(create().id, first_name="Zoe")
    service.delete_person(transactions, person.id, admin_caller())
    assert search(people, "zoe")[0].results == []
    service.restore_person(transactions, person.id, admin_caller())
    assert [p.id for p in search(people, "zoe")[0].results] == [person.id]


def test_a_search_page_reads_a_page_not_the_people(db, names, seed, people):
    customers = seed([{"name": f"Company {n}"} for n in range(10)])
    now = utc_now()
    crowd = [Person(id=f"p{n:04d}", customer_id=customers[n % 10].id, customer_name=customers[n % 10].name,
                    first_name="Maria", last_name=f"Person{n:04d}", created_at=now, updated_at=now)
             for n in range(300)]
    import_people(db, names, crowd)
    page, reads = search(people, "maria", page_size=25)
    assert (page.total, len(page.results)) == (300, 25) and reads <= 60
    page, reads = search(people, "maria company", page_size=25)
    assert len(page.results) <= 25 and reads <= 60
    page, reads = search(people, "person0042", page_size=25)
    assert page.results[0].id == "p0042" and page.results[0].match.kind == "exact" and reads <= 60
    listed = service.list_people(people, PersonListParams(customer_id=customers[3].id, page_size=100),
                                 admin_caller())
    assert listed.total == 30 and all(p.customer_id == customers[3].id for p in listed.results)


def test_concurrent_people_with_one_email_let_exactly_one_win(db, names, create, add_person):
    contenders = 6
    homes = [create() for _ in range(contenders)]
    start = threading.Barrier(contenders)

    def attempt(n: int):
        start.wait()
        try:
            return add_person(homes[n].id, first_name=f"Racer {n}", email="Race@Acme.gr")
        except AlreadyExistsError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=contenders) as pool:
        outcomes = list(pool.map(attempt, range(contenders)))
    winners = [o for o in outcomes if isinstance(o, Person)]
    assert len(winners) == 1, outcomes
    assert {o.details[0]["person_id"] for o in outcomes if isinstance(o, AlreadyExistsError)} == {winners[0].id}
    assert [s.id for s in db.collection(names.people).stream()] == [winners[0].id]
