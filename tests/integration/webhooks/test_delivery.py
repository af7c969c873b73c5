"""Delivery to a real local receiver: signed requests a receiver can verify, only the subscribed events, retries
with backoff (time moved by a fake clock, never slept), every record's events in order, redelivery, and an endpoint
that keeps failing disabled with a notice to admins."""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta

import pytest

from crm.domain.webhooks.deliveries import DeliveryListParams, DeliveryState
from crm.domain.webhooks.endpoints import SecretRotation, WebhookEndpointUpdate
from crm.domain.webhooks.retries import DISABLE_AFTER, FIRST_RETRY
from crm.services.webhooks import deliveries as delivery_service
from crm.services.webhooks import endpoints as endpoint_service
from tests.utils.deal_steps import move

pytestmark = pytest.mark.emulator


def verify_like_a_receiver(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    """What the README tells a receiver to do, written out independently of the code that signs."""
    items = [part.split("=", 1) for part in header.split(",")]
    timestamp = next(value for key, value in items if key == "t")
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    fresh = abs(time.time() - int(timestamp)) <= tolerance
    return fresh and any(hmac.compare_digest(expected, value) for key, value in items if key == "v1")


def deliveries(log, endpoint_id: str, state: DeliveryState | None = None):
    return log.list(endpoint_id, DeliveryListParams(state=state, page_size=100)).results


def test_an_event_arrives_signed_and_is_logged(subscribe, create, deliverer, receiver, log):
    endpoint = subscribe("customer.created")
    customer = create(name="Acme", email="hello@acme.example")

    deliverer.drain()

    [request] = receiver.requests
    assert verify_like_a_receiver(endpoint.secret, request.headers["X-CRM-Signature"], request.body)
    assert not verify_like_a_receiver("whsec_wrong", request.headers["X-CRM-Signature"], request.body)
    body = request.json
    assert body["type"] == "customer.created" and body["subject"] == {"type": "customer", "id": customer.id}
    assert body["data"]["object"]["email"] == "hello@acme.example" and body["id"] == request.headers["X-CRM-Event-Id"]
    [logged] = deliveries(log, endpoint.id)
    assert logged.state is DeliveryState.DELIVERED and logged.attempt_count == 1
    assert logged.attempts[0].status_code == 200 and logged.attempts[0].duration_ms >= 0
    assert log.get(logged.id).payload == body


def test_only_subscribed_events_go_to_enabled_endpoints(subscribe, create, update_data, transactions, caller,
                                                        deliverer, receiver):
    subscribe("customer.updated")
    subscribe("*", enabled=False)
    customer = create(name="Acme")
    from crm.services import customers as customer_service

    customer_service.update_customer(transactions, customer.id, update_data(name="Acme Ltd"), caller)
    deliverer.drain()

    assert [r.event_type for r in receiver.requests] == ["customer.updated"]
    assert receiver.requests[0].json["data"]["previous"] == {"name": "Acme"}


def test_a_failed_delivery_is_retried_with_backoff_until_it_succeeds(subscribe, create, deliverer, receiver, clock,
                                                                     log):
    answers = iter([500, 503])
    receiver.answer = lambda request: next(answers, 200)
    endpoint = subscribe("customer.created")
    create(name="Acme")

    deliverer.drain()
    [pending] = deliveries(log, endpoint.id)
    assert pending.state is DeliveryState.PENDING and pending.attempts[0].status_code == 500
    assert pending.next_attempt_at == clock.now + FIRST_RETRY

    deliverer.sweep()
    assert len(receiver.requests) == 1, "not due yet"
    clock.advance(seconds=31)
    deliverer.sweep()
    [pending] = deliveries(log, endpoint.id)
    assert len(receiver.requests) == 2 and pending.next_attempt_at == clock.now + 2 * FIRST_RETRY
    clock.advance(seconds=61)
    deliverer.sweep()

    [done] = deliveries(log, endpoint.id)
    assert done.state is DeliveryState.DELIVERED and [a.status_code for a in done.attempts] == [500, 503, 200]
    assert len({r.headers["X-CRM-Delivery-Id"] for r in receiver.requests}) == 1
    assert [r.headers["X-CRM-Delivery-Attempt"] for r in receiver.requests] == ["1", "2", "3"]


def test_a_records_next_event_waits_for_the_one_before(subscribe, open_deal, create, transactions, deliverer,
                                                       receiver, clock):
    deal = open_deal()
    subscribe("deal.updated", "customer.created")
    first = {"failed": False}

    def answer(request):
        if request.json["type"] == "deal.updated" and not first["failed"]:
            first["failed"] = True
            return 500
        return 200

    receiver.answer = answer
    for stage in ("qualified", "proposal", "negotiation"):
        move(transactions, deal.id, stage)
    create(name="Another record")

    deliverer.drain()
    deal_stages = [r.json["data"]["object"]["stage"] for r in receiver.of_type("deal.")]
    assert deal_stages == ["qualified"], "the deal's later events wait for its first"
    assert len(receiver.of_type("customer.")) == 1, "another record's event is not held back"

    clock.advance(minutes=1)
    deliverer.sweep()
    deal_stages = [r.json["data"]["object"]["stage"] for r in receiver.of_type("deal.")]
    assert deal_stages == ["qualified", "qualified", "proposal", "negotiation"]


def test_a_delivery_is_given_up_after_24_hours_and_the_next_then_goes(subscribe, create, update_data, transactions,
                                                                      caller, deliverer, receiver, clock, log):
    from crm.services import customers as customer_service

    receiver.answer = lambda request: 500 if request.json["type"] == "customer.created" else 200
    endpoint = subscribe("customer.created", "customer.updated")
    customer = create(name="Acme")
    customer_service.update_customer(transactions, customer.id, update_data(name="Acme Ltd"), caller)

    deliverer.drain()
    for _ in range(40):
        [head] = [d for d in deliveries(log, endpoint.id) if d.event_type == "customer.created"]
        if head.state is not DeliveryState.PENDING:
            break
        clock.now = max(clock.now, head.next_attempt_at)
        deliverer.sweep()

    assert head.state is DeliveryState.FAILED
    window = head.attempts[-1].at - head.window_start
    assert timedelta(hours=24) <= window < timedelta(hours=24, minutes=1)
    assert 10 <= head.attempt_count <= 20, head.attempt_count
    [updated] = receiver.of_type("customer.updated")
    assert updated.json["data"]["object"]["name"] == "Acme Ltd"


def test_an_endpoint_that_keeps_failing_is_disabled_with_a_notice_and_resumes_when_enabled(
        subscribe, create, deliverer, receiver, clock, endpoint_store, notices, transactions, queue, caller, log):
    receiver.answer = lambda request: 500
    endpoint = subscribe("customer.created")
    first = create(name="Acme")
    deliverer.drain()
    later = None
    for _ in range(40):
        if not endpoint_store.get(endpoint.id).enabled:
            break
        if later is None and clock.now - deliveries(log, endpoint.id)[0].window_start > timedelta(hours=20):
            later = create(name="Created while failing")
            deliverer.drain()
        due = [d.next_attempt_at for d in deliveries(log, endpoint.id, DeliveryState.PENDING) if d.next_attempt_at]
        clock.now = max(clock.now, min(due))
        deliverer.sweep()

    disabled = endpoint_store.get(endpoint.id)
    assert not disabled.enabled and disabled.disabled_reason == "failing for too long"
    assert clock.now - disabled.failing_since >= DISABLE_AFTER and disabled.consecutive_failures >= 10
    [notice] = notices.active()
    assert notice.endpoint_id == endpoint.id and "disabled" in notice.message
    by_record = {d.record_id: d for d in deliveries(log, endpoint.id)}
    assert by_record[first.id].state is DeliveryState.FAILED and by_record[later.id].state is DeliveryState.PENDING
    attempts = len(receiver.requests)
    create(name="While disabled")
    clock.advance(hours=1)
    deliverer.drain()
    assert len(receiver.requests) == attempts and len(deliveries(log, endpoint.id)) == 2, "none for a disabled one"

    receiver.answer = lambda request: 200
    endpoint_service.update_endpoint(transactions, queue, notices, endpoint.id,
                                     WebhookEndpointUpdate(enabled=True), caller, allow_private=True)
    deliverer.drain()

    assert notices.active() == []
    assert log.get(by_record[later.id].id).state is DeliveryState.DELIVERED, "pending deliveries resume"
    assert endpoint_store.get(endpoint.id).consecutive_failures == 0


def test_a_delivery_can_be_sent_again(subscribe, create, deliverer, receiver, log, queue):
    endpoint = subscribe("customer.created")
    create(name="Acme")
    deliverer.drain()
    [first] = deliveries(log, endpoint.id)

    again = delivery_service.redeliver(queue, deliverer, first.id, log)

    assert again.redelivery_of == first.id and again.event_id == first.event_id
    assert [r.headers["X-CRM-Event-Id"] for r in receiver.requests] == [first.event_id] * 2
    assert log.get(again.id).state is DeliveryState.DELIVERED


def test_a_rotated_secret_signs_beside_the_old_one_for_a_while(subscribe, create, deliverer, receiver, transactions,
                                                               caller, clock):
    endpoint = subscribe("customer.created")
    rotated = endpoint_service.rotate_secret(transactions, endpoint.id, SecretRotation(keep_previous_hours=1),
                                             caller)
    create(name="Acme")
    deliverer.drain()

    [request] = receiver.requests
    for secret in (endpoint.secret, rotated.secret):
        assert verify_like_a_receiver(secret, request.headers["X-CRM-Signature"], request.body)
    assert rotated.secret != endpoint.secret


def test_a_receiver_down_for_an_hour_loses_nothing_and_gets_each_records_events_in_order(
        subscribe, create, update_data, transactions, caller, deliverer, receiver, clock, log, db, names,
        endpoint_store):
    from crm.services import customers as customer_service

    state = {"down": True}
    accepted: list[dict] = []

    def answer(request):
        if state["down"]:
            return 503
        accepted.append(request.json)
        return 200

    receiver.answer = answer
    endpoint = subscribe("customer.created", "customer.updated")
    records = [create(name=f"Record {n}") for n in range(2)]
    deliverer.drain()
    for minute in range(0, 60, 20):  # changes keep coming while the receiver is down
        clock.advance(minutes=20)
        for record in records:
            customer_service.update_customer(transactions, record.id, update_data(name=f"{record.name} @{minute}"),
                                             caller)
        deliverer.drain()
    assert accepted == [] and receiver.requests, "the receiver was down"

    state["down"] = False
    for _ in range(20):
        pending = deliveries(log, endpoint.id, DeliveryState.PENDING)
        if not pending:
            break
        clock.now = max([clock.now, *(d.next_attempt_at for d in pending if d.next_attempt_at)])
        deliverer.sweep()

    written = sorted((s.to_dict() | {"id": s.id} for s in db.collection(names.webhook_events).stream()),
                     key=lambda e: (e["occurred_at"], e["seq"]))
    assert len(written) == 2 + 2 * 3
    for record in records:
        expected = [e["id"] for e in written if e["record_id"] == record.id]
        got = list(dict.fromkeys(body["id"] for body in accepted if body["subject"]["id"] == record.id))
        assert got == expected, "every event arrived, in the record's order"
    assert endpoint_store.get(endpoint.id).enabled
