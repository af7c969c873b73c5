"""Ranked, typo-forgiving search over one collection's search fields, in a bounded number of reads.

A page reads at most ``page_size + 35`` documents' worth (60 for 25 results), whatever the collection's size:

1. Count the records holding every term (``search_tokens``, with the filters): at most four reads.
2. Read the matches best first, one of three ways:
   - stream: one term and no filter but the owner: ``search_rank.<scope>.<term>`` ordered ascending gives the
     best matches first; the page reads its size plus one.
   - ranked: few matches (no more than the page's read budget allows): read them all and rank them in memory.
   - filtered stream: many matches of several terms or with filters: read the first term's rank order in one
     window of the remaining budget and keep the records that hold every term and pass every filter. Pages keep
     the rank order; a page may hold fewer than ``page_size`` results, and ``next_cursor`` goes on.
3. When every match is shown and the page has room, and the matches were few: the approximate fallback
   (``crm.domain.search.fallback``) reads records by id order, one window per lookup, and keeps those it verifies.
"""

from __future__ import annotations

import contextvars
import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter, Or
from google.cloud.firestore_v1.base_query import BaseQuery
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.search import Fallback, FieldValues, Relevance, SearchMatch, SearchSchema, fallbacks, relevance
from crm.domain.search.ranking import RankKey
from crm.store import read_meter
from crm.store.search.cursor import SearchCursor, decode_search_cursor, encode_search_cursor, invalid_cursor
from crm.store.search.documents import ALL_SCOPE, RANKS, TOKENS, TYPOS, owner_scope

READ_OVERHEAD = 35
COUNT_CAP = 4000
ENTRIES_PER_COUNT_READ = 1000
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="firestore-search")


@dataclass(frozen=True)
class Condition:
    """An equality (or array membership) every result must meet: queried, and checked again in memory."""

    field: str
    value: Any
    op: Literal["==", "array_contains"] = "=="

    def filter(self) -> FieldFilter:
        return FieldFilter(self.field, self.op, self.value)

    def holds(self, data: dict[str, Any]) -> bool:
        actual = data.get(self.field)
        if self.op == "array_contains":
            return isinstance(actual, list) and self.value in actual
        return actual == self.value


@dataclass(frozen=True)
class SearchSpec:
    """What a collection declares to be searched: its schema, the stored fields a record is loaded from (a search
    reads only those, not the search maps), how to load it, its searchable values and latest activity, and which
    field marks a record active and which names its owner."""

    schema: SearchSchema
    fields: tuple[str, ...]
    load: Callable[[firestore.DocumentSnapshot], Any]
    values: Callable[[Any], FieldValues]
    activity: Callable[[Any], datetime]
    active: Condition
    owner_field: str = "owner_id"


@dataclass(frozen=True)
class SearchRequest:
    terms: tuple[str, ...]
    filters: tuple[Condition, ...]
    owner_id: str | None
    page_size: int
    cursor: str | None
    fingerprint: str


@dataclass(frozen=True)
class Hit:
    snapshot: firestore.DocumentSnapshot
    record: Any
    match: SearchMatch


@dataclass
class SearchPage:
    hits: list[Hit]
    total: int
    total_exact: bool
    page: int
    next_cursor: str | None


@dataclass
class _Part:
    """What one way of reading found: its hits in order, and the cursor to go on from (None when it is done)."""

    hits: list[Hit]
    resume: SearchCursor | None
    found: int = 0


class _Budget:
    def __init__(self, reads: int):
        self.left = reads

    def spend(self, reads: int) -> None:
        self.left -= reads


class SearchExecutor:
    """Runs searches over one collection."""

    def __init__(self, collection: firestore.CollectionReference, spec: SearchSpec):
        self._collection = collection
        self._spec = spec

    def run(self, request: SearchRequest) -> SearchPage:
        """One page of results, best first, with the total that match.

        Raises:
            InvalidArgumentError: the cursor is malformed or belongs to another search.
        """
        cursor = decode_search_cursor(request.cursor, request.fingerprint) if request.cursor else None
        page = cursor.page + 1 if cursor else 1
        budget = _Budget(request.page_size + READ_OVERHEAD)
        run = _Run(self, request, budget, page)
        exact = run.exact_query()
        if cursor is not None and cursor.mode == "fallback":
            total = run.count(exact)
            part = run.fallback(cursor, request.page_size, overlap=total)
            return run.page_of(part, total, shown=cursor.shown, fallback_done=part.resume is None)
        if run.streams_alone() and (cursor is None or cursor.mode == "stream"):
            counting = _pool.submit(contextvars.copy_context().run, run.count, exact)
            part = run.stream(cursor)
            total = counting.result()
        else:
            total = run.count(exact)
            if (cursor is None and total <= run.ranked_limit()) or (cursor is not None and cursor.mode == "ranked"):
                part = run.ranked(exact, cursor, total)
            else:
                part = run.stream(cursor)
        room = request.page_size - len(part.hits)
        if part.resume is not None or total > run.ranked_limit():
            return run.page_of(part, total, fallback_done=total > run.ranked_limit())
        if room == 0:
            part.resume = SearchCursor(q=request.fingerprint, page=page, mode="fallback")
            return run.page_of(part, total, fallback_done=False)
        if budget.left < 2:
            part.resume = SearchCursor(q=request.fingerprint, page=page, mode="fallback")
            return run.page_of(part, total, fallback_done=False)
        more = run.fallback(None, room, overlap=total)
        merged = _Part(part.hits + more.hits, more.resume, more.found)
        return run.page_of(merged, total, fallback_done=more.resume is None)

    @property
    def collection(self) -> firestore.CollectionReference:
        return self._collection

    @property
    def spec(self) -> SearchSpec:
        return self._spec


