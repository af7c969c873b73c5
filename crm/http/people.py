"""HTTP handlers for contact persons: parse, call one service function, serialize."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.people.persons import PeoplePage, Person, PersonCreate, PersonUpdate
from crm.domain.people.queries import PersonListParams
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response, no_content
from crm.http.routing import api
from crm.services.people import people

TAG = "people"
ONE = "/crm/people/<person_id>"


@api.route("/crm/people", "GET", summary="List and search contact persons", tag=TAG, access=Access.READ,
           query=PersonListParams, response=PeoplePage, errors=(400,))
def list_people() -> Response:
    return json_response(people.list_people(deps().people, parse_query(PersonListParams), caller()))


@api.route("/crm/customers/<customer_id>/people", "GET", summary="A customer's contact persons", tag=TAG,
           access=Access.READ, query=PersonListParams, response=PeoplePage, errors=(400,))
def list_customer_people(customer_id: str) -> Response:
    params = parse_query(PersonListParams).model_copy(update={"customer_id": customer_id})
    return json_response(people.list_people(deps().people, params, caller()))


@api.route("/crm/customers/<customer_id>/people", "POST", summary="Add a contact person to a customer", tag=TAG,
           access=Access.WRITE, body=PersonCreate, response=Person, status=201, errors=(404, 409, 413, 422))
def create_person(customer_id: str) -> Response:
    created = people.create_person(deps().transactions, customer_id, parse_body(PersonCreate), caller())
    location = url_for(f"{request.blueprint}.get_person", person_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a contact person", tag=TAG, access=Access.READ, response=Person, errors=(404,))
def get_person(person_id: str) -> Response:
    return json_response(people.get_person(deps().people, person_id, caller()))


@api.route(ONE, "PATCH", summary="Update the given fields of a contact person", tag=TAG, access=Access.WRITE,
           body=PersonUpdate, response=Person, errors=(404, 409, 412, 413, 422))
def patch_person(person_id: str) -> Response:
    data = parse_body(PersonUpdate)
    return json_response(people.update_person(deps().transactions, person_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Update the given fields of a contact person (partial, like PATCH)", tag=TAG,
           access=Access.WRITE, body=PersonUpdate, response=Person, errors=(404, 409, 412, 413, 422))
def put_person(person_id: str) -> Response:
    return patch_person(person_id)


@api.route(ONE, "DELETE", summary="Delete a contact person (soft: it can be restored)", tag=TAG, access=Access.WRITE,
           status=204, errors=(404, 412))
def delete_person(person_id: str) -> Response:
    people.delete_person(deps().transactions, person_id, caller(), if_match())
    return no_content()


@api.route(f"{ONE}/restore", "POST", summary="Restore a deleted contact person", tag=TAG, access=Access.WRITE,
           response=Person, errors=(404, 409))
def restore_person(person_id: str) -> Response:
    return json_response(people.restore_person(deps().transactions, person_id, caller()))
