"""The text side of search: folding, words, phone digit forms, and what a search asks for."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crm.domain.search.customer_fields import CUSTOMER_SEARCH
from crm.domain.search_tokens import MAX_TOKEN_LENGTH, fold, phone_digit_forms, query_terms, words


def customer_tokens(texts: list[str], phone_digits: list[str] | None = None) -> set[str]:
    return set(CUSTOMER_SEARCH.tokens({"name": texts, "phone": phone_digits or []}))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("Café", "cafe", id="latin accent"),
        pytest.param("Αθήνα", "αθηνα", id="greek tonos"),
        pytest.param("ΟΔΥΣΣΕΥΣ", "οδυσσευσ", id="greek capitals"),
        pytest.param("Οδυσσεύς", "οδυσσευσ", id="greek final sigma"),
        pytest.param("Straße", "strasse", id="german sharp s"),
        pytest.param("Müller", "muller", id="german umlaut"),
        pytest.param("Ångström", "angstrom", id="ring and umlaut"),
        pytest.param("MiXeD CaSe", "mixed case", id="casefold"),
        pytest.param("", "", id="empty"),
    ],
)
def test_fold_lowercases_and_strips_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_makes_capital_and_final_sigma_spellings_equal() -> None:
    assert fold("ΟΔΥΣΣΕΥΣ") == fold("Οδυσσεύς") == fold("οδυσσευς")


def test_words_splits_on_punctuation_underscores_and_spaces() -> None:
    assert words("Hello, World_foo  bar-baz 42!") == ["hello", "world", "foo", "bar", "baz", "42"]


def test_words_of_greek_text_are_folded() -> None:
    assert words("Γιώργος Παπαδόπουλος") == ["γιωργοσ", "παπαδοπουλοσ"]


def test_words_of_punctuation_only_is_empty() -> None:
    assert words(" -- , . _ ") == []


def test_phone_digit_forms_are_international_and_national() -> None:
    assert phone_digit_forms("+302101234567", "2101234567") == ["302101234567", "2101234567"]
    assert phone_digit_forms("+302101234567") == ["302101234567"]


def test_customer_tokens_hold_every_prefix_of_every_word_and_of_its_phonetic_key() -> None:
    tokens = customer_tokens(["Ana Café"])
    assert tokens == {"a", "an", "ana", "c", "ca", "caf", "cafe", "k", "ka", "kaf", "kafe"}


def test_customer_tokens_find_phones_by_their_digits() -> None:
    tokens = customer_tokens([], ["302101234567", "2101234567"])
    assert {"30210", "302101234567", "210", "2101234567"} <= tokens
    assert "+30" not in tokens
    assert not any(" " in token for token in tokens)


def test_customer_tokens_cap_long_words() -> None:
    tokens = customer_tokens(["a" * 40])
    assert max(map(len, tokens)) == MAX_TOKEN_LENGTH


def test_query_terms_merge_digit_groups_into_one_number() -> None:
    assert query_terms("210 123 4567") == ["2101234567"]
    assert query_terms("(210) 123-4567") == ["2101234567"]


def test_query_terms_keep_words_apart_from_digit_groups() -> None:
    assert sorted(query_terms("ana 210 123")) == ["210123", "ana"]


def test_query_terms_drop_terms_implied_by_a_longer_prefix() -> None:
    assert query_terms("jo john") == ["john"]
    assert query_terms("john jo") == ["john"]


def test_query_terms_dedupe_case_and_accents() -> None:
    assert query_terms("John JOHN jöhn") == ["john"]


def test_query_terms_are_folded_like_customer_tokens() -> None:
    terms = query_terms("ΑΘΉΝΑ")
    assert terms == ["αθηνα"]
    assert set(terms) <= customer_tokens(["Αθήνα"])


def test_query_terms_cap_long_words_so_they_still_match() -> None:
    word = "y" * 30
    assert query_terms(word) == ["y" * MAX_TOKEN_LENGTH]
    assert set(query_terms(word)) <= customer_tokens([word])


def test_query_terms_of_blank_search_are_empty() -> None:
    assert query_terms("   ") == []


def test_query_terms_order_does_not_depend_on_the_process_hash_seed() -> None:
    """Cursors are bound to a fingerprint of the term list, so every instance must list the terms alike."""
    script = "from crm.domain.search_tokens import query_terms; print(query_terms('ab cd ef gh'))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(8)
    }
    assert len(outputs) == 1, outputs
