"""How search results are ordered, and what each result says about how it matched.

A record matching every term ranks by, in turn: whether any term matched only approximately (those come last),
the sum of its terms' tiers (exact word before word start before digits inside a number, each ordered by field:
name before organization before contact values), recent activity (the latest first), and its id. Records found
only by the one-typo fallback come after all of those, closest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field

from crm.domain.model import Model
from crm.domain.search.schema import KIND_RANK, FieldValues, MatchKind, SearchSchema, TermMatch

RankKey = tuple[int, int, int, int, str]


class SearchMatch(Model):
    """How a search result matched: its weakest term's kind, and the fields its terms were found in."""

    kind: MatchKind = Field(description="exact (whole words), prefix (word starts), infix (digits inside a "
                                        "number) or approximate (other spelling or script, or one typo)")
    fields: list[str] = Field(description="The fields the terms matched, in the order of the terms")


@dataclass(frozen=True)
class Relevance:
    matches: tuple[TermMatch, ...]
    fallback: bool = False

    @property
    def approximate(self) -> bool:
        return self.fallback or any(m.kind is MatchKind.APPROXIMATE for m in self.matches)

    def key(self, activity_at: datetime, record_id: str) -> RankKey:
        """The sort key: smaller ranks first."""
        distance = sum(m.distance for m in self.matches)
        tiers = sum(m.tier for m in self.matches)
        return (int(self.fallback) * (1 + distance), int(self.approximate), tiers, -activity_millis(activity_at),
                record_id)

    def describe(self) -> SearchMatch:
        kind = max((m.kind for m in self.matches), key=KIND_RANK.__getitem__)
        if self.fallback:
            kind = MatchKind.APPROXIMATE
        return SearchMatch(kind=kind, fields=list(dict.fromkeys(m.field for m in self.matches)))


def relevance(schema: SearchSchema, values: FieldValues, terms: Sequence[str]) -> Relevance | None:
    """How a record matches every term by its keys; None if a term does not match."""
    matches = []
    for term in terms:
        found = schema.classify(values, term)
        if found is None:
            return None
        matches.append(found)
    return Relevance(tuple(matches))


def activity_millis(activity_at: datetime) -> int:
    return int(activity_at.timestamp() * 1000)
