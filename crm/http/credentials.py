"""Reading a request's credential from its headers: a Bearer token wins over an X-API-Key."""

from __future__ import annotations

from collections.abc import Mapping

from werkzeug.datastructures import Headers

from crm.errors import UnauthenticatedError
from crm.identity import ApiKeySecret, BearerToken, Credential


def credential_from(headers: Headers | Mapping[str, str]) -> Credential | None:
    """The credential the request presents; None when it presents none.

    Raises:
        UnauthenticatedError: an Authorization header that is not ``Bearer <token>``.
    """
    authorization = headers.get("Authorization")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise UnauthenticatedError("Authorization must be 'Bearer <Firebase ID token>'")
        return BearerToken(token.strip())
    api_key = (headers.get("X-API-Key") or "").strip()
    return ApiKeySecret(api_key) if api_key else None
