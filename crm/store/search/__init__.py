"""Search over a collection's search fields: the fields each record stores, and the executor that queries them."""

from crm.store.search.documents import SEARCH_FIELDS, search_document_fields
from crm.store.search.executor import SearchExecutor
from crm.store.search.spec import Condition, Hit, SearchPage, SearchRequest, SearchSpec

__all__ = [
    "SEARCH_FIELDS",
    "Condition",
    "Hit",
    "SearchExecutor",
    "SearchPage",
    "SearchRequest",
    "SearchSpec",
    "search_document_fields",
]
