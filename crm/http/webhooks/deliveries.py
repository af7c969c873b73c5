"""HTTP handlers for webhook deliveries (an endpoint's log, one delivery with its body, redelivery) and for the
notices admins get when an endpoint is disabled."""

from __future__ import annotations

from flask import Response

from crm.domain.access import Access
from crm.domain.common import utc_now
from crm.domain.webhooks.deliveries import (
    DeliveryListParams,
    Notice,
    NoticesPage,
    WebhookDeliveriesPage,
    WebhookDelivery,
    WebhookDeliveryDetail,
)
from crm.errors import NotFoundError
from crm.http.dependencies import deps
from crm.http.parsing import parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.webhooks import deliveries as service

TAG = "webhooks"
DELIVERY = "/crm/admin/webhook-deliveries/<delivery_id>"


@api.route("/crm/admin/webhooks/<endpoint_id>/deliveries", "GET", summary="An endpoint's deliveries, newest first",
           tag=TAG, access=Access.ADMIN, query=DeliveryListParams, response=WebhookDeliveriesPage, errors=(400, 404))
def list_webhook_deliveries(endpoint_id: str) -> Response:
    params = parse_query(DeliveryListParams)
    return json_response(service.list_deliveries(deps().webhooks.endpoints, deps().webhooks.log, endpoint_id, params))


@api.route(DELIVERY, "GET", summary="A delivery, its attempts and the body it sends", tag=TAG, access=Access.ADMIN,
           response=WebhookDeliveryDetail, errors=(404,))
def get_webhook_delivery(delivery_id: str) -> Response:
    found = deps().webhooks.log.get(delivery_id)
    if found is None:
        raise NotFoundError(f"webhook delivery {delivery_id} not found")
    return json_response(found)


@api.route(f"{DELIVERY}/redeliver", "POST", summary="Send a delivery's event again (behind the record's pending "
           "ones)", tag=TAG, access=Access.ADMIN, response=WebhookDelivery, status=201, errors=(404,))
def redeliver_webhook(delivery_id: str) -> Response:
    hooks = deps().webhooks
    return json_response(service.redeliver(hooks.queue, hooks.deliverer, delivery_id, hooks.log), 201)


@api.route("/crm/admin/notices", "GET", summary="What admins should know: endpoints disabled for failing", tag=TAG,
           access=Access.ADMIN, response=NoticesPage)
def list_admin_notices() -> Response:
    notices = deps().webhooks.notices.active()
    return json_response(NoticesPage(results=notices, total=len(notices)))


@api.route("/crm/admin/notices/<notice_id>/dismiss", "POST", summary="Dismiss a notice", tag=TAG,
           access=Access.ADMIN, response=Notice, errors=(404,))
def dismiss_admin_notice(notice_id: str) -> Response:
    notice = deps().webhooks.notices.dismiss(notice_id, utc_now())
    if notice is None:
        raise NotFoundError(f"notice {notice_id} not found")
    return json_response(notice)
