"""Idempotency-Key: replays return the first response and act once, even under concurrent retries."""

from __future__ import annotations

import threading

import pytest

from crm.http.customers import customers as customers_service
from tests.api.helpers import assert_error

CUSTOMERS = "/api/crm/customers"


def _post(client, body, key, path=CUSTOMERS):
    return client.post(path, json=body, headers={"Idempotency-Key": key})


def _total(client):
    return client.get(CUSTOMERS).json["total"]


def test_a_replay_returns_the_first_response_and_creates_nothing_more(client):
    first = _post(client, {"name": "Once Ltd"}, "key-1")
    again = _post(client, {"name": "Once Ltd"}, "key-1")
    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _total(client) == 1


def test_the_same_request_through_either_path_prefix_is_one_request(client):
    first = _post(client, {"name": "Prefix"}, "key-p")
    again = _post(client, {"name": "Prefix"}, "key-p", path="/crm/customers/")
    assert again.json == first.json and _total(client) == 1


def test_the_same_key_with_another_body_is_refused(client):
    assert _post(client, {"name": "First"}, "key-2").status_code == 201
    error = assert_error(_post(client, {"name": "Second"}, "key-2"), 422, "VALIDATION_FAILED")
    assert error["details"][0]["field"] == "Idempotency-Key"
    assert _total(client) == 1


def test_a_refusal_is_replayed_too(client):
    first = _post(client, {"name": ""}, "key-3")
    again = _post(client, {"name": ""}, "key-3")
    assert first.status_code == again.status_code == 422
    assert again.json == first.json


def test_a_replay_while_the_first_is_running_answers_409(app, client, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real_create = customers_service.create_customer

    def slow_create(*args, **kwargs):
        started.set()
        release.wait(timeout=30)
        return real_create(*args, **kwargs)

    monkeypatch.setattr(customers_service, "create_customer", slow_create)
    first = []
    worker = threading.Thread(target=lambda: first.append(_post(client, {"name": "Slow"}, "key-4")))
    worker.start()
    assert started.wait(timeout=30)
    assert_error(_post(client, {"name": "Slow"}, "key-4"), 409, "ABORTED")
    release.set()
    worker.join(timeout=30)
    assert first[0].status_code == 201
    assert _post(client, {"name": "Slow"}, "key-4").headers["Idempotent-Replayed"] == "true"


def test_keys_belong_to_their_caller(app, client, token_for):
    other = app.test_client()
    other.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for('user-2')}"
    assert _post(client, {"name": "Mine"}, "shared-key").status_code == 201
    assert _post(other, {"name": "Mine"}, "shared-key").headers.get("Idempotent-Replayed") is None
    assert _total(client) == 2


@pytest.mark.parametrize("key", [pytest.param("", id="empty"), pytest.param("x" * 256, id="256 chars"),
                                 pytest.param("spa ce", id="space")])
def test_malformed_keys_are_400(client, key):
    assert_error(_post(client, {"name": "Bad key"}, key), 400, "INVALID_ARGUMENT")


def test_fifty_concurrent_identical_requests_create_one_record(app, client):
    authorization = client.environ_base["HTTP_AUTHORIZATION"]
    start = threading.Barrier(50)
    responses = []

    def send() -> None:
        own = app.test_client()
        own.environ_base["HTTP_AUTHORIZATION"] = authorization
        start.wait()
        responses.append(_post(own, {"name": "Stampede", "email": "stampede@example.com"}, "key-50"))

    threads = [threading.Thread(target=send) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    statuses = sorted(r.status_code for r in responses)
    assert len(statuses) == 50 and set(statuses) <= {201, 409}, statuses
    created = {r.json["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    assert _total(client) == 1
    assert all(r.json["error"]["code"] == "ABORTED" for r in responses if r.status_code == 409)
