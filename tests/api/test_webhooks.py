"""The webhooks admin API: endpoints (the secret shown once, never stored in replays, never audited), validation of
URLs and event types, versions, enabling and disabling, secret rotation, pings and redeliveries to a real receiver,
the deliveries log and the notices."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from crm.domain.common import utc_now
from crm.domain.webhooks.signing import verify
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from tests.api.helpers import assert_error, detail_fields
from tests.utils.webhook_receiver import WebhookReceiver

ENDPOINTS = "/api/crm/admin/webhooks"


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as running:
        yield running


@pytest.fixture
def endpoint(client, receiver) -> dict:
    response = client.post(ENDPOINTS, json={"url": receiver.url, "events": ["customer.created", "deal.won"],
                                            "description": "Web shop"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_the_secret_is_shown_once_and_never_again(client, endpoint):
    assert endpoint["secret"].startswith("whsec_") and endpoint["enabled"] is True
    shown = client.get(f"{ENDPOINTS}/{endpoint['id']}")
    listed = client.get(ENDPOINTS).get_json()

    assert shown.status_code == 200 and "secret" not in shown.get_json()
    assert shown.headers["ETag"] == f'"{shown.get_json()["version"]}"'
    assert listed["total"] == 1 and "secret" not in listed["results"][0]
    assert listed["results"][0]["events"] == ["customer.created", "deal.won"]


def test_creating_with_an_idempotency_key_is_refused_so_the_secret_is_never_stored(client, receiver):
    response = client.post(ENDPOINTS, json={"url": receiver.url, "events": ["*"]}, headers={"Idempotency-Key": "k1"})
    assert detail_fields(assert_error(response, 400, "INVALID_ARGUMENT")) == ["Idempotency-Key"]


def test_the_audit_trail_records_the_endpoint_but_not_its_secret(client, endpoint, settings):
    names = CollectionNames(settings.collection_prefix)
    [entry] = [s.to_dict() for s in firestore_client(settings).collection(names.audit).stream()
               if s.get("entity") == "webhook_endpoint"]
    assert entry["entity_id"] == endpoint["id"] and entry["action"] == "create"
    assert "secret" not in entry["changes"] and endpoint["secret"] not in str(entry)
    assert entry["summary"] == f"webhook endpoint '{endpoint['url']}' created"


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"url": "ftp://hooks.example.com/x", "events": ["*"]}, "url", id="not http"),
    pytest.param({"url": "https://user:pw@hooks.example.com/x", "events": ["*"]}, "url", id="credentials in it"),
    pytest.param({"url": "https:///x", "events": ["*"]}, "url", id="no host"),
    pytest.param({"url": "https://hooks.example.com/x", "events": ["deal.exploded"]}, "events", id="unknown event"),
    pytest.param({"url": "https://hooks.example.com/x", "events": []}, "events", id="no events"),
    pytest.param({"url": "https://hooks.example.com/x"}, "events", id="events missing"),
    pytest.param({"url": "https://hooks.example.com/x", "events": ["*"], "secret": "mine"}, "secret",
                 id="secret is the server's"),
])
def test_bad_endpoints_are_refused_on_their_field(client, body, field):
    error = assert_error(client.post(ENDPOINTS, json=body), 422, "VALIDATION_FAILED")
    assert field in detail_fields(error)


def test_event_types_are_listed_for_the_picker(client):
    types = {item["type"]: item for item in client.get("/api/crm/admin/webhook-event-types").get_json()["results"]}
    assert {"customer.created", "deal.stage_changed", "deal.won", "deal.lost", "order.status_changed",
            "activity.completed", "customer.restored"} <= set(types)
    assert types["deal.won"]["subject"] == "deal" and types["deal.won"]["description"]


def test_disable_enable_and_stale_versions(client, endpoint):
    url = f"{ENDPOINTS}/{endpoint['id']}"
    disabled = client.patch(url, json={"enabled": False}, headers={"If-Match": f'"{endpoint["version"]}"'})
    assert disabled.status_code == 200, disabled.get_json()
    assert disabled.get_json()["enabled"] is False and disabled.get_json()["disabled_reason"] == "disabled by an admin"

    stale = client.patch(url, json={"enabled": True}, headers={"If-Match": f'"{endpoint["version"]}"'})
    assert_error(stale, 412, "PRECONDITION_FAILED")
    enabled = client.patch(url, json={"enabled": True}).get_json()
    assert enabled["enabled"] is True and enabled["disabled_at"] is None
    assert_error(client.patch(url, json={"url": None}), 422, "VALIDATION_FAILED")


def test_a_ping_reaches_the_receiver_signed_and_shows_in_the_log(client, endpoint, receiver):
    response = client.post(f"{ENDPOINTS}/{endpoint['id']}/ping")

    assert response.status_code == 201, response.get_json()
    assert response.get_json()["state"] == "delivered"
    [request] = receiver.requests
    assert request.json["type"] == "ping"
    assert verify(request.headers["X-CRM-Signature"], endpoint["secret"], request.body, int(time.time()))
    log = client.get(f"{ENDPOINTS}/{endpoint['id']}/deliveries").get_json()
    assert [d["event_type"] for d in log["results"]] == ["ping"] and log["total"] == 1
    detail = client.get(f"/api/crm/admin/webhook-deliveries/{log['results'][0]['id']}").get_json()
    assert detail["payload"] == request.json and detail["attempts"][0]["status_code"] == 200


def test_a_disabled_endpoint_is_not_pinged(client, endpoint, receiver):
    client.patch(f"{ENDPOINTS}/{endpoint['id']}", json={"enabled": False})
    assert_error(client.post(f"{ENDPOINTS}/{endpoint['id']}/ping"), 409, "FAILED_PRECONDITION")
    assert receiver.requests == []


def test_a_rotated_secret_is_shown_once_and_signs_from_then_on(client, endpoint, receiver):
    rotated = client.post(f"{ENDPOINTS}/{endpoint['id']}/rotate-secret", json={"keep_previous_hours": 0})
    assert rotated.status_code == 200, rotated.get_json()
    secret = rotated.get_json()["secret"]
    assert secret != endpoint["secret"] and rotated.get_json()["previous_secret_expires_at"] is None

    client.post(f"{ENDPOINTS}/{endpoint['id']}/ping")

    header, body = receiver.requests[0].headers["X-CRM-Signature"], receiver.requests[0].body
    assert verify(header, secret, body, int(time.time()))
    assert not verify(header, endpoint["secret"], body, int(time.time()))


def test_a_change_reaches_the_receiver_and_can_be_redelivered(client, app, endpoint, receiver):
    customer = client.post("/api/crm/customers", json={"name": "Acme", "email": "orders@acme.example"}).get_json()
    app.extensions["crm"].webhooks.deliverer.drain()
    [request] = receiver.requests
    assert request.json["data"]["object"]["id"] == customer["id"]
    [delivery] = client.get(f"{ENDPOINTS}/{endpoint['id']}/deliveries").get_json()["results"]

    again = client.post(f"/api/crm/admin/webhook-deliveries/{delivery['id']}/redeliver")

    assert again.status_code == 201 and again.get_json()["state"] == "delivered"
    assert again.get_json()["redelivery_of"] == delivery["id"]
    assert [r.json["id"] for r in receiver.requests] == [request.json["id"]] * 2
    assert_error(client.post("/api/crm/admin/webhook-deliveries/nope-nope/redeliver"), 404, "NOT_FOUND")


def test_notices_are_listed_and_dismissed(client, app, endpoint):
    hooks = app.extensions["crm"].webhooks
    hooks.endpoints.disable_failing(endpoint["id"], utc_now(), lambda e: True, lambda e: "disabled: failing")
    [notice] = client.get("/api/crm/admin/notices").get_json()["results"]
    assert notice["endpoint_id"] == endpoint["id"] and notice["kind"] == "webhook_endpoint_disabled"
    assert client.get(f"{ENDPOINTS}/{endpoint['id']}").get_json()["disabled_reason"] == "failing for too long"

    dismissed = client.post(f"/api/crm/admin/notices/{notice['id']}/dismiss")

    assert dismissed.status_code == 200 and dismissed.get_json()["dismissed_at"] is not None
    assert client.get("/api/crm/admin/notices").get_json()["results"] == []


def test_deleting_an_endpoint(client, endpoint):
    assert client.delete(f"{ENDPOINTS}/{endpoint['id']}").status_code == 204
    assert_error(client.get(f"{ENDPOINTS}/{endpoint['id']}"), 404, "NOT_FOUND")
    assert_error(client.get(f"{ENDPOINTS}/{endpoint['id']}/deliveries"), 404, "NOT_FOUND")
