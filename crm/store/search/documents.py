"""The search fields of a stored record: the maps its searches query, derived in the same write as the record.

- ``search_tokens`` {key: true}: every key the record is found by (word starts, phonetic keys, phone digit runs);
  searches ask for the records holding every term, an equality per term that Firestore serves by merging its
  single-field indexes, with any status, tag or owner equality.
- ``search_rank`` {scope: {key: rank}}: the same keys, each valued by how well it matches and how recently the
  record was active (smaller ranks first); a range query ordered on one key (``search_rank.all.acme >= 0``,
  ordered by it) reads the best matches first. Scope ``all`` holds every record, ``o_<hash of owner>`` the
  owner's own, so a rep's search reads only their customers, best first.
- ``search_typos`` {key: true}: the one-typo keys of the words that forgive typos, for the approximate fallback.

Only active records carry them: a deleted record is never a candidate.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from crm.domain.search import FieldValues, SearchSchema
from crm.domain.search.ranking import activity_millis

TOKENS = "search_tokens"
RANKS = "search_rank"
TYPOS = "search_typos"
SEARCH_FIELDS = (TOKENS, RANKS, TYPOS)
SEARCH_FORMAT = 2  # raise when the keys change: `crm reindex-search` rewrites every customer's search fields
ALL_SCOPE = "all"
TIER_SPAN = 10**13  # milliseconds since 1970, until the year 2286; tiers stay under 2**53


def owner_scope(owner_id: str) -> str:
    return "o_" + hashlib.sha256(owner_id.encode()).hexdigest()[:16]


def rank_value(tier: int, activity_at: datetime) -> int:
    """A tier, then the latest activity first, in one integer that sorts ascending."""
    millis = min(max(activity_millis(activity_at), 0), TIER_SPAN - 1)
    return tier * TIER_SPAN + (TIER_SPAN - 1 - millis)


def search_document_fields(schema: SearchSchema, values: FieldValues, activity_at: datetime,
                           owner_id: str | None) -> dict[str, Any]:
    tokens = schema.tokens(values)
    recency = rank_value(0, activity_at)  # the same for every key: computed once, added to each key's tier
    ranks = {token: tier * TIER_SPAN + recency for token, tier in sorted(tokens.items())}
    scopes = {ALL_SCOPE: ranks} | ({owner_scope(owner_id): ranks} if owner_id else {})
    return {
        TOKENS: dict.fromkeys(sorted(tokens), True),
        RANKS: scopes,
        TYPOS: dict.fromkeys(sorted(schema.typo_keys(values)), True),
    }
