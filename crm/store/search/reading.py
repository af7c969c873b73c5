"""The reads of one search page, within its budget: the count, the three ways of reading matches best first
(see ``crm.store.search.executor``), and the approximate fallback."""

from __future__ import annotations

import contextvars
import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter, Or
from google.cloud.firestore_v1.base_query import BaseFilter
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.search import Fallback, Relevance, fallbacks, relevance
from crm.domain.search.ranking import RankKey
from crm.store import read_meter
from crm.store.paging import COUNT_CAP, Queryable, count_matches
from crm.store.search.cursor import SearchCursor, encode_search_cursor, invalid_cursor
from crm.store.search.documents import ALL_SCOPE, RANKS, TOKENS, TYPOS, owner_scope
from crm.store.search.spec import Condition, Hit, SearchPage, SearchRequest, SearchSpec

READ_OVERHEAD = 35  # a page reads at most page_size + 35: 60 for 25 results
MAX_DISJUNCTIONS = 30  # Firestore's limit on a query's equalities joined by OR (an ``in`` counts each value)

ENTRIES_PER_COUNT_READ = 1000
pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="firestore-search")


@dataclass
class Part:
    """What one way of reading found: its hits in order, and the cursor to go on from (None when it is done)."""

    hits: list[Hit]
    resume: SearchCursor | None
    found: int = 0


class Budget:
    """The reads a page may still make."""

    def __init__(self, reads: int):
        self.left = reads

    def spend(self, reads: int) -> None:
        self.left -= reads


