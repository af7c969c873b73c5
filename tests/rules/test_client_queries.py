"""The queries the web console runs with live listeners (crm.store.indexes.CLIENT_QUERIES, documented in the README),
each as every kind of user sends it, against firestore.rules on the emulator: allowed exactly for the roles that
may see those records, refused otherwise, and never returning a deleted customer or, to a rep, another's record.

A rep's query must say ``owner_id == <their uid>``; everyone's customer query must say ``deleted_at == null``
(sent as the web SDK sends it, an IS_NULL filter). Queries that leave either out are refused, so that no query
can return what a single-document read would refuse.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from crm.store.indexes import CLIENT_QUERIES, ClientQuery

ROLES = ["admin", "manager", "rep", "viewer", "intern", "no role", "signed out"]
READS_ALL = {"admin", "manager", "viewer"}
OWNED = ["customers", "deals", "orders", "activities", "people"]


class World:
    """Records of two owners, the caller (``me``) and someone else, some customers deleted; ids carry the test's
    marker so that results can be told apart from other tests' records in the shared, unprefixed collections."""

    def __init__(self, db: Any, unique: str):
        self.marker = unique
        self.me, self.other = f"me-{unique}", f"other-{unique}"
        self.pipeline, self.customer = f"p-{unique}", f"c-{unique}-mine"
        self.records: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in OWNED}
        now = datetime.now(UTC) + timedelta(days=3650)  # newest of all, first in "recent" orders
        for n, (owner, deleted) in enumerate([(self.me, False), (self.me, True), (self.other, False),
                                              (self.other, True)]):
            doc_id = self.customer if n == 0 else f"c-{unique}-{n}"
            self._add(db, "customers", doc_id, owner_id=owner, updated_at=now - timedelta(minutes=n),
                      deleted_at=now if deleted else None)
        for collection in ("deals", "orders", "activities"):
            for n, owner in enumerate([self.me, self.other, self.me]):
                self._add(db, collection, f"{collection[0]}-{unique}-{n}", owner_id=owner, customer_id=self.customer,
                          pipeline_id=self.pipeline if n < 2 else "elsewhere", updated_at=now - timedelta(minutes=n))
        for n, (owner, deleted) in enumerate([(self.me, False), (self.other, False), (self.me, True)]):
            self._add(db, "people", f"pp-{unique}-{n}", owner_id=owner, customer_id=self.customer,
                      updated_at=now - timedelta(minutes=n), deleted_at=now if deleted else None)

    def _add(self, db: Any, collection: str, doc_id: str, **fields: Any) -> None:
        db.collection(collection).document(doc_id).set(fields)
        self.records[collection][doc_id] = fields

    def values(self, query: ClientQuery, caller_uid: str) -> dict[str, str | None]:
        known = {"deleted_at": None, "owner_id": caller_uid, "pipeline_id": self.pipeline,
                 "customer_id": self.customer}
        return {field: known[field] for field in query.equals}

    def expected(self, query: ClientQuery, equals: dict[str, str | None]) -> list[str]:
        found = [(doc_id, fields) for doc_id, fields in self.records[query.collection].items()
                 if all(fields.get(f) == v for f, v in equals.items())]
        if query.order:
            found.sort(key=lambda item: item[1][query.order[0]], reverse=query.order[1] == "DESCENDING")
        else:
            found.sort()
        return [doc_id for doc_id, _ in found]

    def ours(self, ids: list[str]) -> list[str]:
        return [i for i in ids if self.marker in i]


@pytest.fixture
def world(admin_db, unique) -> World:
    return World(admin_db, unique)


def user(as_user, world: World, role: str):
    if role == "signed out":
        return as_user(None, None)
    return as_user(world.me, None if role == "no role" else role)


def _allowed(query: ClientQuery, role: str) -> bool:
    return role in READS_ALL or (role == "rep" and "owner_id" in query.equals)


CASES = [pytest.param(query, role, id=f"{query.name} as {role}") for query in CLIENT_QUERIES for role in ROLES]


@pytest.mark.parametrize(("query", "role"), CASES)
def test_a_console_query(as_user, world, query: ClientQuery, role: str):
    equals = world.values(query, world.me)
    status, ids = user(as_user, world, role).run(query.collection, equals, query.order)

    assert status == (200 if _allowed(query, role) else 403), (status, equals)
    if status == 200:
        assert world.ours(ids) == world.expected(query, equals)
        if query.collection in ("customers", "people"):
            assert not any(world.records[query.collection][i]["deleted_at"] for i in world.ours(ids))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("document", "own", "deleted"), [
    pytest.param(0, True, False, id="own"), pytest.param(1, True, True, id="own deleted"),
    pytest.param(2, False, False, id="foreign"), pytest.param(3, False, True, id="foreign deleted"),
])
def test_a_customer_document(as_user, world, role, document, own, deleted):
    doc_id = world.customer if document == 0 else f"c-{world.marker}-{document}"
    allowed = not deleted and (role in READS_ALL or (role == "rep" and own))
    assert user(as_user, world, role).get(f"customers/{doc_id}") == (200 if allowed else 403)


@pytest.mark.parametrize(("role", "equals"), [
    pytest.param("viewer", {}, id="a viewer reading the whole collection"),
    pytest.param("admin", {}, id="an admin reading the whole collection"),
    pytest.param("rep", {"owner_id": "me"}, id="a rep filtering on owner_id alone"),
    pytest.param("manager", {"owner_id": "other"}, id="a manager filtering on owner_id alone"),
])
@pytest.mark.parametrize("collection", ["customers", "people"])
def test_queries_that_could_return_deleted_customers_or_people_are_refused(as_user, world, role, equals,
                                                                           collection):
    uids = {"me": world.me, "other": world.other}
    status, _ = user(as_user, world, role).run(collection, {f: uids[v] for f, v in equals.items()})
    assert status == 403


@pytest.mark.parametrize(("collection", "equals"), [
    pytest.param("customers", {"deleted_at": None}, id="customers"),
    pytest.param("customers", {"deleted_at": None, "owner_id": "other"}, id="customers of another owner"),
    pytest.param("deals", {"pipeline_id": "pipeline"}, id="deals of a pipeline"),
    pytest.param("deals", {"pipeline_id": "pipeline", "owner_id": "other"}, id="another owner's deals"),
    pytest.param("orders", {}, id="orders"),
    pytest.param("activities", {"customer_id": "customer"}, id="activities of a customer"),
    pytest.param("people", {"customer_id": "customer", "deleted_at": None}, id="people of a customer"),
])
def test_a_rep_never_queries_records_of_others(as_user, world, collection, equals):
    values = {"other": world.other, "pipeline": world.pipeline, "customer": world.customer}
    status, _ = user(as_user, world, "rep").run(collection, {f: v and values[v] for f, v in equals.items()})
    assert status == 403
