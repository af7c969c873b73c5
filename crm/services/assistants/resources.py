"""Records an assistant may read by URI: a customer (as its summary) and a deal."""

from __future__ import annotations

from crm.domain.access import Access
from crm.identity import Caller
from crm.services import deals
from crm.services.assistants.catalog import AssistantResource, ToolBackend, ToolResult, read
from crm.services.customer_summary import customer_summary


def read_customer(backend: ToolBackend, caller: Caller, customer_id: str) -> ToolResult:
    return read(customer_summary(backend.customers, backend.deals, backend.activities, customer_id, caller))


def read_deal(backend: ToolBackend, caller: Caller, deal_id: str) -> ToolResult:
    return read(deals.get_deal(backend.deals, deal_id, caller))


RESOURCES = [
    AssistantResource("crm://customers/{customer_id}", "customer", "Customer", (
        "A customer at a glance: the record, open deals, open activities, latest notes and a plain-text summary"),
        Access.READ, read_customer),
    AssistantResource("crm://deals/{deal_id}", "deal", "Deal", (
        "A deal: customer, value and currency, pipeline and stage, probability, expected close date, stage history"),
        Access.READ, read_deal),
]
