"""HTTP handlers for orders and their status transitions."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.orders import Order, OrderCreate, OrderListParams, OrdersPage, OrderTransition, OrderUpdate
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services import orders

TAG = "orders"
ONE = "/crm/orders/<order_id>"


@api.route("/crm/orders", "GET", summary="List orders", tag=TAG, access=Access.READ, query=OrderListParams,
           response=OrdersPage)
def list_orders() -> Response:
    return json_response(orders.list_orders(deps().orders, parse_query(OrderListParams), caller()))


@api.route("/crm/customers/<customer_id>/orders", "GET", summary="A customer's orders", tag=TAG, access=Access.READ,
           query=OrderListParams, response=OrdersPage)
def list_customer_orders(customer_id: str) -> Response:
    params = parse_query(OrderListParams).model_copy(update={"customer_id": customer_id})
    return json_response(orders.list_orders(deps().orders, params, caller()))


@api.route("/crm/orders", "POST", summary="Create an order (pending)", tag=TAG, access=Access.WRITE, body=OrderCreate,
           response=Order, status=201, errors=(409, 413, 422))
def create_order() -> Response:
    created = orders.create_order(deps().transactions, parse_body(OrderCreate), caller())
    location = url_for(f"{request.blueprint}.get_order", order_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get an order", tag=TAG, access=Access.READ, response=Order, errors=(404,))
def get_order(order_id: str) -> Response:
    return json_response(orders.get_order(deps().orders, order_id, caller()))


@api.route(ONE, "PATCH", summary="Update the given fields of an order", tag=TAG, access=Access.WRITE, body=OrderUpdate,
           response=Order, errors=(404, 409, 413, 422))
def patch_order(order_id: str) -> Response:
    data = parse_body(OrderUpdate)
    return json_response(orders.update_order(deps().transactions, order_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Update the given fields of an order (partial, like PATCH)", tag=TAG,
           access=Access.WRITE, body=OrderUpdate, response=Order, errors=(404, 409, 413, 422))
def put_order(order_id: str) -> Response:
    return patch_order(order_id)


@api.route(ONE, "DELETE", summary="Delete an order; a delivered one's value leaves its customer's lifetime value",
           tag=TAG, access=Access.WRITE, status=204, errors=(404,))
def delete_order(order_id: str) -> Response:
    orders.delete_order(deps().transactions, order_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/transition", "POST", summary="Move an order to its next status", tag=TAG, access=Access.WRITE,
           body=OrderTransition, response=Order, errors=(404, 409, 413, 422))
def transition_order(order_id: str) -> Response:
    status = parse_body(OrderTransition).status
    return json_response(orders.transition_order(deps().transactions, order_id, status, caller()))
