"""What a record is searched by: its searchable fields, how each ranks, and the keys a record is stored with.

A collection declares a ``SearchSchema``: its fields in rank order (a lower ``weight`` ranks first), each either
free text (found by word prefixes, and by phonetic keys so that Greek and Latin spellings meet) or phone digits
(found from the start and by any run of four or more digits). The same schema derives the keys a record is
stored with and classifies a fetched record against a search term, so the index and the ranking always agree.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from crm.domain.search.phonetic import phonetic_key, spelling_key
from crm.domain.search.typos import deletion_keys, forgives_typos, one_typo_apart
from crm.domain.search_tokens import MAX_TOKEN_LENGTH, words

MIN_INFIX_DIGITS = 4
MAX_SEARCH_TOKENS = 1500


class MatchKind(StrEnum):
    """How a term matched, best first: a whole word, a word's start, digits inside a number, or approximately
    (another spelling or script of the word, or one typo away)."""

    EXACT = "exact"
    PREFIX = "prefix"
    INFIX = "infix"
    APPROXIMATE = "approximate"


KIND_RANK = {kind: rank for rank, kind in enumerate(MatchKind)}


class Level(StrEnum):
    """Which key of a word an approximate match compares: how it sounds, or how it is written."""

    PHONETIC = "phonetic"
    SPELLING = "spelling"


def approximate_key(word: str, level: Level) -> str:
    key = phonetic_key(word) if level is Level.PHONETIC else spelling_key(word)
    return key[:MAX_TOKEN_LENGTH]


class FieldKind(StrEnum):
    WORDS = "words"
    DIGITS = "digits"


@dataclass(frozen=True)
class SearchField:
    name: str
    weight: int
    kind: FieldKind = FieldKind.WORDS
    typos: bool = False


FieldValues = Mapping[str, Sequence[str]]


@dataclass(frozen=True, order=True)
class TermMatch:
    """The best way one term matched a record: ``tier`` orders matches (kind first, then field weight)."""

    tier: int
    distance: int
    kind: MatchKind
    field: str


@dataclass(frozen=True)
class SearchSchema:
    """The searchable fields of one collection, in the order their matches rank."""

    fields: tuple[SearchField, ...]
    max_tokens: int = MAX_SEARCH_TOKENS

    @functools.cached_property
    def _levels(self) -> int:
        return 1 + max(f.weight for f in self.fields)

    def tier(self, kind: MatchKind, field: SearchField) -> int:
        return KIND_RANK[kind] * self._levels + field.weight

    def tokens(self, values: FieldValues) -> dict[str, int]:
        """Every key the record is found by, with the tier of its best match; at most ``max_tokens`` keys,
        taken field by field in rank order."""
        tiers: dict[str, int] = {}
        levels, limit = self._levels, self.max_tokens
        for token, kind, field in self._entries(values):
            tier = KIND_RANK[kind] * levels + field.weight  # self.tier, inlined: this runs for every key of a write
            held = tiers.get(token)
            if held is not None:
                if tier < held:
                    tiers[token] = tier
            elif len(tiers) < limit:
                tiers[token] = tier
        return tiers

    def typo_keys(self, values: FieldValues) -> set[str]:
        """The deletion neighbourhoods of the phonetic and spelling keys of the words that forgive a typo."""
        keys: set[str] = set()
        for field in self.fields:
            if field.typos:
                for word in self._words(values, field):
                    for level in Level:
                        key = approximate_key(word, level)
                        if forgives_typos(word, key):
                            keys |= deletion_keys(key)
        return keys

    def classify(self, values: FieldValues, term: str) -> TermMatch | None:
        """The best match of ``term`` among the record's keys, as ``tokens`` would rank it; None if it has none."""
        best: TermMatch | None = None
        for field in self.fields:
            for value in values.get(field.name, ()):
                kind = _digits_kind(value, term) if field.kind is FieldKind.DIGITS else _words_kind(value, term)
                if kind is not None:
                    found = TermMatch(self.tier(kind, field), 0, kind, field.name)
                    best = found if best is None else min(best, found)
        return best

    def approximate(self, values: FieldValues, term: str, level: Level) -> TermMatch | None:
        """The best approximate match of ``term`` at ``level``; None if there is none.

        Phonetic: a word that sounds the same (its phonetic key starts with the term's), else one whose phonetic
        key is one typo away. Spelling: a word whose spelling is one typo away.
        """
        key = approximate_key(term, level)
        best: TermMatch | None = None
        for field in self.fields:
            if field.kind is not FieldKind.WORDS:
                continue
            tier = self.tier(MatchKind.APPROXIMATE, field)
            for word in self._words(values, field):
                word_key = approximate_key(word, level)
                if level is Level.PHONETIC and key and word_key.startswith(key):
                    found = TermMatch(tier, 0, MatchKind.APPROXIMATE, field.name)
                elif (field.typos and forgives_typos(term, key) and forgives_typos(word, word_key)
                      and one_typo_apart(key, word_key)):
                    found = TermMatch(tier, 1, MatchKind.APPROXIMATE, field.name)
                else:
                    continue
                best = found if best is None else min(best, found)
        return best

    def _entries(self, values: FieldValues) -> Iterator[tuple[str, MatchKind, SearchField]]:
        for field in self.fields:
            if field.kind is FieldKind.DIGITS:
                for digits in values.get(field.name, ()):
                    yield from ((token, kind, field) for token, kind in _digit_tokens(digits))
                continue
            field_words = list(self._words(values, field))
            for word in field_words:
                yield from ((token, kind, field) for token, kind in _word_tokens(word))
            for word in field_words:
                key = phonetic_key(word)[:MAX_TOKEN_LENGTH]
                yield from ((key[:end], MatchKind.APPROXIMATE, field) for end in range(1, len(key) + 1))

    @staticmethod
    def _words(values: FieldValues, field: SearchField) -> Iterator[str]:
        for value in values.get(field.name, ()):
            yield from words(value)


def _word_tokens(word: str) -> Iterator[tuple[str, MatchKind]]:
    capped = word[:MAX_TOKEN_LENGTH]
    for end in range(1, len(capped) + 1):
        yield capped[:end], MatchKind.EXACT if end == len(word) else MatchKind.PREFIX


def _digit_tokens(digits: str) -> Iterator[tuple[str, MatchKind]]:
    capped = digits[:MAX_TOKEN_LENGTH]
    for end in range(1, len(capped) + 1):
        yield capped[:end], MatchKind.EXACT if end == len(digits) else MatchKind.PREFIX
    for start in range(1, len(capped) - MIN_INFIX_DIGITS + 1):
        for end in range(start + MIN_INFIX_DIGITS, len(capped) + 1):
            yield capped[start:end], MatchKind.INFIX


def _words_kind(value: str, term: str) -> MatchKind | None:
    best: MatchKind | None = None
    for word in words(value):
        if word[:MAX_TOKEN_LENGTH].startswith(term):
            kind = MatchKind.EXACT if word == term else MatchKind.PREFIX
        elif phonetic_key(word)[:MAX_TOKEN_LENGTH].startswith(term):
            kind = MatchKind.APPROXIMATE
        else:
            continue
        if best is None or KIND_RANK[kind] < KIND_RANK[best]:
            best = kind
    return best


def _digits_kind(digits: str, term: str) -> MatchKind | None:
    capped = digits[:MAX_TOKEN_LENGTH]
    if capped.startswith(term):
        return MatchKind.EXACT if digits == term else MatchKind.PREFIX
    if len(term) >= MIN_INFIX_DIGITS and capped.find(term, 1) >= 0:
        return MatchKind.INFIX
    return None
