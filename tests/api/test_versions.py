"""Every record carries a version: GET gives it as the ETag, and PUT/PATCH/DELETE with If-Match answer 412 once
the record has changed since."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error

STAGES = [{"id": "new", "name": "New", "probability": 10}, {"id": "won", "name": "Won", "probability": 100,
          "kind": "won"}, {"id": "lost", "name": "Lost", "probability": 0, "kind": "lost"}]


def _create(client, path, body):
    response = client.post(path, json=body)
    assert response.status_code == 201, response.get_json()
    return response


def _customer(client):
    return _create(client, "/api/crm/customers", {"name": "Versioned"}).get_json()["id"]


RECORDS = {
    "customer": (lambda c: f"/api/crm/customers/{_customer(c)}", {"name": "Renamed"}, {"name": "Again"}),
    "deal": (lambda c: _create(c, "/api/crm/deals", {"customer_id": _customer(c), "title": "D"}).headers["Location"],
             {"title": "Renamed"}, {"title": "Again"}),
    "order": (lambda c: _create(c, "/api/crm/orders", {"customer_id": _customer(c), "order_number": "V-1",
                                                       "total": "10"}).headers["Location"],
              {"notes": "first"}, {"notes": "second"}),
    "activity": (lambda c: _create(c, "/api/crm/activities", {"customer_id": _customer(c), "type": "call",
                                                              "subject": "S"}).headers["Location"],
                 {"subject": "Renamed"}, {"subject": "Again"}),
    "pipeline": (lambda c: _create(c, "/api/crm/pipelines", {"name": "P", "stages": STAGES}).headers["Location"],
                 {"name": "Renamed"}, {"name": "Again"}),
}


@pytest.fixture(params=sorted(RECORDS))
def record(request, client):
    make, first, second = RECORDS[request.param]
    return make(client), first, second


def test_get_gives_the_version_as_etag(client, record):
    url, _, _ = record
    response = client.get(url)
    assert response.headers["ETag"] == f'"{response.get_json()["version"]}"'


@pytest.mark.parametrize("method", ["patch", "put"])
def test_an_update_at_the_current_version_goes_through_and_a_stale_one_is_412(client, record, method):
    url, first, second = record
    etag = client.get(url).headers["ETag"]
    updated = getattr(client, method)(url, json=first, headers={"If-Match": etag})
    assert updated.status_code == 200, updated.get_json()
    assert updated.headers["ETag"] != etag
    assert updated.headers["ETag"] == client.get(url).headers["ETag"]
    stale = getattr(client, method)(url, json=second, headers={"If-Match": etag})
    error = assert_error(stale, 412, "PRECONDITION_FAILED")
    assert error["details"][0]["field"] == "If-Match"
    assert client.get(url).get_json() == updated.get_json()


def test_a_stale_delete_is_412_and_deletes_nothing(client, record):
    url, first, _ = record
    etag = client.get(url).headers["ETag"]
    assert client.patch(url, json=first).status_code == 200
    assert_error(client.delete(url, headers={"If-Match": etag}), 412, "PRECONDITION_FAILED")
    assert client.get(url).status_code == 200
    assert client.delete(url, headers={"If-Match": client.get(url).headers["ETag"]}).status_code == 204


def test_without_if_match_or_with_a_star_the_last_write_wins(client, record):
    url, first, second = record
    assert client.patch(url, json=first).status_code == 200
    assert client.patch(url, json=second, headers={"If-Match": "*"}).status_code == 200


@pytest.mark.parametrize("header", [pytest.param('"1", "2"', id="two versions"), pytest.param('""', id="empty")])
def test_a_malformed_if_match_is_400(client, header):
    url = f"/api/crm/customers/{_customer(client)}"
    assert_error(client.patch(url, json={"name": "x"}, headers={"If-Match": header}), 400, "INVALID_ARGUMENT")


def test_weak_etags_are_read_too(client):
    url = f"/api/crm/customers/{_customer(client)}"
    etag = client.get(url).headers["ETag"]
    assert client.patch(url, json={"name": "Weak"}, headers={"If-Match": f"W/{etag}"}).status_code == 200


def test_logging_an_activity_changes_the_customer_version(client):
    customer_id = _customer(client)
    url = f"/api/crm/customers/{customer_id}"
    etag = client.get(url).headers["ETag"]
    _create(client, "/api/crm/activities", {"customer_id": customer_id, "type": "note", "subject": "Met"})
    assert_error(client.patch(url, json={"name": "Late"}, headers={"If-Match": etag}), 412, "PRECONDITION_FAILED")


@pytest.mark.parametrize(("action", "body"), [
    pytest.param("move-stage", {"stage": "proposal"}, id="move"),
    pytest.param("advance-stage", None, id="advance"),
    pytest.param("mark-won", None, id="won"),
    pytest.param("mark-lost", {"reason": "price"}, id="lost"),
])
def test_a_stage_transition_with_a_stale_if_match_is_412_and_changes_nothing(client, action, body):
    url = _create(client, "/api/crm/deals", {"customer_id": _customer(client), "title": "D"}).headers["Location"]
    etag = client.get(url).headers["ETag"]
    assert client.patch(url, json={"title": "Changed by someone else"}).status_code == 200
    before = client.get(url).get_json()

    error = assert_error(client.post(f"{url}/{action}", json=body, headers={"If-Match": etag}), 412,
                         "PRECONDITION_FAILED")

    assert error["details"][0]["field"] == "If-Match"
    assert client.get(url).get_json() == before
    current = client.get(url).headers["ETag"]
    assert client.post(f"{url}/{action}", json=body, headers={"If-Match": current}).status_code == 200


def test_reopen_takes_if_match_too(client):
    url = _create(client, "/api/crm/deals", {"customer_id": _customer(client), "title": "D"}).headers["Location"]
    won = client.post(f"{url}/mark-won").get_json()
    assert_error(client.post(f"{url}/reopen", headers={"If-Match": '"1"'}), 412, "PRECONDITION_FAILED")
    assert client.post(f"{url}/reopen", headers={"If-Match": f'"{won["version"]}"'}).status_code == 200
