"""The HTTP face of the service: routing, parsing, identity, error responses and the OpenAPI document."""

from crm.http.app import create_app, handle_request

__all__ = ["create_app", "handle_request"]