class PageReads:
    """One request's reads, within its budget."""

    def __init__(self, collection: firestore.CollectionReference, spec: SearchSpec, request: SearchRequest,
                 budget: Budget, page: int):
        self._collection = collection
        self._spec = spec
        self._request = request
        self._budget = budget
        self._page = page
        self._conditions = (self._spec.active, *request.filters)
        if request.owner_id is not None:
            self._conditions += (Condition(self._spec.owner_field, request.owner_id),)

    def streams_alone(self) -> bool:
        """Whether the rank order of the one term, in the owner's scope, is already the answer."""
        return len(self._request.terms) == 1 and not self._request.filters

    def ranked_limit(self) -> int:
        """The most matches read and ranked in memory: the budget less the count and the probe for more."""
        return self._request.page_size + READ_OVERHEAD - 2

    def filtered(self, either: int = 1) -> Queryable:
        """The collection narrowed by every condition; with an OR of ``either`` keys, a condition of several values
        that would take the query past Firestore's 30 disjunctions is left to the check in memory."""
        query: Queryable = self._collection
        for condition in self._conditions:
            if condition.disjunctions * either <= MAX_DISJUNCTIONS:
                query = query.where(filter=condition.filter())
        return query

    def exact_query(self) -> Queryable:
        query = self.filtered()
        for term in self._request.terms:
            query = query.where(filter=_has(TOKENS, term))
        return query

    def count(self, query: Queryable) -> int:
        total = count_matches(query.limit(COUNT_CAP))
        read_meter.record_aggregation(total)
        self._budget.spend(max(1, math.ceil(total / ENTRIES_PER_COUNT_READ)))
        return total

    def read(self, query: Queryable) -> list[firestore.DocumentSnapshot]:
        snapshots = list(query.stream())
        read_meter.record_documents(len(snapshots))
        self._budget.spend(max(1, len(snapshots)))
        return snapshots

    def ranked(self, exact: Queryable, cursor: SearchCursor | None, total: int) -> Part:
        """Every match read and ranked in memory; the page is the next ``page_size`` after the cursor's rank."""
        if total == 0 and cursor is None:
            return Part([], None)
        snapshots = self.read(self.projected(exact).limit(self.ranked_limit()))
        ranked = sorted((key, hit) for snapshot in snapshots if (found := self._exact_hit(snapshot)) is not None
                        for key, hit in [found])
        if cursor is not None and cursor.key is not None:
            after = cursor.key
            ranked = [(key, hit) for key, hit in ranked if key > after]
        size = self._request.page_size
        resume = None
        if len(ranked) > size:
            resume = SearchCursor(q=self._request.fingerprint, page=self._page, mode="ranked", key=ranked[size - 1][0])
        return Part([hit for _, hit in ranked[:size]], resume)

    def stream(self, cursor: SearchCursor | None) -> Part:
        """Records in rank order of the longest term, kept if they hold every term and pass every filter: a
        window of the page's size plus one, then, while filters leave the page short, one more window of what
        the budget has left."""
        term = max(self._request.terms, key=len)
        owner = self._request.owner_id
        rank_path = FieldPath(RANKS, owner_scope(owner) if owner else ALL_SCOPE, term)
        field = rank_path.to_api_repr()
        ordered = (self.projected(self._collection.where(filter=FieldFilter(field, ">=", 0)), field).order_by(field)
                   .order_by(FieldPath.document_id()))
        after: tuple[Any, str] | None = None
        if cursor is not None and cursor.mode == "stream" and cursor.id is not None:
            after = (cursor.rank, cursor.id)
        size = self._request.page_size
        kept: list[tuple[RankKey, Hit]] = []
        limit = size + 1
        while True:
            query = ordered if after is None else ordered.start_after([after[0], self._collection.document(after[1])])
            snapshots = self.read(query.limit(limit))
            consumed = 0
            for snapshot in snapshots:
                if len(kept) == size:
                    break
                consumed += 1
                found = self._exact_hit(snapshot)
                if found is not None:
                    kept.append(found)
            if consumed:
                last = snapshots[consumed - 1]
                after = (_nested(last.to_dict() or {}, rank_path.parts), last.id)
            more = consumed < len(snapshots) or len(snapshots) == limit
            if not more:
                return Part([hit for _, hit in sorted(kept)], None)
            if (len(kept) == size or self._budget.left < 1) and after is not None:
                resume = SearchCursor(q=self._request.fingerprint, page=self._page, mode="stream", rank=after[0],
                                      id=after[1])
                return Part([hit for _, hit in sorted(kept)], resume)
            limit = self._budget.left

    def fallback(self, cursor: SearchCursor | None, room: int, overlap: int) -> Part:
        """Approximate matches, by id order within each lookup of the chosen fallback, verified in memory.

        A window reads what the page still needs, plus one, plus the ``overlap`` of matches by keys it may meet
        again (they were shown before); records read before the page fills are consumed (the next page starts
        after them), records read after it only counted, for the total.
        """
        plans = fallbacks(self._request.terms)
        if not plans:
            return Part([], None)
        if cursor is not None and cursor.plan is not None:
            if cursor.plan >= len(plans) or cursor.lookup >= len(plans[cursor.plan].lookups):
                raise invalid_cursor("cursor is not valid")
            plan_index, lookup, after = cursor.plan, cursor.lookup, cursor.id
        else:
            plan_index, lookup, after = self._choose(plans, overlap), 0, None
        plan = plans[plan_index]
        shown = cursor.shown if cursor else 0
        kept: list[tuple[RankKey, Hit]] = []
        found = 0
        while lookup < len(plan.lookups):
            if len(kept) == room or self._budget.left < 1:
                return self._fallback_part(kept, plan_index, lookup, after, shown, found)
            limit = min(self._budget.left, room - len(kept) + 1 + overlap)
            query = self._lookup_query(plan, lookup)
            if after is not None:
                query = query.start_after([self._collection.document(after)])
            snapshots = self.read(query.limit(limit))
            for snapshot in snapshots:
                hit = self._fallback_hit(plan, lookup, snapshot)
                found += hit is not None
                if len(kept) < room:
                    after = snapshot.id
                    if hit is not None:
                        kept.append(hit)
            if len(snapshots) < limit and (not snapshots or after == snapshots[-1].id):
                lookup, after = lookup + 1, None
        return Part([hit for _, hit in sorted(kept)], None, found)

    def _fallback_part(self, kept: list[tuple[RankKey, Hit]], plan: int, lookup: int, after: str | None,
                       shown: int, found: int) -> Part:
        resume = SearchCursor(q=self._request.fingerprint, page=self._page, mode="fallback", plan=plan,
                              lookup=lookup, id=after, shown=shown + len(kept))
        return Part([hit for _, hit in sorted(kept)], resume, found)

    def _choose(self, plans: Sequence[Fallback], total: int) -> int:
        """The first fallback whose term matches nothing by its key (likely the misspelt one), else the first.

        Probes run side by side, one read each; none when some record matches every term (then none is missing).
        """
        if len(plans) == 1 or total > 0 or self._budget.left <= len(plans) + 1:
            return 0
        probes = [self.filtered().where(filter=_has(TOKENS, plan.term)).select([]).limit(1) for plan in plans]
        context = contextvars.copy_context()
        results = list(pool.map(lambda probe: context.copy().run(lambda: list(probe.stream())), probes))
        for found in results:
            read_meter.record_documents(len(found))
            self._budget.spend(max(1, len(found)))
        return next((index for index, found in enumerate(results) if not found), 0)

    def _lookup_query(self, plan: Fallback, lookup: int) -> Queryable:
        keys = plan.lookups[lookup]
        either: list[BaseFilter] = [_has(TOKENS, key) for key in keys.token_keys]
        either += [_has(TYPOS, key) for key in keys.typo_keys]
        query = self.filtered(len(either))
        for key in plan.required:
            query = query.where(filter=_has(TOKENS, key))
        query = query.where(filter=Or(either)) if len(either) > 1 else query.where(filter=either[0])
        return self.projected(query, TYPOS).order_by(FieldPath.document_id())

    def projected(self, query: Queryable, *extra: str) -> Queryable:
        """Only what a result needs: the record's fields, its tokens, and ``extra`` field paths."""
        return query.select([*self._spec.fields, TOKENS, *extra])

    def _exact_hit(self, snapshot: firestore.DocumentSnapshot) -> tuple[RankKey, Hit] | None:
        data = snapshot.to_dict() or {}
        tokens = data.get(TOKENS) or {}
        if not all(term in tokens for term in self._request.terms) or not self._passes(data):
            return None
        record = self._spec.load(snapshot)
        found = relevance(self._spec.schema, self._spec.values(record), self._request.terms)
        return None if found is None else self._keyed(snapshot, record, found)

    def _fallback_hit(self, plan: Fallback, lookup: int, snapshot: firestore.DocumentSnapshot
                      ) -> tuple[RankKey, Hit] | None:
        data = snapshot.to_dict() or {}
        tokens, typos = data.get(TOKENS) or {}, data.get(TYPOS) or {}
        if all(term in tokens for term in self._request.terms) or not self._passes(data):
            return None  # an exact match, shown before the fallback
        for earlier in plan.lookups[:lookup]:
            if any(k in tokens for k in earlier.token_keys) or any(k in typos for k in earlier.typo_keys):
                return None  # found by an earlier lookup
        level = plan.lookups[lookup].level
        record = self._spec.load(snapshot)
        found = plan.relevance(self._spec.schema, self._spec.values(record), self._request.terms, level)
        return None if found is None else self._keyed(snapshot, record, found)

    def _keyed(self, snapshot: firestore.DocumentSnapshot, record: Any, found: Relevance) -> tuple[RankKey, Hit]:
        return found.key(self._spec.activity(record), snapshot.id), Hit(snapshot, record, found.describe())

    def _passes(self, data: dict[str, Any]) -> bool:
        return all(condition.holds(data) for condition in self._conditions)

    def page_of(self, part: Part, total: int, *, shown: int = 0, fallback_done: bool) -> SearchPage:
        cursor = encode_search_cursor(part.resume) if part.resume is not None else None
        exact = total < COUNT_CAP and fallback_done
        return SearchPage(part.hits, total + shown + part.found, exact, self._page, cursor)


def _has(field: str, key: str) -> FieldFilter:
    return FieldFilter(FieldPath(field, key).to_api_repr(), "==", True)


def _nested(data: dict[str, Any], parts: Sequence[str]) -> Any:
    for part in parts:
        data = data.get(part) if isinstance(data, dict) else None  # type: ignore[assignment]
    return data
