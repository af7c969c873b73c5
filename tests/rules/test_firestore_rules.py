"""firestore.rules, case by case: collection x role x own/foreign record x read/write, with the exact outcome."""

from __future__ import annotations

import pytest

OWNED = ["customers", "deals", "orders", "activities", "people"]
PRIVATE = ["customer_emails", "api_keys", "crm_config", "pipeline_stats", "order_numbers", "audit",
           "idempotency_keys", "webhook_endpoints", "webhook_events", "webhook_deliveries", "webhook_streams",
           "admin_notices", "lead_sources",
           "idempotency_keys", "person_emails", "customer_totals", "customer_duplicate_keys", "customer_merges",
           "customer_merge_locks"]
ROLES = ["admin", "manager", "rep", "viewer", "intern", None]
READS_ALL = {"admin", "manager", "viewer"}
USER = "user-1"
OTHER = "user-2"


def _read_expected(collection: str, role: str | None, own: bool) -> int:
    if collection in OWNED:
        allowed = role in READS_ALL or (role == "rep" and own)
    elif collection == "pipelines":
        allowed = role in READS_ALL | {"rep"}
    else:
        allowed = False
    return 200 if allowed else 403


CASES = [
    pytest.param(collection, role, own, id=f"{collection}-{role or 'signed-out'}-{'own' if own else 'foreign'}")
    for collection in OWNED + ["pipelines"] + PRIVATE
    for role in ROLES
    for own in (True, False)
]


@pytest.mark.parametrize(("collection", "role", "own"), CASES)
def test_read(admin_db, as_user, unique, collection, role, own):
    admin_db.collection(collection).document(unique).set({"owner_id": USER if own else OTHER, "deleted_at": None})
    assert as_user(USER, role).get(f"{collection}/{unique}") == _read_expected(collection, role, own)


@pytest.mark.parametrize(("collection", "role", "own"), CASES)
def test_no_client_writes(admin_db, as_user, unique, collection, role, own):
    admin_db.collection(collection).document(unique).set({"owner_id": USER if own else OTHER, "deleted_at": None})
    user = as_user(USER, role)
    assert user.write(f"{collection}/{unique}") == 403
    assert user.write(f"{collection}/{unique}-new") == 403


@pytest.mark.parametrize("collection", ["customers", "people"])
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "signed-out")
def test_deleted_customers_and_people_are_hidden_from_everyone(admin_db, as_user, unique, role, collection):
    admin_db.collection(collection).document(unique).set({"owner_id": USER, "deleted_at": "2026-01-01"})
    assert as_user(USER, role).get(f"{collection}/{unique}") == 403


@pytest.mark.parametrize(("role", "owner_filter", "expected"), [
    pytest.param("rep", USER, 200, id="rep asks for own records"),
    pytest.param("rep", OTHER, 403, id="rep asks for someone else's"),
    pytest.param("rep", None, 403, id="rep asks for everything"),
    pytest.param("viewer", None, 200, id="viewer asks for everything"),
    pytest.param("manager", OTHER, 200, id="manager asks for someone else's"),
    pytest.param(None, None, 403, id="signed out"),
])
@pytest.mark.parametrize("collection", ["deals", "orders", "activities"])
def test_live_queries(as_user, collection, role, owner_filter, expected):
    assert as_user(USER, role).query(collection, owner_filter) == expected
