"""Searchable fields: the keys a record is stored with, and the classification of a term, always agree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm.domain.search import Level, MatchKind, SearchField, SearchSchema, relevance
from crm.domain.search.customer_fields import CUSTOMER_SEARCH
from crm.domain.search.ranking import Relevance
from crm.domain.search_tokens import query_terms

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def values(name: str = "", organization: str = "", email: str = "", phone: tuple[str, ...] = (),
           contact: str = "") -> dict[str, list[str]]:
    return {"name": [name] if name else [], "organization": [organization] if organization else [],
            "email": [email] if email else [], "phone": list(phone), "contact": [contact] if contact else []}


ATHENS = values("Κατερίνα Καραγιάννη", "Aegean Foods", "katerina@aegean-foods.gr", ("302105551234", "2105551234"),
                "skype:kat.k")


@pytest.mark.parametrize(("term", "kind", "field"), [
    pytest.param("κατερινα", MatchKind.EXACT, "name", id="exact name word"),
    pytest.param("καραγ", MatchKind.PREFIX, "name", id="name word start"),
    pytest.param("aegean", MatchKind.EXACT, "organization", id="organization word"),
    pytest.param("katerina", MatchKind.EXACT, "email", id="email word beats the name's phonetic key"),
    pytest.param("gr", MatchKind.EXACT, "email", id="email domain word"),
    pytest.param("302105551234", MatchKind.EXACT, "phone", id="whole international number"),
    pytest.param("2105", MatchKind.PREFIX, "phone", id="national number start"),
    pytest.param("5551234", MatchKind.INFIX, "phone", id="digits inside the number"),
    pytest.param("skype", MatchKind.EXACT, "contact", id="other contact word"),
    pytest.param("karagiani", MatchKind.APPROXIMATE, "name", id="greek name by its phonetic key"),
    pytest.param("karag", MatchKind.APPROXIMATE, "name", id="start of a greek name in latin"),
])
def test_classify(term: str, kind: MatchKind, field: str) -> None:
    match = CUSTOMER_SEARCH.classify(ATHENS, term)
    assert match is not None and (match.kind, match.field) == (kind, field)
    assert CUSTOMER_SEARCH.tokens(ATHENS)[term] == match.tier


@pytest.mark.parametrize("term", [
    pytest.param("555", id="three digits inside a number"),
    pytest.param("ean", id="inside a word"),
    pytest.param("athens", id="not a searched field"),
    pytest.param("katerinaa", id="longer than the word"),
])
def test_terms_that_do_not_match(term: str) -> None:
    assert CUSTOMER_SEARCH.classify(ATHENS, term) is None
    assert term not in CUSTOMER_SEARCH.tokens(ATHENS)


def test_every_run_of_four_or_more_digits_finds_the_phone() -> None:
    digits = "302105551234"
    tokens = CUSTOMER_SEARCH.tokens(values(phone=(digits,)))
    runs = {digits[i:j] for i in range(len(digits)) for j in range(i + 4, len(digits) + 1)}
    assert runs <= set(tokens)


def test_tiers_rank_kind_first_then_field() -> None:
    schema = CUSTOMER_SEARCH
    name, organization, email = schema.fields[0], schema.fields[1], schema.fields[2]
    order = [schema.tier(MatchKind.EXACT, name), schema.tier(MatchKind.EXACT, organization),
             schema.tier(MatchKind.EXACT, email), schema.tier(MatchKind.PREFIX, name),
             schema.tier(MatchKind.PREFIX, email), schema.tier(MatchKind.INFIX, email),
             schema.tier(MatchKind.APPROXIMATE, name)]
    assert order == sorted(order) and len(set(order)) == len(order)


def test_tokens_stop_at_the_cap_keeping_the_first_fields() -> None:
    schema = SearchSchema((SearchField("name", 0), SearchField("notes", 1)), max_tokens=10)
    tokens = schema.tokens({"name": ["abcdef"], "notes": ["uvwxyz"]})
    assert len(tokens) == 10
    assert {"a", "ab", "abc", "abcd", "abcde", "abcdef"} <= set(tokens)


def test_typo_keys_come_from_name_and_organization_words_of_five_letters_or_more() -> None:
    keys = CUSTOMER_SEARCH.typo_keys(values("Ana Papadopoulos", "Acme Foods", "longword@example.com"))
    assert "papadopoulos" in keys and "papadopolos" in keys  # the key, and one deletion of it
    assert "fods" in keys and "fds" in keys  # 'foods' sounds like 'fods'
    assert not any(k.startswith("ana") for k in keys)  # three letters: no typo keys
    assert "longword" not in keys and "example" not in keys  # emails do not forgive typos


@pytest.mark.parametrize(("term", "stored", "level"), [
    pytest.param("papadopolous", "Papadopoulos", Level.PHONETIC, id="a letter moved"),
    pytest.param("karagianis", "Karagiannis", Level.PHONETIC, id="a doubled letter left single"),
    pytest.param("papadopoulos", "Παπαδόπουλος", Level.PHONETIC, id="latin for greek"),
    pytest.param("παπαδοπουλος", "Papadopoulos", Level.PHONETIC, id="greek for latin"),
    pytest.param("καραγιανης", "Καραγιάννης", Level.PHONETIC, id="greek doubled consonant"),
    pytest.param("παπαδωπουλος", "Παπαδόπουλος", Level.PHONETIC, id="greek ω for ο"),
    pytest.param("παπαδοπουλς", "Παπαδόπουλος", Level.PHONETIC, id="greek letter left out"),
    pytest.param("καραγιαννησς", "Καραγιάννης", Level.PHONETIC, id="greek letter added"),
    pytest.param("papadopoulso", "Papadopoulos", Level.PHONETIC, id="neighbours swapped"),
    pytest.param("karagainnis", "Karagiannis", Level.SPELLING, id="swap that makes a digraph"),
    pytest.param("ppaanikolaou", "Papanikolaou", Level.SPELLING, id="swap that doubles two letters"),
    pytest.param("καραγαιννης", "Καραγιάννης", Level.SPELLING, id="greek swap that makes a digraph"),
])
def test_one_typo_or_another_spelling_still_matches(term: str, stored: str, level: Level) -> None:
    match = CUSTOMER_SEARCH.approximate(values(stored), query_terms(term)[0], level)
    assert match is not None and match.kind is MatchKind.APPROXIMATE and match.field == "name"


@pytest.mark.parametrize(("term", "stored"), [
    pytest.param("papdopolous", "Papadopoulos", id="a letter left out and one moved"),
    pytest.param("krgiannis", "Karagiannis", id="two letters left out"),
    pytest.param("jhonsno", "Johnson", id="two swaps"),
    pytest.param("anan", "Anna", id="four letters"),
])
def test_two_typos_or_short_words_do_not_match(term: str, stored: str) -> None:
    assert all(CUSTOMER_SEARCH.approximate(values(stored), term, level) is None for level in Level)


def test_typo_in_an_organization_matches_the_organization() -> None:
    match = CUSTOMER_SEARCH.approximate(values("Bob", "Aegean Foods"), "aegaen", Level.PHONETIC)
    assert match is not None and match.field == "organization"


TEXT = st.text(st.sampled_from("abcdeiouyκλμνοαιηυωςσ0123456789 .@-"), max_size=30)
FIELDS = st.fixed_dictionaries({"name": st.lists(TEXT, max_size=2), "organization": st.lists(TEXT, max_size=1),
                                "email": st.lists(TEXT, max_size=2),
                                "phone": st.lists(st.text(st.sampled_from("0123456789"), min_size=1, max_size=15),
                                                  max_size=2),
                                "contact": st.lists(TEXT, max_size=1)})


@settings(max_examples=200, deadline=None)
@given(FIELDS, st.lists(TEXT, max_size=3))
def test_classification_agrees_with_the_stored_keys(record: dict[str, list[str]], probes: list[str]) -> None:
    tokens = CUSTOMER_SEARCH.tokens(record)
    for token, tier in tokens.items():
        match = CUSTOMER_SEARCH.classify(record, token)
        assert match is not None and match.tier == tier, token
    for probe in probes:
        for term in query_terms(probe):
            found = CUSTOMER_SEARCH.classify(record, term)
            assert (found is None) == (term not in tokens)


def test_ranking_exact_before_prefix_then_by_field_then_recent_activity() -> None:
    records = {
        "exact-name": values("Akme Smith"),
        "exact-org": values("Bob", "Akme"),
        "exact-email": values("Bob", email="sales@akme.example"),
        "prefix-name": values("Akmeson"),
        "greek-spelling": values("Άκμε"),
    }
    ranked = sorted(records, key=lambda rid: _key(records[rid], ["akme"], NOW, rid))
    assert ranked == ["exact-name", "exact-org", "exact-email", "prefix-name", "greek-spelling"]


def test_equal_matches_rank_the_most_recently_active_first_then_by_id() -> None:
    record = values("Acme")
    keys = {"old": _key(record, ["acme"], NOW - timedelta(days=3), "a"),
            "new": _key(record, ["acme"], NOW, "b"), "new-z": _key(record, ["acme"], NOW, "z")}
    assert sorted(keys, key=keys.__getitem__) == ["new", "new-z", "old"]


def test_several_terms_rank_by_the_sum_of_their_tiers_and_approximate_ones_last() -> None:
    both_names = _key(values("Maria Acme"), ["maria", "acme"], NOW, "a")
    name_and_org = _key(values("Maria", "Acme"), ["maria", "acme"], NOW, "b")
    name_and_prefix = _key(values("Maria Acmeson"), ["maria", "acme"], NOW, "c")
    greek = _key(values("Μαρία Acme"), ["maria", "acme"], NOW, "d")  # 'maria' is the phonetic key of Μαρία
    assert both_names < name_and_org < name_and_prefix < greek


def test_fallback_matches_rank_after_every_match_by_keys() -> None:
    by_keys = _key(values("Άκμε"), ["akme"], NOW, "a")
    fallback = Relevance(tuple(), fallback=True).key(NOW, "b")
    assert by_keys < fallback


def test_describe_names_the_weakest_kind_and_the_fields() -> None:
    found = relevance(CUSTOMER_SEARCH, values("Maria", "Acme Labs"), ["maria", "lab"])
    assert found is not None
    assert found.describe().model_dump() == {"kind": "prefix", "fields": ["name", "organization"]}


def _key(record: dict[str, list[str]], terms: list[str], at: datetime, record_id: str) -> tuple:
    found = relevance(CUSTOMER_SEARCH, record, terms)
    assert found is not None, (record, terms)
    return found.key(at, record_id)
