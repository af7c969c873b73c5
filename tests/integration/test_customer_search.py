"""Word-prefix search over name, organization and contact values, alone and with status and tag filters."""

from __future__ import annotations

import pytest

from crm.domain.customer_queries import CustomerListParams
from crm.services import customers as service
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator


@pytest.fixture
def people(create):
    """A small book of customers, by nickname."""
    return {
        "acme_athens": create(name="Acme", company="Athens Trading", email="sales@acme.example",
                              status="customer", tags=["vip"], phone="210 123 4567"),
        "acme_berlin": create(name="Acme", company="Berlin Games", email="info@acme-berlin.example",
                              location={"city": "Athens"}, status="lead", tags=["vip"]),
        "eleni": create(name="Ελένη Αθήνα", company="Κύμα Α.Ε.", email="eleni@kyma.gr", phone="+44 20 7946 0958",
                        status="lead"),
        "kostas": create(name="Κώστας Jürgen Café", email="kostas@example.com", status="customer", tags=["b2b"]),
        "zoe": create(name="Zoë O'Brien", email="zoe.obrien@helios.example", phone="+30 691 234 5678",
                      status="prospect", tags=["vip", "b2b"]),
        "long": create(name="Supercalifragilisticexpialidocious Ltd", email="long@x.example", status="churned"),
    }


def found(customers, people, **params) -> set[str]:
    page = service.list_customers(customers, CustomerListParams(**params), admin_caller())
    by_id = {c.id: nickname for nickname, c in people.items()}
    names = {by_id[c.id] for c in page.results}
    assert page.total == len(names), (page.total, names)
    return names


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        pytest.param("acme", {"acme_athens", "acme_berlin"}, id="whole word"),
        pytest.param("ac", {"acme_athens", "acme_berlin"}, id="word prefix"),
        pytest.param("acme ath", {"acme_athens"}, id="every term required"),
        pytest.param("ath acme", {"acme_athens"}, id="terms in any order"),
        pytest.param("acme berl", {"acme_berlin"}, id="organization word"),
        pytest.param("cme", set(), id="not a word prefix"),
        pytest.param("trading", {"acme_athens"}, id="organization only"),
        pytest.param("αθη", {"eleni"}, id="greek prefix"),
        pytest.param("ΑΘΗΝΑ", {"eleni"}, id="greek upper case"),
        pytest.param("Αθήνα", {"eleni"}, id="greek accented"),
        pytest.param("ελενη αθηνα", {"eleni"}, id="greek unaccented words"),
        pytest.param("ΚΩΣΤΑΣ", {"kostas"}, id="greek final sigma"),
        pytest.param("jurgen cafe", {"kostas"}, id="latin accents folded"),
        pytest.param("JÜRG", {"kostas"}, id="latin upper accented"),
        pytest.param("zoe", {"zoe"}, id="diaeresis folded"),
        pytest.param("o brien", {"zoe"}, id="apostrophe splits words"),
        pytest.param("acme-berlin", {"acme_berlin"}, id="email domain words"),
        pytest.param("zoe.obrien@hel", {"zoe"}, id="email fragment"),
        pytest.param("eleni@kyma.gr", {"eleni"}, id="whole email"),
        pytest.param("kyma", {"eleni"}, id="email domain"),
        pytest.param("2101234567", {"acme_athens"}, id="national number"),
        pytest.param("210 123 4567", {"acme_athens"}, id="national number with spaces"),
        pytest.param("210 12", {"acme_athens"}, id="national prefix"),
        pytest.param("+30 210 123 4567", {"acme_athens"}, id="international with spaces"),
        pytest.param("302101234567", {"acme_athens"}, id="international digits"),
        pytest.param("6912345678", {"zoe"}, id="mobile national"),
        pytest.param("+30 691 234 5678", {"zoe"}, id="mobile international"),
        pytest.param("+44 20 7946 0958", {"eleni"}, id="foreign international"),
        pytest.param("2079460958", {"eleni"}, id="foreign national"),
        pytest.param("supercalifragilisticexpialidocious", {"long"}, id="word longer than a token"),
        pytest.param("nobody", set(), id="no match"),
        pytest.param("acme nobody", set(), id="one term missing"),
    ],
)
def test_search(customers, people, search, expected):
    assert found(customers, people, search=search) == expected


def test_location_is_not_searched(customers, people):
    assert found(customers, people, search="athens") == {"acme_athens"}
    assert found(customers, people, search="acme athens") == {"acme_athens"}


def test_notes_and_owned_items_are_not_searched(customers, create):
    create(name="Plain", notes=[{"text": "secretword"}], owned_items=[{"type": "freetext", "description": "gizmo"}])

    assert service.list_customers(customers, CustomerListParams(search="secretword"), admin_caller()).total == 0
    assert service.list_customers(customers, CustomerListParams(search="gizmo"), admin_caller()).total == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({"search": "acme", "status": "customer"}, {"acme_athens"}, id="search and status"),
        pytest.param({"search": "acme", "status": "lead"}, {"acme_berlin"}, id="search and other status"),
        pytest.param({"search": "acme", "status": "churned"}, set(), id="search and unused status"),
        pytest.param({"search": "acme", "tag": "vip"}, {"acme_athens", "acme_berlin"}, id="search and tag"),
        pytest.param({"search": "k", "tag": "b2b"}, {"kostas"}, id="search and other tag"),
        pytest.param({"search": "example", "tag": " VIP "}, {"acme_athens", "acme_berlin", "zoe"}, id="tag folded"),
        pytest.param({"search": "example", "tag": "vip", "status": "prospect"}, {"zoe"}, id="all filters"),
        pytest.param({"search": "acme", "tag": "b2b"}, set(), id="search and tag without overlap"),
        pytest.param({"status": "lead"}, {"acme_berlin", "eleni"}, id="status alone"),
        pytest.param({"tag": "b2b"}, {"kostas", "zoe"}, id="tag alone"),
    ],
)
def test_search_with_filters(customers, people, params, expected):
    assert found(customers, people, **params) == expected


def test_search_follows_updates_and_deletes(transactions, customers, people, update_data, caller):
    zoe = people["zoe"]
    service.update_customer(transactions, zoe.id, update_data(name="Zoë Papas"), caller)
    service.delete_customer(transactions, people["acme_berlin"].id, caller)

    assert found(customers, people, search="papas") == {"zoe"}
    assert found(customers, people, search="brien") == set()
    assert found(customers, people, search="zoe.obrien") == {"zoe"}
    assert found(customers, people, search="acme") == {"acme_athens"}


def test_search_results_page_with_cursor(customers, seed):
    made = seed([{"name": f"Helios Client {n:02d}", "email": None} for n in range(7)] + [{"name": "Other"}])
    wanted = {c.id for c in made if c.name.startswith("Helios")}

    seen: list[str] = []
    params = CustomerListParams(search="helios cli", page_size=3)
    while True:
        page = service.list_customers(customers, params, admin_caller())
        assert page.total == 7
        seen += [c.id for c in page.results]
        if page.next_cursor is None:
            break
        params = CustomerListParams(search="helios cli", page_size=3, cursor=page.next_cursor)
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == wanted
