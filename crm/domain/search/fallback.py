"""The approximate fallback of a search: which term may be misspelt, and the keys that find it anyway.

When the records matching every term by their keys are too few to fill a page, one term is taken as possibly
misspelt or written in another script, while every other term must still match by its phonetic key. The term is
looked up twice, each lookup within Firestore's 30 disjunctions: by its phonetic key and that key's one-typo keys
(another script, a spelling that sounds the same, a typo), then by its spelling's one-typo keys (a typo that a
phonetic key would blur into two edits).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crm.domain.search.phonetic import phonetic_key
from crm.domain.search.ranking import Relevance
from crm.domain.search.schema import FieldValues, Level, SearchSchema, approximate_key
from crm.domain.search.typos import deletion_keys, forgives_typos
from crm.domain.search_tokens import MAX_TOKEN_LENGTH

MAX_FALLBACKS = 3


@dataclass(frozen=True)
class Lookup:
    """One query of a fallback: keys of the token map and of the typo map, any of which finds a record."""

    level: Level
    token_keys: tuple[str, ...]
    typo_keys: tuple[str, ...]


@dataclass(frozen=True)
class Fallback:
    """One term looked up approximately, the others by their phonetic keys."""

    term: str
    lookups: tuple[Lookup, ...]
    required: tuple[str, ...]

    def relevance(self, schema: SearchSchema, values: FieldValues, terms: Sequence[str],
                  level: Level) -> Relevance | None:
        """How a record found by this fallback's lookup at ``level`` matches: None unless the term matches
        approximately at that level and every other term by its key."""
        matches = []
        for term in terms:
            if term == self.term:
                found = schema.approximate(values, term, level)
            else:
                found = schema.classify(values, required_key(term))
            if found is None:
                return None
            matches.append(found)
        return Relevance(tuple(matches), fallback=True)


def fallbacks(terms: Sequence[str]) -> list[Fallback]:
    """The fallbacks worth trying, longest term first (typos are likelier in long words); at most
    ``MAX_FALLBACKS``."""
    plans = []
    for term in sorted((t for t in terms if _has_letters(t)), key=lambda t: (-len(t), terms.index(t))):
        lookups = _lookups(term)
        if lookups:
            required = tuple(dict.fromkeys(required_key(other) for other in terms if other != term))
            plans.append(Fallback(term, lookups, required))
    return plans[:MAX_FALLBACKS]


def _lookups(term: str) -> tuple[Lookup, ...]:
    found: list[Lookup] = []
    seen: set[str] = set()
    for level in Level:
        key = approximate_key(term, level)
        typo_keys = deletion_keys(key) - seen if key and forgives_typos(term, key) else set()
        token_keys = (key,) if key and level is Level.PHONETIC else ()
        if token_keys or typo_keys:
            found.append(Lookup(level, token_keys, tuple(sorted(typo_keys))))
        seen |= typo_keys
    return tuple(found)


def required_key(term: str) -> str:
    """The key another term must match by in a fallback: its phonetic key for words, itself for numbers."""
    if not _has_letters(term):
        return term
    return phonetic_key(term)[:MAX_TOKEN_LENGTH] or term


def _has_letters(term: str) -> bool:
    return any(ch.isalpha() for ch in term)
