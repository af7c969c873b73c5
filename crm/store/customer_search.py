"""Customer search on the search executor: the customer's search fields, filters and results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.cloud import firestore

from crm.domain.customer_queries import CustomerListParams
from crm.domain.customers import Customer, CustomerListItem
from crm.domain.paging import Page
from crm.domain.search.customer_fields import CUSTOMER_SEARCH, customer_activity, customer_search_values
from crm.store.cursors import query_fingerprint
from crm.store.customer_filters import list_filters_fingerprint, search_conditions
from crm.store.search import Condition, SearchExecutor, SearchRequest, SearchSpec, search_document_fields

FromSnapshot = Callable[[firestore.DocumentSnapshot], Customer]
STORED_FIELDS = (*(f for f in Customer.model_fields if f not in ("id", "lifetime_value")), "lifetime_value_cents")


def customer_search_fields(customer: Customer) -> dict[str, Any]:
    """The search fields of a customer's document: none for a deleted customer, so it is never a candidate."""
    if customer.deleted_at is not None:
        return {}
    values = customer_search_values(customer)
    return search_document_fields(CUSTOMER_SEARCH, values, customer_activity(customer), customer.owner_id)


class CustomerSearch:
    """Searches active customers, ranked, with status, tag and owner filters."""

    def __init__(self, collection: firestore.CollectionReference, from_snapshot: FromSnapshot):
        spec = SearchSpec(
            schema=CUSTOMER_SEARCH,
            fields=STORED_FIELDS,
            load=from_snapshot,
            values=customer_search_values,
            activity=customer_activity,
            active=Condition("deleted_at", None),
        )
        self._executor = SearchExecutor(collection, spec)

    def page(self, params: CustomerListParams) -> Page[CustomerListItem]:
        filters = search_conditions(params)
        if params.tag:
            filters.append(Condition("tags", params.tag, "array_contains"))
        terms = params.search_terms()
        fingerprint = query_fingerprint("search", terms, params.status, params.tag, params.owner_id,
                                        *list_filters_fingerprint(params))
        request = SearchRequest(tuple(terms), tuple(filters), params.owner_id, params.page_size, params.cursor,
                                fingerprint)
        found = self._executor.run(request)
        items = [CustomerListItem(**dict(hit.record), match=hit.match) for hit in found.hits]
        return Page(items, found.total, found.total_exact, found.page, found.next_cursor)
