"""Ranked, typo-forgiving search on the emulator: order, approximate matches, phones, domains, filters, owners,
deleted customers, cursors, and the reads of a page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from crm.domain.common import utc_now
from crm.domain.customer_queries import CustomerListParams
from crm.identity import Caller, Role
from crm.services import customers as service
from crm.store.read_meter import metered
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator

MAX_READS_PER_PAGE = 60
NOW = utc_now()


def search(customers, caller: Caller | None = None, **params: Any):
    with metered() as reads:
        page = service.list_customers(customers, CustomerListParams(**params), caller or admin_caller())
    assert reads.reads <= params.get("page_size", 25) + 35, reads.reads
    return page


def names(page) -> list[str]:
    return [c.name for c in page.results]


def walk(customers, caller: Caller | None = None, **params: Any) -> list[str]:
    """Every result, page by page through next_cursor."""
    seen: list[str] = []
    cursor = None
    for _ in range(100):
        page = search(customers, caller, **params, **({"cursor": cursor} if cursor else {}))
        seen += [c.id for c in page.results]
        cursor = page.next_cursor
        if cursor is None:
            return seen
    raise AssertionError("paging did not end")


@pytest.fixture
def book(seed):
    """Customers whose names, organizations and contacts share words, each active at a known time."""
    bodies = [
        {"name": "Acme Smith", "email": "smith@old.example"},
        {"name": "Bob Jones", "organization": "Acme", "email": "bob@jones.example"},
        {"name": "Carla Reed", "email": "sales@acme.example"},
        {"name": "Acmeson Dalt", "email": "dalt@other.example"},
        {"name": "Άκμε Ζωή", "email": "zoi@kyma.example"},
        {"name": "Nobody Here", "email": "nobody@here.example"},
    ]
    made = seed(bodies, [{"updated_at": NOW - timedelta(days=n)} for n in range(len(bodies))])
    return {c.name: c for c in made}


def test_exact_words_first_then_by_field_then_word_starts_then_other_spellings(customers, book):
    page = search(customers, search="acme")
    assert names(page) == ["Acme Smith", "Bob Jones", "Carla Reed", "Acmeson Dalt", "Άκμε Ζωή"]
    assert [(c.match.kind, c.match.fields) for c in page.results] == [
        ("exact", ["name"]), ("exact", ["organization"]), ("exact", ["email"]), ("prefix", ["name"]),
        ("approximate", ["name"])]
    assert (page.total, page.total_exact) == (5, True)


def test_other_scripts_come_after_the_exact_match_marked_approximate(customers, book):
    page = search(customers, search="ΑΚΜΕ")
    assert names(page) == ["Άκμε Ζωή", "Acme Smith", "Acmeson Dalt", "Bob Jones", "Carla Reed"]
    assert [c.match.kind for c in page.results] == ["exact"] + ["approximate"] * 4


def test_equal_matches_come_most_recently_active_first(customers, seed):
    ages = {"Helios Old": 30, "Helios New": 0, "Helios Middle": 2}
    seed([{"name": name} for name in ages], [{"updated_at": NOW - timedelta(days=days)} for days in ages.values()])
    assert names(search(customers, search="helios")) == ["Helios New", "Helios Middle", "Helios Old"]


@pytest.fixture
def hellenic(seed):
    bodies = [
        {"name": "Μαρία Παπαδόπουλος", "email": "m1@example.com"},
        {"name": "Maria Papadopoulos", "email": "m2@example.com"},
        {"name": "Γιώργος Καραγιάννης", "email": "g1@example.com"},
        {"name": "Katerina Karagiannis", "email": "k1@example.com"},
        {"name": "Nikos Vlachos", "organization": "Aegean Foods", "email": "nikos@aegean-foods.gr"},
        {"name": "Eleni Vlachou", "organization": "Aegean Foods", "email": "eleni@aegean-foods.gr"},
        {"name": "Christina Smith", "organization": "Olympus Labs", "email": "cs@olympus.example"},
    ]
    return {c.name: c for c in seed(bodies)}


@pytest.mark.parametrize(("query", "first", "expected"), [
    pytest.param("papadopolous", None, {"Maria Papadopoulos", "Μαρία Παπαδόπουλος"}, id="latin typo, both scripts"),
    pytest.param("karagianis", None, {"Katerina Karagiannis", "Γιώργος Καραγιάννης"}, id="doubled letter single"),
    pytest.param("Καραγιανης", None, {"Γιώργος Καραγιάννης", "Katerina Karagiannis"}, id="greek equivalence"),
    pytest.param("Καραγιάνις", None, {"Γιώργος Καραγιάννης", "Katerina Karagiannis"}, id="greek ι for η"),
    pytest.param("papadopoulos", "Maria Papadopoulos", {"Maria Papadopoulos", "Μαρία Παπαδόπουλος"},
                 id="latin for greek, exact first"),
    pytest.param("ΠΑΠΑΔΟΠΟΥΛΟΣ", "Μαρία Παπαδόπουλος", {"Μαρία Παπαδόπουλος", "Maria Papadopoulos"},
                 id="greek for latin, exact first"),
    pytest.param("maria papadopolous", None, {"Maria Papadopoulos", "Μαρία Παπαδόπουλος"}, id="typo beside a name"),
    pytest.param("katrina karagiannis", None, {"Katerina Karagiannis"}, id="typo in the shorter word"),
    pytest.param("aegaen", None, {"Eleni Vlachou", "Nikos Vlachos"}, id="organization typo"),
    pytest.param("kristina", None, {"Christina Smith"}, id="christina as it sounds"),
    pytest.param("karagainnis", None, {"Katerina Karagiannis"}, id="swap across a digraph, same script only"),
])
def test_approximate_matches(customers, hellenic, query, first, expected):
    page = search(customers, search=query)
    assert set(names(page)) == expected
    if first:
        assert names(page)[0] == first


def test_an_approximate_match_is_marked(customers, hellenic):
    page = search(customers, search="papadopolous")
    assert {(c.match.kind, tuple(c.match.fields)) for c in page.results} == {("approximate", ("name",))}


def test_exact_matches_fill_the_page_before_approximate_ones(customers, seed):
    seed([{"name": f"Markos Exact{n}"} for n in range(4)] + [{"name": "Marcos Near"}])
    page = search(customers, search="markos", page_size=3)
    assert [c.match.kind for c in page.results] == ["exact"] * 3
    rest = search(customers, search="markos", page_size=3, cursor=page.next_cursor)
    assert [(c.name, c.match.kind) for c in rest.results][-1] == ("Marcos Near", "approximate")
    assert rest.next_cursor is None or not search(customers, search="markos", page_size=3,
                                                  cursor=rest.next_cursor).results


@pytest.mark.parametrize(("query", "found"), [
    pytest.param("5551234", True, id="seven digits inside"),
    pytest.param("555 1234", True, id="groups inside"),
    pytest.param("1234", True, id="the last four"),
    pytest.param("0555", True, id="four digits across groups"),
    pytest.param("+30 210 555 1234", True, id="international"),
    pytest.param("210", True, id="from the start"),
    pytest.param("555", False, id="three digits inside"),
    pytest.param("5551235", False, id="other number"),
])
def test_phones_by_any_run_of_four_digits(customers, seed, query, found):
    seed([{"name": "Phone Owner", "phone": "+30 210 555 1234", "email": None}])
    page = search(customers, search=query)
    assert names(page) == (["Phone Owner"] if found else [])
    if found and query == "5551234":
        assert (page.results[0].match.kind, page.results[0].match.fields) == ("infix", ["phone"])


def test_emails_by_their_domain(customers, hellenic):
    assert sorted(names(search(customers, search="aegean-foods.gr"))) == ["Eleni Vlachou", "Nikos Vlachos"]
    assert sorted(names(search(customers, search="@aegean-foods.gr"))) == ["Eleni Vlachou", "Nikos Vlachos"]


@pytest.fixture
def owned(seed):
    bodies = [{"name": f"Orion Client {n}", "status": "customer" if n % 2 else "lead",
               "tags": ["vip"] if n % 3 == 0 else []} for n in range(8)]
    bodies += [{"name": "Orrion Typo Mine", "status": "lead"}, {"name": "Orrion Typo Theirs", "status": "lead"}]
    owners = [{"owner_id": "rep-a" if n % 2 == 0 else "rep-b"} for n in range(len(bodies))]
    owners[-2], owners[-1] = {"owner_id": "rep-a"}, {"owner_id": "rep-b"}
    return seed(bodies, owners)


def rep(uid: str) -> Caller:
    return Caller(uid=uid, role=Role.REP, via="token")


@pytest.mark.parametrize("params", [
    pytest.param({"search": "delta"}, id="rank order in the owner's scope"),
    pytest.param({"search": "delta person"}, id="filtered stream in the owner's scope"),
    pytest.param({"search": "delta", "status": "lead"}, id="ranked in memory"),
    pytest.param({"search": "deltta person"}, id="approximate fallback"),
])
def test_a_reps_search_holds_all_and_only_their_customers_in_every_mode(customers, crowd, params):
    mine = {c.id for c in crowd if c.owner_id == "rep-a"}
    seen = walk(customers, rep("rep-a"), page_size=SMALL_PAGE, **params)
    assert seen and set(seen) <= mine
    if params == {"search": "delta"}:
        assert set(seen) == mine and len(seen) == len(mine)


def test_filters_apply_to_exact_and_approximate_matches(customers, owned):
    page = search(customers, search="orrion", status="lead")
    assert sorted(names(page)) == ["Orion Client 0", "Orion Client 2", "Orion Client 4", "Orion Client 6",
                                   "Orrion Typo Mine", "Orrion Typo Theirs"]
    assert all(c.status.value == "lead" for c in page.results)
    tagged = search(customers, search="orion", tag="vip")
    assert sorted(names(tagged)) == ["Orion Client 0", "Orion Client 3", "Orion Client 6"]


def test_deleted_customers_never_appear(transactions, customers, hellenic, caller):
    service.delete_customer(transactions, hellenic["Maria Papadopoulos"].id, caller)
    for query in ("papadopoulos", "maria papadopoulos", "papadopolous", "maria"):
        assert "Maria Papadopoulos" not in names(search(customers, search=query)), query
    service.restore_customer(transactions, hellenic["Maria Papadopoulos"].id, caller)
    assert "Maria Papadopoulos" in names(search(customers, search="papadopolous"))


def test_search_follows_changes(transactions, customers, hellenic, update_data, caller):
    nikos = hellenic["Nikos Vlachos"]
    service.update_customer(transactions, nikos.id, update_data(name="Νίκος Ζερβός"), caller)
    assert names(search(customers, search="zervos")) == ["Νίκος Ζερβός"]
    assert "Νίκος Ζερβός" not in names(search(customers, search="vlachos"))


CROWD = 80
SMALL_PAGE = 5  # its budget reads and ranks at most 38 matches in memory: the crowd is read in rank order


@pytest.fixture
def crowd(seed):
    """80 customers matching 'delta', more than a small page's budget reads; a third 'rare'; two owners."""
    bodies = [{"name": f"Delta Person {n:02d}" + (" Rare" if n % 3 == 0 else ""),
               "status": "lead" if (n // 2) % 2 else "customer", "email": f"p{n}@delta.example"} for n in range(CROWD)]
    changes = [{"updated_at": NOW - timedelta(minutes=n), "owner_id": "rep-a" if n % 2 else "rep-b"}
               for n in range(CROWD)]
    return seed(bodies, changes)


@pytest.mark.parametrize("params", [
    pytest.param({"search": "delta"}, id="one term, read in rank order"),
    pytest.param({"search": "delta person"}, id="several terms, filtered stream"),
    pytest.param({"search": "delta", "status": "lead"}, id="with a filter, filtered stream"),
    pytest.param({"search": "delta rare"}, id="few matches, ranked in memory"),
    pytest.param({"search": "delt"}, id="word start"),
])
def test_cursor_walks_every_match_once_best_first(customers, crowd, params):
    everything = walk(customers, page_size=SMALL_PAGE, **params)
    first = search(customers, page_size=SMALL_PAGE, **params)
    expected = [c for c in crowd if _matches(c, params)]
    assert len(everything) == len(set(everything)) == len(expected)
    assert set(everything) == {c.id for c in expected}
    by_recency = [c.id for c in sorted(expected, key=lambda c: c.updated_at, reverse=True)]
    assert everything == by_recency  # equally good matches: most recently active first
    assert first.total == len(expected)


def _matches(customer, params) -> bool:
    words = customer.name.lower().split()
    terms = params["search"].split()
    status = params.get("status")
    return all(any(w.startswith(t) for w in words) for t in terms) and (status is None or customer.status == status)


@pytest.mark.parametrize("params", [
    pytest.param({"search": "delta"}, id="stream"),
    pytest.param({"search": "delta person"}, id="filtered stream"),
    pytest.param({"search": "delta", "status": "lead"}, id="filter"),
    pytest.param({"search": "delta rare"}, id="ranked in memory with fallback"),
    pytest.param({"search": "deltta person"}, id="fallback"),
    pytest.param({"search": "deltta persn"}, id="two typos: fallback finds nothing"),
    pytest.param({"search": "nothing"}, id="no match"),
])
def test_a_page_reads_at_most_sixty_documents(customers, crowd, params):
    cursor = None
    for _ in range(3):
        with metered() as reads:
            page = service.list_customers(customers, CustomerListParams(**params, page_size=25,
                                                                        **({"cursor": cursor} if cursor else {})),
                                          admin_caller())
        assert reads.reads <= MAX_READS_PER_PAGE, (params, reads.reads)
        cursor = page.next_cursor
        if cursor is None:
            break


def test_a_page_of_a_single_term_reads_its_size_plus_the_count(customers, crowd):
    with metered() as reads:
        page = service.list_customers(customers, CustomerListParams(search="delta", page_size=10), admin_caller())
    assert len(page.results) == 10 and page.total == CROWD
    assert reads.reads == 1 + 11