class _Run:
    """One request's reads, within its budget."""

    def __init__(self, executor: SearchExecutor, request: SearchRequest, budget: _Budget, page: int):
        self._collection = executor.collection
        self._spec = executor.spec
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

    def filtered(self) -> BaseQuery:
        query: BaseQuery = self._collection
        for condition in self._conditions:
            query = query.where(filter=condition.filter())
        return query

    def exact_query(self) -> BaseQuery:
        query = self.filtered()
        for term in self._request.terms:
            query = query.where(filter=_has(TOKENS, term))
        return query

    def count(self, query: BaseQuery) -> int:
        total = int(query.limit(COUNT_CAP).count().get()[0][0].value)
        read_meter.record_aggregation(total)
        self._budget.spend(max(1, math.ceil(total / ENTRIES_PER_COUNT_READ)))
        return total

    def read(self, query: BaseQuery) -> list[firestore.DocumentSnapshot]:
        snapshots = list(query.stream())
        read_meter.record_documents(len(snapshots))
        self._budget.spend(max(1, len(snapshots)))
        return snapshots

    def ranked(self, exact: BaseQuery, cursor: SearchCursor | None, total: int) -> _Part:
        """Every match read and ranked in memory; the page is the next ``page_size`` after the cursor's rank."""
        if total == 0 and cursor is None:
            return _Part([], None)
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
        return _Part([hit for _, hit in ranked[:size]], resume)

    def stream(self, cursor: SearchCursor | None) -> _Part:
        """Records in rank order of the longest term, kept if they hold every term and pass every filter: a
        window of the page's size plus one, then, while filters leave the page short, one more window of what
        the budget has left."""
        term = max(self._request.terms, key=len)
        owner = self._request.owner_id
        rank_path = FieldPath(RANKS, owner_scope(owner) if owner else ALL_SCOPE, term)
        field = rank_path.to_api_repr()
        ordered = (self.projected(self._collection.where(filter=FieldFilter(field, ">=", 0)), field).order_by(field)
                   .order_by(FieldPath.document_id()))
        after = (cursor.rank, cursor.id) if cursor is not None and cursor.mode == "stream" else None
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
                return _Part([hit for _, hit in sorted(kept)], None)
            if len(kept) == size or self._budget.left < 1:
                resume = SearchCursor(q=self._request.fingerprint, page=self._page, mode="stream", rank=after[0],
                                      id=after[1])
                return _Part([hit for _, hit in sorted(kept)], resume)
            limit = self._budget.left

    def fallback(self, cursor: SearchCursor | None, room: int, overlap: int) -> _Part:
        """Approximate matches, by id order within each lookup of the chosen fallback, verified in memory.

        A window reads what the page still needs, plus one, plus the ``overlap`` of matches by keys it may meet
        again (they were shown before); records read before the page fills are consumed (the next page starts
        after them), records read after it only counted, for the total.
        """
        plans = fallbacks(self._request.terms)
        if not plans:
            return _Part([], None)
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
        return _Part([hit for _, hit in sorted(kept)], None, found)

    def _fallback_part(self, kept: list[tuple[RankKey, Hit]], plan: int, lookup: int, after: str | None,
                       shown: int, found: int) -> _Part:
        resume = SearchCursor(q=self._request.fingerprint, page=self._page, mode="fallback", plan=plan,
                              lookup=lookup, id=after, shown=shown + len(kept))
        return _Part([hit for _, hit in sorted(kept)], resume, found)

    def _choose(self, plans: Sequence[Fallback], total: int) -> int:
        """The first fallback whose term matches nothing by its key (likely the misspelt one), else the first.

        Probes run side by side, one read each; none when some record matches every term (then none is missing).
        """
        if len(plans) == 1 or total > 0 or self._budget.left <= len(plans) + 1:
            return 0
        probes = [self.filtered().where(filter=_has(TOKENS, plan.term)).select([]).limit(1) for plan in plans]
        context = contextvars.copy_context()
        results = list(_pool.map(lambda probe: context.copy().run(lambda: list(probe.stream())), probes))
        for found in results:
            read_meter.record_documents(len(found))
            self._budget.spend(max(1, len(found)))
        return next((index for index, found in enumerate(results) if not found), 0)

    def _lookup_query(self, plan: Fallback, lookup: int) -> BaseQuery:
        keys = plan.lookups[lookup]
        query = self.filtered()
        for key in plan.required:
            query = query.where(filter=_has(TOKENS, key))
        either = [_has(TOKENS, key) for key in keys.token_keys] + [_has(TYPOS, key) for key in keys.typo_keys]
        query = query.where(filter=Or(either)) if len(either) > 1 else query.where(filter=either[0])
        return self.projected(query, TYPOS).order_by(FieldPath.document_id())

    def projected(self, query: BaseQuery, *extra: str) -> BaseQuery:
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

    def page_of(self, part: _Part, total: int, *, shown: int = 0, fallback_done: bool) -> SearchPage:
        cursor = encode_search_cursor(part.resume) if part.resume is not None else None
        exact = total < COUNT_CAP and fallback_done
        return SearchPage(part.hits, total + shown + part.found, exact, self._page, cursor)


def _has(field: str, key: str) -> FieldFilter:
    return FieldFilter(FieldPath(field, key).to_api_repr(), "==", True)


def _nested(data: dict[str, Any], parts: Sequence[str]) -> Any:
    for part in parts:
        data = data.get(part) if isinstance(data, dict) else None  # type: ignore[assignment]
    return data
