"""Ranked, typo-forgiving search over one collection's search fields, in a bounded number of reads.

A page reads at most ``page_size + 35`` documents' worth (60 for 25 results), whatever the collection's size:

1. Count the records holding every term (``search_tokens``, with the filters): at most four reads.
2. Read the matches best first, one of three ways:
   - stream: one term and no filter but the owner: ``search_rank.<scope>.<term>`` ordered ascending gives the
     best matches first; the page reads its size plus one.
   - ranked: few matches (no more than the page's read budget allows): read them all and rank them in memory.
   - filtered stream: many matches of several terms or with filters: read the longest term's rank order (a window
     of the page's size plus one, then what the budget has left) and keep the records that hold every term and
     pass every filter. Pages keep the rank order; a page may hold fewer than ``page_size`` results, and
     ``next_cursor`` goes on.
3. When every match is shown and the page has room, and the matches were few: the approximate fallback
   (``crm.domain.search.fallback``) reads records by id order, one window per lookup, and keeps those it verifies.
"""

from __future__ import annotations

import contextvars

from google.cloud import firestore

from crm.store.search.cursor import SearchCursor, decode_search_cursor
from crm.store.search.reading import READ_OVERHEAD, Budget, PageReads, Part, pool
from crm.store.search.spec import SearchPage, SearchRequest, SearchSpec


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
        budget = Budget(request.page_size + READ_OVERHEAD)
        run = PageReads(self._collection, self._spec, request, budget, page)
        exact = run.exact_query()
        if cursor is not None and cursor.mode == "fallback":
            total = run.count(exact)
            part = run.fallback(cursor, request.page_size, overlap=total)
            return run.page_of(part, total, shown=cursor.shown, fallback_done=part.resume is None)
        if run.streams_alone() and (cursor is None or cursor.mode == "stream"):
            counting = pool.submit(contextvars.copy_context().run, run.count, exact)
            part = run.stream(cursor)
            total = counting.result()
        else:
            total = run.count(exact)
            if (cursor is None and total <= run.ranked_limit()) or (cursor is not None and cursor.mode == "ranked"):
                part = run.ranked(exact, cursor, total)
            else:
                part = run.stream(cursor)
        if part.resume is not None or total > run.ranked_limit():
            return run.page_of(part, total, fallback_done=total > run.ranked_limit())
        room = request.page_size - len(part.hits)
        if room == 0 or budget.left < 2:
            part.resume = SearchCursor(q=request.fingerprint, page=page, mode="fallback")
            return run.page_of(part, total, fallback_done=False)
        more = run.fallback(None, room, overlap=total)
        merged = Part(part.hits + more.hits, more.resume, more.found)
        return run.page_of(merged, total, fallback_done=more.resume is None)


