"""Assistant tools over the customer use cases: search, summary, timeline, create, note."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from crm.domain.access import Access
from crm.domain.audit import AuditEntity
from crm.domain.common import DocumentId, Label, ShortText
from crm.domain.customer_queries import CustomerListParams, CustomerOrder
from crm.domain.customers import (
    CustomerCreate,
    CustomerListItem,
    CustomerSource,
    CustomerStatus,
    Language,
    Name,
    NoteText,
    Tag,
)
from crm.domain.timeline import TimelineParams
from crm.identity import Caller
from crm.services import customers
from crm.services.assistants.catalog import AssistantTool, ToolArguments, ToolBackend, ToolResult, read, written
from crm.services.customer_summary import customer_summary
from crm.services.timeline import customer_timeline

CustomerId = Annotated[DocumentId, Field(description="The customer's id, as search_customers gives it")]
PageSize = Annotated[int, Field(ge=1, le=50, description="How many to return (1-50)")]
Cursor = Annotated[str, Field(max_length=2000, description="next_cursor of the previous answer, for the next page")]
SEARCH_FIELDS = ("id", "name", "organization", "email", "phone", "status", "tags", "owner_id", "lifetime_value",
                 "last_activity_at", "match")


class CustomerSearch(ToolArguments):
    search: Annotated[str, Field(max_length=200, description=(
        "Words or the starts of words, in any order, every one required: names, organizations, email addresses "
        "(also by domain, e.g. acme.com) and phone numbers (also by 4 or more consecutive digits). Greek and Latin "
        "spellings find each other and one typo is forgiven. Leave out to list customers, most recently changed "
        "first"))] | None = None
    status: Annotated[CustomerStatus, Field(description="Only customers in this status")] | None = None
    tag: Annotated[str, Field(max_length=50, description="Only customers with this tag")] | None = None
    page_size: PageSize = 10
    cursor: Cursor | None = None


def search_customers(backend: ToolBackend, caller: Caller, args: CustomerSearch) -> ToolResult:
    order = None if args.search and args.search.strip() else CustomerOrder.UPDATED_AT_DESC
    params = CustomerListParams(search=args.search, status=args.status, tag=args.tag, page_size=args.page_size,
                                cursor=args.cursor, order_by=order)
    page = customers.list_customers(backend.customers, params, caller)
    return ToolResult({"results": [_brief(item) for item in page.results], "total": page.total,
                       "total_exact": page.total_exact, "next_cursor": page.next_cursor})


def _brief(item: CustomerListItem) -> dict[str, Any]:
    return item.model_dump(mode="json", include=set(SEARCH_FIELDS))


class CustomerRef(ToolArguments):
    customer_id: CustomerId


def get_customer_summary(backend: ToolBackend, caller: Caller, args: CustomerRef) -> ToolResult:
    return read(customer_summary(backend.customers, backend.deals, backend.activities, args.customer_id, caller))


class TimelineRequest(ToolArguments):
    customer_id: CustomerId
    entity: Annotated[AuditEntity, Field(description="Only what happened to this kind of record")] | None = None
    page_size: PageSize = 20
    cursor: Cursor | None = None


def get_customer_timeline(backend: ToolBackend, caller: Caller, args: TimelineRequest) -> ToolResult:
    params = TimelineParams(entity=args.entity, page_size=args.page_size, cursor=args.cursor)
    return read(customer_timeline(backend.customers, backend.audit, args.customer_id, params, caller))


class NewCustomer(ToolArguments):
    name: Annotated[Name, Field(description="The person's or company's name")]
    organization: Annotated[ShortText, Field(description="The company a person works for")] | None = None
    email: Annotated[str, Field(max_length=320, description="Primary email address; one active customer per "
                                                            "address")] | None = None
    phone: Annotated[str, Field(max_length=64, description="Primary phone number; international (+30...) or "
                                                           "national")] | None = None
    status: Annotated[CustomerStatus, Field(description="Default lead")] | None = None
    source: Annotated[CustomerSource, Field(description="How the customer found us")] | None = None
    tags: Annotated[list[Tag], Field(max_length=20, description="Short labels, lower-cased")] | None = None
    language: Annotated[Language, Field(description="Language to write to them in, e.g. el or en")] | None = None
    city: Annotated[Label, Field(description="Where they are: city")] | None = None
    country: Annotated[Label, Field(description="Where they are: country")] | None = None
    note: Annotated[NoteText, Field(description="A first note about the customer")] | None = None
    owner_id: Annotated[str, Field(min_length=1, max_length=128, description=(
        "Who is responsible; the caller unless given (only managers and admins give a customer to someone "
        "else)"))] | None = None


def create_customer(backend: ToolBackend, caller: Caller, args: NewCustomer) -> ToolResult:
    fields = args.model_dump(exclude_unset=True, exclude={"city", "country", "note"})
    location = args.model_dump(exclude_unset=True, include={"city", "country"})
    if location:
        fields["location"] = location
    if args.note:
        fields["notes"] = [{"text": args.note}]
    data = CustomerCreate.model_validate(fields, context={"phone_region": backend.default_phone_region})
    created = customers.create_customer(backend.transactions, data, caller, default_language=backend.default_language)
    return written("customer", created, f"Created customer {created.name!r} ({created.status.value}), "
                                        f"id {created.id}")


class NewNote(ToolArguments):
    customer_id: CustomerId
    text: Annotated[NoteText, Field(description="The note, up to 500 characters")]


def add_customer_note(backend: ToolBackend, caller: Caller, args: NewNote) -> ToolResult:
    changed = customers.add_note(backend.transactions, args.customer_id, args.text, caller)
    return written("customer", changed, f"Added a note to customer {changed.name!r} ({len(changed.notes)} notes "
                                        "now)")


TOOLS: list[AssistantTool[Any]] = [
    AssistantTool("search_customers", "Search customers", (
        "Find customers by name, organization, email, phone or tag, best matches first. Use it to get a "
        "customer's id before any other customer tool. A rep finds only their own customers."),
        CustomerSearch, Access.READ, search_customers),
    AssistantTool("get_customer_summary", "Customer summary", (
        "A customer at a glance: the record, open deals with their value per currency and stage, open activities, "
        "the latest notes, and a plain-text paragraph saying the same."),
        CustomerRef, Access.READ, get_customer_summary),
    AssistantTool("get_customer_timeline", "Customer timeline", (
        "What happened to a customer, newest first: edits, notes, its deals' stage moves, orders and activities, "
        "each with who did it and when."),
        TimelineRequest, Access.READ, get_customer_timeline),
    AssistantTool("create_customer", "Create a customer", (
        "Create a customer (a person or a company). Search first so as not to create a duplicate: an email that "
        "belongs to another customer is refused."),
        NewCustomer, Access.WRITE, create_customer),
    AssistantTool("add_customer_note", "Add a note", (
        "Append a note to a customer, e.g. what was said on a call. The author and time are recorded."),
        NewNote, Access.WRITE, add_customer_note),
]
