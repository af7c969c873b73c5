"""Reading the credential from request headers: Bearer tokens (scheme in any case) and API keys, the token first."""

from __future__ import annotations

import pytest

from crm.errors import UnauthenticatedError
from crm.http.credentials import credential_from
from crm.identity import ApiKeySecret, BearerToken


@pytest.mark.parametrize("header", ["Bearer good", "bearer good", "BEARER good", "Bearer   good  "])
def test_a_bearer_token(header: str) -> None:
    assert credential_from({"Authorization": header}) == BearerToken("good")


def test_the_token_wins_over_an_api_key() -> None:
    assert credential_from({"Authorization": "Bearer good", "X-API-Key": "crm_x"}) == BearerToken("good")


def test_an_api_key_is_trimmed() -> None:
    assert credential_from({"X-API-Key": "  crm_x "}) == ApiKeySecret("crm_x")


@pytest.mark.parametrize("headers", [
    pytest.param({}, id="nothing"),
    pytest.param({"Authorization": "", "X-API-Key": ""}, id="empty headers"),
    pytest.param({"X-API-Key": "   "}, id="blank key"),
])
def test_no_credential(headers: dict[str, str]) -> None:
    assert credential_from(headers) is None


@pytest.mark.parametrize("header", [
    pytest.param("Basic dXNlcjpwYXNz", id="basic scheme"),
    pytest.param("Bearer", id="bearer without token"),
    pytest.param("Bearer    ", id="bearer with blank token"),
    pytest.param("good", id="token without scheme"),
])
def test_a_malformed_authorization_header_is_unauthenticated(header: str) -> None:
    with pytest.raises(UnauthenticatedError, match="Bearer"):
        credential_from({"Authorization": header, "X-API-Key": "crm_x"})
