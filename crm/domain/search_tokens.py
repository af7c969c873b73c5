"""Word-prefix tokens for customer search: case- and accent-insensitive, phones by their digits.

A customer stores the set of prefixes of its words; a search asks Firestore for the customers holding every
query term as a token, so its cost follows the size of the page, not of the collection.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_TOKEN_LENGTH = 20
MAX_QUERY_TERMS = 10

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents: 'Αθήνα' -> 'αθηνα', 'Café' -> 'cafe'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def prefixes(word: str) -> Iterable[str]:
    word = word[:MAX_TOKEN_LENGTH]
    return (word[:end] for end in range(1, len(word) + 1))


def phone_digit_forms(e164: str, *national_forms: str) -> list[str]:
    """The digit strings a phone is found by: the full international number and its national forms."""
    forms = ["".join(ch for ch in e164 if ch.isdigit())]
    forms += [form for form in national_forms if form and form not in forms]
    return forms


def customer_tokens(texts: Iterable[str], phone_digits: Iterable[str] = ()) -> set[str]:
    """Every prefix of every word of ``texts`` and of each phone's digit forms."""
    tokens: set[str] = set()
    for text in texts:
        for word in words(text):
            tokens.update(prefixes(word))
    for digits in phone_digits:
        tokens.update(prefixes(digits))
    return tokens


def query_terms(search: str) -> list[str]:
    """The terms a search requires, each a token a matching customer must hold.

    Runs of digit groups ('210 123 4567') are joined into one number; terms that are a prefix of another term
    are implied by it and dropped.
    """
    merged: list[str] = []
    for word in words(search):
        if merged and word.isdigit() and merged[-1].isdigit():
            merged[-1] += word
        else:
            merged.append(word)
    terms = sorted({term[:MAX_TOKEN_LENGTH] for term in merged}, key=lambda term: (-len(term), term))
    kept: list[str] = []
    for term in terms:
        if not any(longer.startswith(term) for longer in kept):
            kept.append(term)
    return kept
