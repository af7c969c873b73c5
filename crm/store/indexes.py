"""The composite indexes and field overrides our queries need (the stores' and the web console's, which
firestore.rules allow), from which firestore.indexes.json is written.

Every list is a few equality filters plus one order. Firestore serves such a query by merging composite indexes
of the form (filter field, order field), so one index per (filter, order) pair covers every combination of
filters; searches and counts use equality filters alone, which it serves by merging single-field indexes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

ASC, DESC = "ASCENDING", "DESCENDING"


@dataclass(frozen=True)
class ListQueries:
    collection: str
    filters: tuple[str, ...]
    orders: tuple[tuple[str, str], ...]
    array_filters: tuple[str, ...] = ()
    unindexed: tuple[str, ...] = ()


def _both(*fields: str) -> tuple[tuple[str, str], ...]:
    return tuple((field, order) for field in fields for order in (ASC, DESC))


LISTS = (
    ListQueries(
        "customers",
        filters=("deleted_at", "status", "owner_id", "source", "priority", "rating"),
        array_filters=("tags",),
        orders=_both("name_sort", "created_at", "updated_at", "lifetime_value_cents"),
        unindexed=("notes", "contacts", "owned_items", "location", "nextcloud_folder", "linked_user_ids",
                   "annual_revenue", "billing_address", "shipping_address", "website", "merged_from"),
    ),
    ListQueries("customers", filters=("parent_id",), orders=(("name_sort", ASC),)),
    ListQueries(
        "people",
        filters=("deleted_at", "customer_id", "owner_id"),
        orders=_both("name_sort", "created_at", "updated_at"),
        unindexed=("notes", "contacts"),
    ),
    ListQueries("customers", filters=("owner_id",), orders=(("deleted_at", DESC),)),  # deleted customers
    ListQueries(  # the lead board's columns (crm.store.qualification.board): best-scored leads first
        "customers",
        filters=("lead_pipeline_id", "lead_stage", "deleted_at", "owner_id"),
        orders=(("score", DESC),),
    ),
    ListQueries(
        "products",
        filters=("active",),
        array_filters=("search_keys",),
        orders=(*_both("name_sort"), ("sku_key", ASC), ("created_at", DESC)),
        unindexed=("description", "prices"),
    ),
    ListQueries(
        "deals",
        filters=("pipeline_id", "stage", "customer_id", "owner_id", "status"),
        array_filters=("tags",),
        orders=_both("value_cents", "expected_close_date", "stage_position", "created_at", "updated_at"),
        unindexed=("notes", "stage_history", "line_items"),
    ),
    ListQueries(
        "orders",
        filters=("customer_id", "status", "owner_id"),
        orders=(*_both("created_at", "total_cents"), ("order_number_key", ASC)),
        unindexed=("notes", "status_history", "shipping_address"),
    ),
    ListQueries(
        "activities",
        filters=("customer_id", "deal_id", "owner_id", "type", "status"),
        orders=(*_both("due_sort", "created_at"), ("priority_sort", ASC)),
        unindexed=("description",),
    ),
    ListQueries("partners", filters=("status",), orders=(("name", ASC),), unindexed=("notes",)),
    ListQueries("partner_links", filters=("partner_id", "active"), orders=(("created_at", DESC),)),
    ListQueries("partner_clicks", filters=("partner_id", "link_id"), orders=(("at", DESC),),
                unindexed=("visitor", "window", "referrer_host", "country", "agent", "kind")),
    ListQueries("partner_conversions", filters=("partner_id", "attributed", "type"), orders=(("occurred_at", DESC),)),
    ListQueries("partner_commissions", filters=("partner_id", "status", "currency"), orders=(("created_at", DESC),),
                unindexed=("rule", "reversal_reason")),
    ListQueries("partner_commissions", filters=("status",), orders=(("approvable_at", ASC),)),
    ListQueries("partner_payouts", filters=("partner_id", "status"), orders=(("created_at", DESC),),
                unindexed=("commission_ids",)),
    ListQueries("partner_ledger", filters=("partner_id", "currency"), orders=(("seq", DESC),),
                unindexed=("movements_cents", "note")),
    ListQueries(
        "transfer_jobs",
        filters=("created_by",),
        orders=(("created_at", DESC),),
        unindexed=("internal", "errors", "params"),
    ),
    ListQueries(
        "audit",
        filters=("customer_id", "entity", "owner_id"),
        orders=(("at", DESC),),
        unindexed=("changes", "summary", "label", "omitted"),
    ),
)


@dataclass(frozen=True)
class ClientQuery:
    """A query the web console runs against Firestore directly, with a live listener, as firestore.rules allow it.

    ``equals`` are equality filters: ``deleted_at`` is ``== null``, ``owner_id`` the caller's uid (a rep's queries
    must have it), the others a record's id. ``order`` is the one order, if any.
    """

    name: str
    collection: str
    equals: tuple[str, ...]
    order: tuple[str, str] | None = None


RECENT = ("updated_at", DESC)
CLIENT_QUERIES = (
    ClientQuery("active customers", "customers", ("deleted_at",)),
    ClientQuery("a rep's active customers", "customers", ("deleted_at", "owner_id")),
    ClientQuery("recently changed customers", "customers", ("deleted_at",), RECENT),
    ClientQuery("a rep's recently changed customers", "customers", ("deleted_at", "owner_id"), RECENT),
    ClientQuery("deals of a pipeline", "deals", ("pipeline_id",), RECENT),
    ClientQuery("a rep's deals of a pipeline", "deals", ("pipeline_id", "owner_id"), RECENT),
    ClientQuery("deals of a customer", "deals", ("customer_id",), RECENT),
    ClientQuery("a rep's deals of a customer", "deals", ("customer_id", "owner_id"), RECENT),
    ClientQuery("activities", "activities", (), RECENT),
    ClientQuery("the caller's activities", "activities", ("owner_id",), RECENT),
    ClientQuery("activities of a customer", "activities", ("customer_id",), RECENT),
    ClientQuery("a rep's activities of a customer", "activities", ("customer_id", "owner_id"), RECENT),
    ClientQuery("orders", "orders", (), RECENT),
    ClientQuery("a rep's orders", "orders", ("owner_id",), RECENT),
    ClientQuery("orders of a customer", "orders", ("customer_id",), RECENT),
    ClientQuery("a rep's orders of a customer", "orders", ("customer_id", "owner_id"), RECENT),
    ClientQuery("people of a customer", "people", ("customer_id", "deleted_at"), RECENT),
    ClientQuery("a rep's people of a customer", "people", ("customer_id", "deleted_at", "owner_id"), RECENT),
)


# The webhook queue's queries (crm.store.webhooks): a record's undispatched events in order, the events the trigger
# missed, a stream's deliveries in order, an endpoint's log, and the notices admins have not dismissed.
QUEUE_INDEXES = (
    ("webhook_events", (("state", ASC), ("occurred_at", ASC))),
    ("webhook_events", (("record_key", ASC), ("state", ASC), ("occurred_at", ASC), ("seq", ASC))),
    ("webhook_deliveries", (("stream_id", ASC), ("state", ASC), ("position", ASC))),
    ("webhook_deliveries", (("stream_id", ASC), ("position", DESC))),
    ("webhook_deliveries", (("endpoint_id", ASC), ("created_at", DESC))),
    ("webhook_deliveries", (("endpoint_id", ASC), ("state", ASC), ("created_at", DESC))),
    ("admin_notices", (("dismissed_at", ASC), ("created_at", DESC))),
)
QUEUE_UNINDEXED = (("webhook_events", ("object", "previous", "previous_omitted")),
                   ("webhook_deliveries", ("attempts", "payload")))
EXPIRING = ("idempotency_keys", "webhook_events", "webhook_deliveries", "webhook_streams")


def _client_query_indexes(query: ClientQuery) -> list[dict[str, Any]]:
    """One (filter, order) index per equality filter, which Firestore merges for several filters."""
    if query.order is None:
        return []
    field, order = query.order
    return [{"collectionGroup": query.collection, "queryScope": "COLLECTION",
             "fields": [{"fieldPath": f, "order": ASC}, {"fieldPath": field, "order": order}]} for f in query.equals]


def _composite_indexes(lists: ListQueries) -> list[dict[str, Any]]:
    indexes = []
    filters = [{"fieldPath": f, "order": ASC} for f in lists.filters]
    filters += [{"fieldPath": f, "arrayConfig": "CONTAINS"} for f in lists.array_filters]
    for field_filter in filters:
        for field, order in lists.orders:
            fields = [field_filter, {"fieldPath": field, "order": order}]
            indexes.append({"collectionGroup": lists.collection, "queryScope": "COLLECTION", "fields": fields})
    return indexes


# Search maps (crm.store.search.documents) are queried by equality, or by a range ordered ascending on one key:
# their subfields need only the ascending single-field index.
SEARCH_MAPS = ("search_tokens", "search_rank", "search_typos")

# The deal totals' counter maps (crm.store.deal_totals) are read whole, never queried: no index entries for them.
COUNTER_MAPS = (
    ("deal_totals", ("stage", "status", "owner_status", "owner_stage", "undated")),
    ("deal_totals_by_year", ("month", "stage_month")),
    ("customer_totals", ("deals", "people", "won_base_cents")),
    ("customer_duplicate_keys", ("label", "reason")),
)


def _field_overrides() -> list[dict[str, Any]]:
    overrides: list[dict[str, Any]] = [
        {"collectionGroup": lists.collection, "fieldPath": field, "indexes": []}
        for lists in LISTS
        for field in lists.unindexed
    ]
    overrides += [{"collectionGroup": group, "fieldPath": field, "indexes": []}
                  for group, fields in COUNTER_MAPS for field in fields]
    overrides += [{"collectionGroup": group, "fieldPath": field, "indexes": []}
                  for group, fields in QUEUE_UNINDEXED for field in fields]
    overrides += [{"collectionGroup": group, "fieldPath": "expires_at", "ttl": True, "indexes": []}
                  for group in EXPIRING]
    # Jobs' files (crm.store.transfer.files) expire after seven days, their parts too; a part's text is never queried
    overrides += [{"collectionGroup": group, "fieldPath": "expires_at", "ttl": True, "indexes": []}
                  for group in ("transfer_files", "parts")]
    overrides.append({"collectionGroup": "parts", "fieldPath": "text", "indexes": []})
    overrides += [
        {"collectionGroup": group, "fieldPath": field, "indexes": [{"order": ASC, "queryScope": "COLLECTION"}]}
        for group in ("customers", "people") for field in SEARCH_MAPS
    ]
    # A customer's duplicate keys (crm.store.accounts.duplicate_keys) are only asked whether they contain one
    overrides.append({"collectionGroup": "customers", "fieldPath": "duplicate_keys",
                      "indexes": [{"arrayConfig": "CONTAINS", "queryScope": "COLLECTION"}]})
    return overrides


def index_document() -> dict[str, Any]:
    indexes = [i for lists in LISTS for i in _composite_indexes(lists)]
    for query in CLIENT_QUERIES:
        indexes += [i for i in _client_query_indexes(query) if i not in indexes]
    indexes += [{"collectionGroup": group, "queryScope": "COLLECTION",
                 "fields": [{"fieldPath": f, "order": order} for f, order in fields]}
                for group, fields in QUEUE_INDEXES]
    return {"indexes": indexes, "fieldOverrides": _field_overrides()}


def render() -> str:
    return json.dumps(index_document(), indent=2) + "\n"


if __name__ == "__main__":
    print(render(), end="")
