"""The text side of search: folding (case and accents), words, phone digit forms, and the terms a search asks
for. The keys a record is stored with are derived from these by ``crm.domain.search``."""

from __future__ import annotations

import re
import unicodedata

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


def phone_digit_forms(e164: str, *national_forms: str) -> list[str]:
    """The digit strings a phone is found by: the full international number and its national forms."""
    forms = ["".join(ch for ch in e164 if ch.isdigit())]
    forms += [form for form in national_forms if form and form not in forms]
    return forms


def query_terms(search: str) -> list[str]:
    """The terms a search requires, each a key a matching record must hold.

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
