"""The composite indexes and field overrides our queries need, from which firestore.indexes.json is written.

Search queries use only equality filters (tokens, status, tag, not deleted), which Firestore serves by merging
single-field indexes; the ordered list queries below need composite indexes.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from crm.store.customers import SORT_FIELDS

CUSTOMERS = "customers"
UNINDEXED_CUSTOMER_FIELDS = ("notes", "contacts", "owned_items", "location", "nextcloud_folder", "linked_user_ids")


def _customer_list_indexes() -> list[dict[str, Any]]:
    indexes = []
    for with_status, with_tag in itertools.product((False, True), repeat=2):
        for sort_field, order in itertools.product(SORT_FIELDS.values(), ("ASCENDING", "DESCENDING")):
            fields = [{"fieldPath": "deleted_at", "order": "ASCENDING"}]
            if with_status:
                fields.append({"fieldPath": "status", "order": "ASCENDING"})
            if with_tag:
                fields.append({"fieldPath": "tags", "arrayConfig": "CONTAINS"})
            fields.append({"fieldPath": sort_field, "order": order})
            indexes.append({"collectionGroup": CUSTOMERS, "queryScope": "COLLECTION", "fields": fields})
    return indexes


def _field_overrides() -> list[dict[str, Any]]:
    overrides = [
        {"collectionGroup": CUSTOMERS, "fieldPath": field, "indexes": []} for field in UNINDEXED_CUSTOMER_FIELDS
    ]
    overrides.append({"collectionGroup": "idempotency_keys", "fieldPath": "expires_at", "ttl": True, "indexes": []})
    overrides.append(
        {
            "collectionGroup": CUSTOMERS,
            "fieldPath": "search_tokens",
            "indexes": [{"order": "ASCENDING", "queryScope": "COLLECTION"}],
        }
    )
    return overrides


def index_document() -> dict[str, Any]:
    return {"indexes": _customer_list_indexes(), "fieldOverrides": _field_overrides()}


def render() -> str:
    return json.dumps(index_document(), indent=2) + "\n"


if __name__ == "__main__":
    print(render(), end="")
