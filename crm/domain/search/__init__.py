"""Search that ranks and forgives typos: searchable fields, phonetic and one-typo keys, ranking, fallbacks."""

from crm.domain.search.fallback import Fallback, Lookup, fallbacks, required_key
from crm.domain.search.ranking import Relevance, SearchMatch, relevance
from crm.domain.search.schema import FieldKind, FieldValues, Level, MatchKind, SearchField, SearchSchema, TermMatch

__all__ = [
    "Fallback",
    "FieldKind",
    "FieldValues",
    "Level",
    "Lookup",
    "MatchKind",
    "Relevance",
    "SearchField",
    "SearchMatch",
    "SearchSchema",
    "TermMatch",
    "fallbacks",
    "relevance",
    "required_key",
]
