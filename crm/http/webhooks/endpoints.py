"""HTTP handlers for webhook endpoints: the event types, create (the secret shown once), list, get, change, delete,
rotate the secret, and send a ping."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.webhooks.deliveries import WebhookDelivery
from crm.domain.webhooks.endpoints import (
    EventTypesList,
    SecretRotation,
    WebhookEndpoint,
    WebhookEndpointCreate,
    WebhookEndpointsList,
    WebhookEndpointUpdate,
    WebhookEndpointWithSecret,
)
from crm.http.dependencies import caller, deps
from crm.http.idempotency import refuse_idempotency_key
from crm.http.parsing import if_match, optional_body, parse_body
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services.webhooks import endpoints as service
from crm.services.webhooks.deliveries import ping

TAG = "webhooks"
ENDPOINTS = "/crm/admin/webhooks"
ONE = f"{ENDPOINTS}/<endpoint_id>"


@api.route("/crm/admin/webhook-event-types", "GET", summary="The events an endpoint may subscribe to", tag=TAG,
           access=Access.ADMIN, response=EventTypesList)
def list_webhook_event_types() -> Response:
    return json_response(service.event_types())


@api.route(ENDPOINTS, "GET", summary="List webhook endpoints", tag=TAG, access=Access.ADMIN,
           response=WebhookEndpointsList)
def list_webhook_endpoints() -> Response:
    return json_response(service.list_endpoints(deps().webhooks.endpoints))


@api.route(ENDPOINTS, "POST", summary="Subscribe a URL to events; its signing secret is shown once", tag=TAG,
           access=Access.ADMIN, body=WebhookEndpointCreate, response=WebhookEndpointWithSecret, status=201,
           errors=(409, 413, 422))
def create_webhook_endpoint() -> Response:
    refuse_idempotency_key()
    created = service.create_endpoint(deps().transactions, deps().webhooks.endpoints,
                                      parse_body(WebhookEndpointCreate), caller(),
                                      allow_private=deps().settings.local_mode)
    location = url_for(f"{request.blueprint}.get_webhook_endpoint", endpoint_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a webhook endpoint (never its secret)", tag=TAG, access=Access.ADMIN,
           response=WebhookEndpoint, errors=(404,))
def get_webhook_endpoint(endpoint_id: str) -> Response:
    return json_response(service.get_endpoint(deps().webhooks.endpoints, endpoint_id))


@api.route(ONE, "PATCH", summary="Change a webhook endpoint; enabling it resumes its pending deliveries", tag=TAG,
           access=Access.ADMIN, body=WebhookEndpointUpdate, response=WebhookEndpoint, errors=(404, 412, 413, 422))
def patch_webhook_endpoint(endpoint_id: str) -> Response:
    hooks = deps().webhooks
    data = parse_body(WebhookEndpointUpdate)
    return json_response(service.update_endpoint(deps().transactions, hooks.queue, hooks.notices, endpoint_id, data,
                                                 caller(), allow_private=deps().settings.local_mode,
                                                 if_match=if_match()))


@api.route(ONE, "DELETE", summary="Delete a webhook endpoint", tag=TAG, access=Access.ADMIN, status=204,
           errors=(404, 412))
def delete_webhook_endpoint(endpoint_id: str) -> Response:
    service.delete_endpoint(deps().transactions, deps().webhooks.notices, endpoint_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/rotate-secret", "POST", summary="A new signing secret, shown once; the old one keeps signing "
           "beside it for keep_previous_hours", tag=TAG, access=Access.ADMIN, body=SecretRotation,
           response=WebhookEndpointWithSecret, errors=(404, 413, 422))
def rotate_webhook_secret(endpoint_id: str) -> Response:
    refuse_idempotency_key()
    rotation = optional_body(SecretRotation)
    return json_response(service.rotate_secret(deps().transactions, endpoint_id, rotation, caller()))


@api.route(f"{ONE}/ping", "POST", summary="Send a ping event to the endpoint now", tag=TAG, access=Access.ADMIN,
           response=WebhookDelivery, status=201, errors=(404, 409))
def ping_webhook_endpoint(endpoint_id: str) -> Response:
    hooks = deps().webhooks
    sent = ping(hooks.endpoints, hooks.queue, hooks.deliverer, hooks.log, endpoint_id)
    return json_response(sent, 201)

