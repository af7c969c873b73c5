"""The quick search use case: the best few customers and contact persons for what was typed."""

from __future__ import annotations

from crm.domain import access
from crm.domain.customer_queries import CustomerListParams
from crm.domain.people.queries import PersonListParams
from crm.domain.quick_search import QuickSearchParams, QuickSearchResult, customer_hit, person_hit
from crm.domain.search_tokens import query_terms
from crm.identity import Caller
from crm.services.ports import CustomerReader, PersonReader


def quick_search(customers: CustomerReader, people: PersonReader, params: QuickSearchParams,
                 caller: Caller) -> QuickSearchResult:
    """Up to ``limit`` customers and ``limit`` people, best first (a rep's own only): two searches of ``limit``
    results, so at most 2 x (limit + 35) reads, 80 for the default 5."""
    owner = access.list_owner(caller, None)
    if not query_terms(params.q):
        return QuickSearchResult(customers=[], customers_total=0, people=[], people_total=0)
    found_customers = customers.list(CustomerListParams(search=params.q, owner_id=owner, page_size=params.limit))
    found_people = people.list(PersonListParams(search=params.q, owner_id=owner, page_size=params.limit))
    return QuickSearchResult(
        customers=[customer_hit(c) for c in found_customers.results], customers_total=found_customers.total,
        people=[person_hit(p) for p in found_people.results], people_total=found_people.total)
