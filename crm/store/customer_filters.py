"""The customer list's filters as Firestore filters: statuses (one is an equality, several an ``in``), source,
priority, rating, and a created range (ordered by created_at, which its indexes end with); and the same filters as
search conditions, which the search executor queries and checks again in memory."""

from __future__ import annotations

from typing import Any

from google.cloud.firestore_v1 import FieldFilter

from crm.domain.customer_queries import CustomerListParams
from crm.store.paging import Queryable
from crm.store.search import Condition


def with_list_filters(query: Queryable, params: CustomerListParams) -> Queryable:
    """``query`` narrowed by the statuses, the equality filters and the created range of ``params``."""
    statuses = [status.value for status in params.statuses]
    if len(statuses) == 1:
        query = query.where(filter=FieldFilter("status", "==", statuses[0]))
    elif statuses:
        query = query.where(filter=FieldFilter("status", "in", statuses))
    for field, value in params.equalities():
        query = query.where(filter=FieldFilter(field, "==", value))
    ranged = params.created_range()
    if ranged is not None:
        start, end = ranged
        if start is not None:
            query = query.where(filter=FieldFilter("created_at", ">=", start))
        if end is not None:
            query = query.where(filter=FieldFilter("created_at", "<", end))
    return query


def search_conditions(params: CustomerListParams) -> list[Condition]:
    """The statuses and equality filters as conditions of a search (a created range never comes with one)."""
    statuses = [status.value for status in params.statuses]
    conditions = [Condition("status", statuses[0])] if len(statuses) == 1 else (
        [Condition("status", tuple(statuses), "in")] if statuses else [])
    return conditions + [Condition(field, value) for field, value in params.equalities()]


def list_filters_fingerprint(params: CustomerListParams) -> list[Any]:
    """What the filters add to a list's cursor fingerprint (nothing when none is given, so older cursors hold)."""
    extra = [*params.equalities(), *(str(v) for v in params.created_range() or ())]
    return [extra] if extra else []
