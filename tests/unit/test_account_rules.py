"""Pure account rules: company fields, parent accounts (no cycles, bounded depth), duplicate keys, running figures,
and the record a merge makes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from crm.domain.accounts import duplicates, figures, hierarchy
from crm.domain.accounts.merge import combine, combined_record, merge_id
from crm.domain.customers import Customer, CustomerCreate, CustomerUpdate, Note
from crm.domain.deals import Deal, DealStatus
from crm.errors import FailedPreconditionError, ValidationFailedError

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def customer(customer_id: str = "c1", **fields) -> Customer:
    base = {"id": customer_id, "name": "Acme", "language": "el", "created_at": NOW, "updated_at": NOW}
    return Customer(**(base | fields))


def test_an_older_customer_reads_as_a_person_without_company_fields():
    stored = customer()
    assert stored.kind == "person" and stored.website is None and stored.parent_id is None


@pytest.mark.parametrize(("field", "given", "kept"), [
    pytest.param("website", "acme.gr", "https://acme.gr", id="website without scheme"),
    pytest.param("website", "http://www.acme.gr/about", "http://www.acme.gr/about", id="website with path"),
    pytest.param("tax_id", "el 094.019.245", "EL094019245", id="tax id compacted"),
    pytest.param("size_band", "11-50", "11-50", id="size band"),
])
def test_company_fields_are_normalised(field, given, kept):
    assert getattr(CustomerCreate(name="Acme", **{field: given}), field) == kept


@pytest.mark.parametrize(("field", "given"), [
    pytest.param("website", "ftp://acme.gr", id="not http"),
    pytest.param("website", "acme", id="no dot"),
    pytest.param("tax_id", "!!", id="tax id symbols"),
    pytest.param("size_band", "12", id="unknown band"),
    pytest.param("annual_revenue", {"amount": "-1", "currency": "EUR"}, id="negative revenue"),
    pytest.param("annual_revenue", {"amount": "1", "currency": "XXX1"}, id="unknown currency"),
    pytest.param("kind", "household", id="unknown kind"),
])
def test_bad_company_fields_are_refused(field, given):
    with pytest.raises(ValidationError) as caught:
        CustomerCreate(name="Acme", **{field: given})
    assert caught.value.errors()[0]["loc"][0] == field


def test_kind_cannot_be_cleared_and_merge_fields_are_the_servers():
    with pytest.raises(ValidationError):
        CustomerUpdate(kind=None)
    assert {"merged_into", "merged_from"} <= CustomerUpdate.server_owned_fields


def test_a_parent_chain_without_a_cycle_is_accepted():
    chain = {"p": customer("p", parent_id="g"), "g": customer("g")}
    hierarchy.check_parent("c", chain["p"], chain.get)


@pytest.mark.parametrize(("customers", "parent", "message"), [
    pytest.param({}, "c", "its own parent", id="itself"),
    pytest.param({"p": {"parent_id": "c"}}, "p", "cannot also be a sub-account", id="child as parent"),
    pytest.param({"p": {"parent_id": "g"}, "g": {"parent_id": "c"}}, "p", "cannot also be", id="grandchild"),
])
def test_a_cycle_is_refused(customers, parent, message):
    stored = {i: customer(i, **fields) for i, fields in customers.items()} | {"c": customer("c")}
    with pytest.raises(ValidationFailedError, match=message) as caught:
        hierarchy.check_parent("c", stored[parent], stored.get)
    assert caught.value.details[0]["field"] == "parent_id"


def test_a_chain_deeper_than_the_limit_is_refused():
    depth = hierarchy.MAX_DEPTH
    stored = {f"n{i}": customer(f"n{i}", parent_id=f"n{i + 1}" if i < depth else None) for i in range(depth + 1)}
    with pytest.raises(ValidationFailedError, match="at most"):
        hierarchy.check_parent("new", stored["n0"], stored.get)
    hierarchy.check_parent("new", stored["n1"], stored.get)


@pytest.mark.parametrize(("a", "b"), [
    ("Maria.Papa+work@gmail.com", "mariapapa@googlemail.com"),
    ("INFO+x@acme.gr", "info@acme.gr"),
])
def test_the_same_mailbox_gives_one_key(a, b):
    assert duplicates.mailbox(a) == duplicates.mailbox(b)


def test_name_keys_sound_alike_across_scripts_within_an_organization():
    greek = customer(name="Μαρία Παπαδοπούλου", organization="Acme")
    latin = customer("c2", name="papadopoulou maria", organization="ACME")
    elsewhere = customer("c3", name="Maria Papadopoulou", organization="Beta")
    alone = customer("c4", name="Maria Papadopoulou")

    def names(c):
        return {k.id for k in duplicates.duplicate_keys(c) if k.reason is duplicates.DuplicateReason.NAME}

    assert names(greek) == names(latin) and names(greek) != names(elsewhere) and names(alone) == set()
    assert names(customer(kind="organization", name="Acme A.E.")) == names(customer(kind="organization",
                                                                                    name="ACME ae"))


def test_a_deleted_customer_holds_no_keys_and_a_rename_changes_only_its_name_key():
    active = customer(organization="Acme", contacts=[{"type": "email", "value": "a@acme.gr"},
                                                     {"type": "phone", "value": "+302105550000"}])
    assert {k.reason for k in duplicates.duplicate_keys(active)} == {"email", "phone", "name"}
    assert duplicates.duplicate_keys(active.model_copy(update={"deleted_at": NOW})) == set()
    added, dropped = duplicates.key_changes(active, active.model_copy(update={"name": "Other"}))
    assert [k.reason for k in added] == [k.reason for k in dropped] == ["name"]


def test_pairs_carry_every_reason_they_share():
    keys = [duplicates.SharedKey("k1", duplicates.DuplicateReason.EMAIL, "a@x.gr", {"b": "B", "a": "A"}),
            duplicates.SharedKey("k2", duplicates.DuplicateReason.PHONE, "+30210", {"a": "A", "b": "B", "c": "C"})]
    pairs = duplicates.pairs_of(keys)
    assert [(p.customers[0].id, p.customers[1].id, [r.reason for r in p.reasons]) for p in pairs] == [
        ("a", "b", ["email", "phone"]), ("a", "c", ["phone"]), ("b", "c", ["phone"])]


def deal(customer_id: str = "c1", status: DealStatus = DealStatus.OPEN, value: str = "100", currency: str = "EUR",
         won: int = 0) -> Deal:
    return Deal(id="d1", customer_id=customer_id, title="D", value=Decimal(value), currency=currency,
                pipeline_id="sales", stage="lead", probability=10, status=status, stage_entered_at=NOW,
                created_at=NOW, updated_at=NOW, won_base_cents=won)


def test_a_deal_change_moves_between_statuses_and_customers():
    won = deal(status=DealStatus.WON, won=9000)
    assert figures.deal_change(deal(), won) == {"c1": {"deals": {"open": {"EUR": {"n": -1, "value_cents": -10000}},
                                                                  "won": {"EUR": {"n": 1, "value_cents": 10000}}},
                                                        "won_base_cents": 9000}}
    moved = figures.deal_change(won, won.model_copy(update={"customer_id": "c2"}))
    assert moved["c1"]["won_base_cents"] == -9000 and moved["c2"]["deals"]["won"]["EUR"]["n"] == 1
    assert figures.deal_change(deal(), deal()) == {}


def test_figures_from_totals():
    totals = figures.add_up([deal(), deal(currency="USD", value="5"), deal(status=DealStatus.WON, won=100),
                             deal(status=DealStatus.LOST)], [])["c1"]
    shown = figures.figures_of("c1", totals, lifetime_value=Decimal("1.00"), base_currency="EUR",
                               last_activity_at=None, sub_accounts=2)
    assert {c: (f.count, f.value) for c, f in shown.open_deals.items()} == {"EUR": (1, Decimal("100.00")),
                                                                            "USD": (1, Decimal("5.00"))}
    assert (shown.won_value, shown.lost_deals, shown.people_count) == (Decimal("1.00"), 1, 0)


def test_a_combined_record_joins_the_absorbed_data():
    target = customer("t", contacts=[{"type": "email", "value": "a@acme.gr", "primary": True}], tags=["x"],
                      lifetime_value=Decimal("10"), notes=[Note(text="late", by="u", at=NOW)])
    absorbed = customer("a", contacts=[{"type": "email", "value": "A@acme.gr"},
                                       {"type": "email", "value": "b@acme.gr", "primary": True}],
                        tags=["y", "x"], lifetime_value=Decimal("5"), website="https://acme.gr", status="customer",
                        notes=[Note(text="early", by="u", at=NOW - timedelta(days=1))],
                        last_activity_at=NOW)
    combined = combined_record(target, absorbed, now=NOW)
    assert [(c.value, c.primary) for c in combined.contacts] == [("a@acme.gr", True), ("b@acme.gr", False)]
    assert combined.tags == ["x", "y"] and [n.text for n in combined.notes] == ["early", "late"]
    assert (combined.lifetime_value, combined.website, combined.status) == (Decimal("15"), "https://acme.gr",
                                                                             "customer")
    assert combined.last_activity_at == NOW and combined.merged_from == ["a"]


def test_a_combined_record_over_a_limit_names_it():
    with pytest.raises(FailedPreconditionError, match="22 contacts") as caught:
        combine(customer("t", contacts=[{"type": "other", "value": f"t{n}"} for n in range(11)]),
                customer("a", contacts=[{"type": "other", "value": f"a{n}"} for n in range(11)]), now=NOW)
    assert caught.value.details[0]["field"] == "from"


def test_the_same_merge_has_the_same_id():
    assert merge_id("t", ["b", "a"]) == merge_id("t", ["a", "b"]) != merge_id("a", ["t", "b"])
