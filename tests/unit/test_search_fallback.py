"""The approximate fallback: which term it looks up approximately, with which keys, within Firestore's limits."""

from __future__ import annotations

from crm.domain.search import Level, MatchKind, fallbacks
from crm.domain.search.customer_fields import CUSTOMER_SEARCH

FIRESTORE_MAX_DISJUNCTIONS = 30


def test_longest_term_first_the_others_by_their_phonetic_keys() -> None:
    plans = fallbacks(["maria", "papadopolous", "210"])
    assert [p.term for p in plans] == ["papadopolous", "maria"]
    assert plans[0].required == ("maria", "210")
    assert plans[1].required == ("papadopolous", "210")


def test_greek_terms_are_required_by_their_phonetic_key() -> None:
    plan = fallbacks(["κατερινα", "karagianis"])[0]
    assert plan.term == "karagianis" and plan.required == ("katerina",)


def test_numbers_get_no_fallback() -> None:
    assert fallbacks(["2105551234"]) == []


def test_every_lookup_fits_in_one_firestore_disjunction() -> None:
    for term in ("abcdefghijklmnopqrst", "αβγδεζηθικλμνξοπρστυ", "karagainnis", "ab"):
        for plan in fallbacks([term]):
            for lookup in plan.lookups:
                assert 1 <= len(lookup.token_keys) + len(lookup.typo_keys) <= FIRESTORE_MAX_DISJUNCTIONS


def test_the_spelling_lookup_only_adds_keys_the_phonetic_one_lacks() -> None:
    same = fallbacks(["papadopolous"])[0]
    assert [lookup.level for lookup in same.lookups] == [Level.PHONETIC]
    differs = fallbacks(["karagainnis"])[0]
    assert [lookup.level for lookup in differs.lookups] == [Level.PHONETIC, Level.SPELLING]
    phonetic, spelling = differs.lookups
    assert not set(phonetic.typo_keys) & set(spelling.typo_keys)


def test_short_terms_are_looked_up_by_their_phonetic_key_only() -> None:
    (plan,) = fallbacks(["ζωη"])
    assert [(lookup.token_keys, lookup.typo_keys) for lookup in plan.lookups] == [(("zi",), ())]


def test_relevance_of_a_fallback_match() -> None:
    record = {"name": ["Μαρία Παπαδοπούλου"], "email": ["maria@example.com"]}
    plan = fallbacks(["maria", "papadopoulu"])[0]
    found = plan.relevance(CUSTOMER_SEARCH, record, ["maria", "papadopoulu"], Level.PHONETIC)
    assert found is not None and found.describe().kind is MatchKind.APPROXIMATE
    assert plan.relevance(CUSTOMER_SEARCH, record, ["maria", "papadopoulu"], Level.SPELLING) is None
    assert plan.relevance(CUSTOMER_SEARCH, {"name": ["Νίκος Παπαδοπούλου"]}, ["maria", "papadopoulu"],
                          Level.PHONETIC) is None
