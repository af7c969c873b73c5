"""HTTP handlers for customers: parse, call one service function, serialize."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.customer_names import CustomerNames, CustomerNamesParams
from crm.domain.customer_queries import CustomerListParams, DeletedCustomerListParams
from crm.domain.customers import Customer, CustomerCreate, CustomersPage, CustomerUpdate, NoteCreate
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services import customers
from crm.services.customer_names import customer_names

TAG = "customers"
ONE = "/crm/customers/<customer_id>"


@api.route("/crm/customers", "GET", summary="List and search customers", tag=TAG, access=Access.READ,
           query=CustomerListParams, response=CustomersPage, errors=(400,))
def list_customers() -> Response:
    params = parse_query(CustomerListParams)
    return json_response(customers.list_customers(deps().customers, params, caller()))


@api.route("/crm/customer-names", "GET", summary="Customers' names by id (up to 100 a request)", tag=TAG,
           access=Access.READ, query=CustomerNamesParams, response=CustomerNames, errors=(400,))
def get_customer_names() -> Response:
    return json_response(customer_names(deps().customers, parse_query(CustomerNamesParams), caller()))


@api.route("/crm/customers", "POST", summary="Create a customer", tag=TAG, access=Access.WRITE, body=CustomerCreate,
           response=Customer, status=201, errors=(409, 413, 422))
def create_customer() -> Response:
    data = parse_body(CustomerCreate)
    created = customers.create_customer(
        deps().transactions, data, caller(), default_language=deps().settings.default_language
    )
    location = url_for(f"{request.blueprint}.get_customer", customer_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a customer", tag=TAG, access=Access.READ, response=Customer, errors=(404,))
def get_customer(customer_id: str) -> Response:
    return json_response(customers.get_customer(deps().customers, customer_id, caller()))


@api.route(ONE, "PATCH", summary="Update the given fields of a customer", tag=TAG, access=Access.WRITE,
           body=CustomerUpdate, response=Customer, errors=(404, 409, 413, 422))
def patch_customer(customer_id: str) -> Response:
    data = parse_body(CustomerUpdate)
    return json_response(customers.update_customer(deps().transactions, customer_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Update the given fields of a customer (partial, like PATCH)", tag=TAG,
           access=Access.WRITE, body=CustomerUpdate, response=Customer, errors=(404, 409, 413, 422))
def put_customer(customer_id: str) -> Response:
    return patch_customer(customer_id)


@api.route(ONE, "DELETE", summary="Delete a customer (soft: it can be restored)", tag=TAG, access=Access.WRITE,
           status=204, errors=(404,))
def delete_customer(customer_id: str) -> Response:
    customers.delete_customer(deps().transactions, customer_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/restore", "POST", summary="Restore a deleted customer", tag=TAG, access=Access.WRITE,
           response=Customer, errors=(404, 409))
def restore_customer(customer_id: str) -> Response:
    return json_response(customers.restore_customer(deps().transactions, customer_id, caller()))


@api.route("/crm/deleted-customers", "GET", summary="Deleted customers, most recently deleted first, to restore",
           tag=TAG, access=Access.WRITE, query=DeletedCustomerListParams, response=CustomersPage, errors=(400,))
def list_deleted_customers() -> Response:
    params = parse_query(DeletedCustomerListParams)
    return json_response(customers.list_deleted_customers(deps().customers, params, caller()))


@api.route(f"{ONE}/notes", "POST", summary="Append a note", tag=TAG, access=Access.WRITE, body=NoteCreate,
           response=Customer, status=201, errors=(404, 409, 422))
def add_customer_note(customer_id: str) -> Response:
    note = parse_body(NoteCreate)
    return json_response(customers.add_note(deps().transactions, customer_id, note.text, caller()), 201)


@api.route(f"{ONE}/upgrade", "POST", summary="Make a lead or prospect a customer", tag=TAG, access=Access.WRITE,
           response=Customer, errors=(404, 409))
def upgrade_customer(customer_id: str) -> Response:
    return json_response(customers.upgrade_customer(deps().transactions, customer_id, caller()))
