"""HTTP handlers for the product catalog."""

from __future__ import annotations

from flask import Response, request, url_for

from crm.domain.access import Access
from crm.domain.catalog.products import (
    CatalogProduct,
    CatalogProductsPage,
    ProductCreate,
    ProductListParams,
    ProductUpdate,
)
from crm.http.dependencies import caller, deps
from crm.http.parsing import if_match, parse_body, parse_query
from crm.http.responses import json_response
from crm.http.routing import api
from crm.services.catalog import products

TAG = "products"
ONE = "/crm/products/<product_id>"


@api.route("/crm/products", "GET", summary="List and search the product catalog", tag=TAG, access=Access.READ,
           query=ProductListParams, response=CatalogProductsPage, errors=(400,))
def list_products() -> Response:
    return json_response(products.list_products(deps().products, parse_query(ProductListParams)))


@api.route("/crm/products", "POST", summary="Add a product to the catalog", tag=TAG, access=Access.ADMIN,
           body=ProductCreate, response=CatalogProduct, status=201, errors=(409, 413, 422))
def create_product() -> Response:
    created = products.create_product(deps().transactions, parse_body(ProductCreate), caller())
    location = url_for(f"{request.blueprint}.get_product", product_id=created.id)
    return json_response(created, 201, {"Location": location})


@api.route(ONE, "GET", summary="Get a product", tag=TAG, access=Access.READ, response=CatalogProduct, errors=(404,))
def get_product(product_id: str) -> Response:
    return json_response(products.get_product(deps().products, product_id))


@api.route(ONE, "PATCH", summary="Change a product; active false archives it", tag=TAG, access=Access.ADMIN,
           body=ProductUpdate, response=CatalogProduct, errors=(404, 409, 413, 422))
def patch_product(product_id: str) -> Response:
    data = parse_body(ProductUpdate)
    return json_response(products.update_product(deps().transactions, product_id, data, caller(), if_match()))


@api.route(ONE, "PUT", summary="Change a product (partial, like PATCH)", tag=TAG, access=Access.ADMIN,
           body=ProductUpdate, response=CatalogProduct, errors=(404, 409, 413, 422))
def put_product(product_id: str) -> Response:
    return patch_product(product_id)


@api.route(f"{ONE}/archive", "POST", summary="Archive a product: references stay, new ones are refused", tag=TAG,
           access=Access.ADMIN, response=CatalogProduct, errors=(404,))
def archive_product(product_id: str) -> Response:
    return json_response(products.archive_product(deps().transactions, product_id, caller()))


@api.route(f"{ONE}/restore", "POST", summary="Put an archived product back on sale", tag=TAG, access=Access.ADMIN,
           response=CatalogProduct, errors=(404,))
def restore_product(product_id: str) -> Response:
    return json_response(products.restore_product(deps().transactions, product_id, caller()))
