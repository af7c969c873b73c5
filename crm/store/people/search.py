"""People search on the search executor: the person's search fields, the customer filter, and results that say
which customer each person belongs to."""

from __future__ import annotations

from google.cloud import firestore

from crm.domain.paging import Page
from crm.domain.people.persons import PersonListItem
from crm.domain.people.queries import PersonListParams
from crm.domain.people.search_fields import PERSON_SEARCH, person_activity, person_search_values
from crm.store.cursors import query_fingerprint
from crm.store.people.documents import STORED_FIELDS, person_from_snapshot
from crm.store.search import Condition, SearchExecutor, SearchRequest, SearchSpec


class PersonSearch:
    """Searches active people, ranked, with customer and owner filters."""

    def __init__(self, collection: firestore.CollectionReference):
        spec = SearchSpec(
            schema=PERSON_SEARCH,
            fields=STORED_FIELDS,
            load=person_from_snapshot,
            values=person_search_values,
            activity=person_activity,
            active=Condition("deleted_at", None),
        )
        self._executor = SearchExecutor(collection, spec)

    def page(self, params: PersonListParams) -> Page[PersonListItem]:
        filters: list[Condition] = []
        if params.customer_id:
            filters.append(Condition("customer_id", params.customer_id))
        terms = params.search_terms()
        fingerprint = query_fingerprint("people-search", terms, params.customer_id, params.owner_id)
        request = SearchRequest(tuple(terms), tuple(filters), params.owner_id, params.page_size, params.cursor,
                                fingerprint)
        found = self._executor.run(request)
        items = [PersonListItem(**dict(hit.record), match=hit.match) for hit in found.hits]
        return Page(items, found.total, found.total_exact, found.page, found.next_cursor)
