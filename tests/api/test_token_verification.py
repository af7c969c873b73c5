"""ID tokens in production mode: verified with the project id and Google's public keys alone (no Application
Default Credentials needed), and a 503 with Retry-After when those keys cannot be fetched.

Nothing of ours is mocked: Google's key endpoint is answered (or refused) at the HTTP-transport boundary, the
``send`` of the requests adapter that firebase-admin's key fetch goes through.
"""

from __future__ import annotations

import pytest
import requests

from crm.http import create_app
from crm.settings import settings_from_env
from tests.api.helpers import assert_error
from tests.utils.signed_tokens import SigningKey, serving, unreachable

PROJECT = "crm-production-test"
ME = "/api/crm/me"


@pytest.fixture
def production(local_env, monkeypatch):
    """The app as deployed: not local, no Auth emulator, and no Application Default Credentials to be found."""
    monkeypatch.delenv("FIREBASE_AUTH_EMULATOR_HOST", raising=False)
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/application-default-credentials.json")
    settings = settings_from_env({"GOOGLE_CLOUD_PROJECT": PROJECT, "CRM_COLLECTION_PREFIX": "prod_",
                                  "FIRESTORE_EMULATOR_HOST": local_env["FIRESTORE_EMULATOR_HOST"]})
    assert not settings.local_mode and not settings.accepts_emulator_tokens
    return create_app(settings).test_client()


def transport(monkeypatch, send) -> None:
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", lambda adapter, request, *args, **kwargs: send(request))


@pytest.fixture
def key() -> SigningKey:
    return SigningKey()


def test_a_signed_token_is_verified_without_application_default_credentials(production, monkeypatch, key):
    transport(monkeypatch, serving(key.certificates))
    token = key.id_token(PROJECT, "alice", role="manager", email="alice@example.com")
    response = production.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["uid"] == "alice" and response.get_json()["role"] == "manager"


@pytest.mark.parametrize("make_token", [
    pytest.param(lambda key, other: other.id_token(PROJECT, "mallory", role="admin"), id="signed by another key"),
    pytest.param(lambda key, other: key.id_token("another-project", "mallory", role="admin"), id="another project"),
    pytest.param(lambda key, other: key.id_token(PROJECT, "mallory", exp=1, iat=0), id="expired"),
])
def test_a_token_not_signed_for_this_project_is_401(production, monkeypatch, key, make_token):
    transport(monkeypatch, serving(key.certificates))
    token = make_token(key, SigningKey())
    assert_error(production.get(ME, headers={"Authorization": f"Bearer {token}"}), 401, "UNAUTHENTICATED")


def test_an_unsigned_emulator_token_is_401_in_production(production, monkeypatch, key, token_for):
    transport(monkeypatch, serving(key.certificates))
    assert_error(production.get(ME, headers={"Authorization": f"Bearer {token_for()}"}), 401, "UNAUTHENTICATED")


def test_signing_keys_that_cannot_be_fetched_are_503_with_retry_after(production, monkeypatch, key):
    transport(monkeypatch, unreachable)
    response = production.get(ME, headers={"Authorization": f"Bearer {key.id_token(PROJECT, 'alice', role='rep')}"})
    error = assert_error(response, 503, "UNAVAILABLE")
    assert "signing keys" in error["message"]
    assert int(response.headers["Retry-After"]) > 0
