"""The store's own encoding of a write sends byte for byte what the Firestore client library would, and leaves to
the library what it does not know; its document ids look like the library's."""

from __future__ import annotations

import datetime
import uuid

import pytest
from google.cloud import firestore
from google.cloud.firestore_v1 import _helpers
from google.cloud.firestore_v1._helpers import DatetimeWithNanoseconds
from google.cloud.firestore_v1.base_collection import _AUTO_ID_CHARS
from google.cloud.firestore_v1.types import write

from crm.devstack.demo_data import demo_customers
from crm.store.customers import customer_to_document
from crm.store.document_ids import new_document_id
from crm.store.encoding import encoded_merge, encoded_write

PATH = "projects/p/databases/(default)/documents/customers/c1"
UTC = datetime.UTC
ATHENS = datetime.timezone(datetime.timedelta(hours=2))


def library(data: dict, *, create: bool) -> bytes:
    pbs = _helpers.pbs_for_create(PATH, data) if create else _helpers.pbs_for_set_no_merge(PATH, data)
    assert len(pbs) == 1
    return write.Write.pb(pbs[0]).SerializeToString(deterministic=True)


def ours(data: dict, *, create: bool) -> bytes:
    encoded = encoded_write(PATH, data, create=create)
    assert encoded is not None
    return write.Write.pb(encoded).SerializeToString(deterministic=True)


PLAIN = [
    {},
    {"name": "Μαρία Παπαδοπούλου", "emoji": "🙂", "empty": "", "none": None, "yes": True, "no": False},
    {"zero": 0, "negative": -7, "big": 2**63 - 1, "small": -(2**63), "float": 1.5, "nan_free": -0.0},
    {"nested": {"empty_map": {}, "empty_list": [], "deep": {"a": [1, "b", {"c": None}]}}},
    {"tuple": (1, 2), "list_of_maps": [{"x": 1}, {}], "list_of_lists": [[1], []]},
    {"aware": datetime.datetime(2026, 11, 30, 4, 5, 6, 789012, tzinfo=UTC),
     "athens": datetime.datetime(2026, 11, 30, 6, 5, 6, 1, tzinfo=ATHENS),
     "naive": datetime.datetime(2026, 1, 2, 3, 4, 5, 6),
     "before_1970": datetime.datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC)},
]


@pytest.mark.parametrize("create", [False, True])
@pytest.mark.parametrize("data", PLAIN, ids=range(len(PLAIN)))
def test_plain_documents_encode_as_the_library_does(data, create):
    assert ours(data, create=create) == library(data, create=create)


@pytest.mark.parametrize("create", [False, True])
def test_server_timestamps_in_top_level_fields_encode_as_the_library_does(create):
    data = {"summary": "created", "at": firestore.SERVER_TIMESTAMP, "by": "u1", "seen_at": firestore.SERVER_TIMESTAMP}
    assert ours(data, create=create) == library(data, create=create)


def test_demo_customers_with_their_search_keys_encode_as_the_library_does():
    for customer in demo_customers(40, new_id=lambda: uuid.uuid4().hex[:20]):
        data = customer_to_document(customer)
        assert ours(data, create=True) == library(data, create=True)


@pytest.mark.parametrize("value", [
    firestore.DELETE_FIELD, firestore.Increment(1), firestore.ArrayUnion(["a"]),
    b"bytes", DatetimeWithNanoseconds(2026, 1, 1, tzinfo=UTC), datetime.date(2026, 1, 1), object(),
])
def test_what_only_the_library_knows_is_left_to_it(value):
    assert encoded_write(PATH, {"field": value}, create=False) is None
    assert encoded_write(PATH, {"outer": {"inner": [value]}}, create=True) is None


def test_server_timestamps_below_the_top_level_or_in_quoted_names_are_left_to_the_library():
    assert encoded_write(PATH, {"outer": {"at": firestore.SERVER_TIMESTAMP}}, create=True) is None
    assert encoded_write(PATH, {"odd name": firestore.SERVER_TIMESTAMP}, create=True) is None


def library_merge(data: dict) -> bytes:
    pbs = _helpers.pbs_for_set_with_merge(PATH, data, merge=True)
    assert len(pbs) == 1
    return write.Write.pb(pbs[0]).SerializeToString(deterministic=True)


def ours_merge(data: dict) -> bytes:
    encoded = encoded_merge(PATH, data)
    assert encoded is not None
    return write.Write.pb(encoded).SerializeToString(deterministic=True)


MERGES = [
    pytest.param({}, id="empty"),
    pytest.param({"n": firestore.Increment(1)}, id="one increment"),
    pytest.param({"reason": "phone", "label": "+302105550123", "n": firestore.Increment(-1)}, id="duplicate key"),
    pytest.param({"b": firestore.Increment(2.5), "a": firestore.Increment(-3), "c": "x"}, id="increments in order"),
    pytest.param({"deals": {"open": {"EUR": {"count": firestore.Increment(1), "value": firestore.Increment(1250)}},
                            "won": {"USD": {"count": firestore.Increment(0)}}},
                  "people": firestore.Increment(1)}, id="nested counters"),
    pytest.param({"counts": {"only": firestore.Increment(1)}, "kept": {"a": 1, "b": {"c": [1, {"d": None}]}}},
                 id="a map of transforms alone"),
    pytest.param({"holders": {"abc": firestore.DELETE_FIELD, "def": "Name"}, "gone": firestore.DELETE_FIELD},
                 id="deleted fields"),
    pytest.param({"at": firestore.SERVER_TIMESTAMP, "inner": {"seen": firestore.SERVER_TIMESTAMP, "x": 1}},
                 id="server timestamps"),
    pytest.param({"empty": {}, "list": [], "when": datetime.datetime(2026, 11, 30, 4, 5, 6, tzinfo=UTC)},
                 id="empty map and list"),
    pytest.param({"odd name": {"with.dot": firestore.Increment(1), "back`tick": "v", "ünïcode": True},
                  "1digit": "v"}, id="quoted names"),
]


@pytest.mark.parametrize("data", MERGES)
def test_merges_encode_as_the_library_does(data):
    assert ours_merge(data) == library_merge(data)


@pytest.mark.parametrize("value", [
    firestore.ArrayUnion(["a"]), firestore.ArrayRemove(["a"]), firestore.Maximum(1), firestore.Minimum(1),
    b"bytes", DatetimeWithNanoseconds(2026, 1, 1, tzinfo=UTC), object(),
])
def test_merges_holding_what_only_the_library_knows_are_left_to_it(value):
    assert encoded_merge(PATH, {"field": value}) is None
    assert encoded_merge(PATH, {"outer": {"inner": value}}) is None


def test_document_ids_look_like_the_library_s():
    made = {new_document_id() for _ in range(2000)}
    assert len(made) == 2000
    assert all(len(i) == 20 and set(i) <= set(_AUTO_ID_CHARS) for i in made)
    assert set("".join(made)) == set(_AUTO_ID_CHARS)  # every character drawn (40,000 draws of 62)
