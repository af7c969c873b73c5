"""GET /crm/deleted-customers: deleted customers, most recently deleted first, for those who may restore them."""

from __future__ import annotations

import pytest

from crm.store import read_meter
from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

DELETED = "/api/crm/deleted-customers"


def delete(client, customer: dict) -> None:
    assert client.delete(customer_url(customer["id"])).status_code == 204


def names(page: dict) -> list[str]:
    return [c["name"] for c in page["results"]]


def test_deleted_customers_come_most_recently_deleted_first_and_leave_once_restored(client):
    kept = create_customer(client, name="Kept")
    first, second = create_customer(client, name="First gone"), create_customer(client, name="Second gone")
    delete(client, first)
    delete(client, second)

    page = client.get(DELETED).get_json()

    assert names(page) == ["Second gone", "First gone"] and page["total"] == 2
    assert all(c["deleted_at"] for c in page["results"])
    assert kept["name"] not in names(page)
    assert client.post(customer_url(first["id"], "restore")).status_code == 200
    assert names(client.get(DELETED).get_json()) == ["Second gone"]


def test_pages_follow_next_cursor_and_cost_their_size(client):
    for n in range(5):
        delete(client, create_customer(client, name=f"Gone {n}"))
    seen, cursor = [], None
    with read_meter.metered() as meter:
        first = client.get(DELETED, query_string={"page_size": 2}).get_json()
    assert meter.reads == 4  # the page, one more to know a next page exists, and the count
    seen += names(first)
    cursor = first["next_cursor"]
    while cursor:
        page = client.get(DELETED, query_string={"page_size": 2, "cursor": cursor}).get_json()
        seen += names(page)
        cursor = page["next_cursor"]
    assert seen == [f"Gone {n}" for n in reversed(range(5))]


def test_a_rep_sees_only_their_own_deleted_customers(as_user):
    rep, other = as_user("rep-a", "rep"), as_user("rep-b", "rep")
    delete(rep, create_customer(rep, name="Mine"))
    delete(other, create_customer(other, name="Theirs"))

    assert names(rep.get(DELETED).get_json()) == ["Mine"]
    error = assert_error(rep.get(DELETED, query_string={"owner_id": "rep-b"}), 403, "PERMISSION_DENIED")
    assert detail_fields(error) == ["owner_id"]
    assert names(as_user("boss", "manager").get(DELETED, query_string={"owner_id": "rep-b"}).get_json()) == ["Theirs"]


def test_a_viewer_who_cannot_restore_does_not_list_them(as_user):
    assert_error(as_user("v", "viewer").get(DELETED), 403, "PERMISSION_DENIED")


@pytest.mark.parametrize(("query", "field"), [
    pytest.param({"page_size": "101"}, "page_size", id="page too large"),
    pytest.param({"cursor": "forged"}, "cursor", id="forged cursor"),
    pytest.param({"search": "x"}, "search", id="no search here"),
])
def test_bad_parameters_are_400(client, query, field):
    assert detail_fields(assert_error(client.get(DELETED, query_string=query), 400, "INVALID_ARGUMENT")) == [field]
