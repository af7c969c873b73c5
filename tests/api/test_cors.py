"""Cross-origin calls: only origins listed in CRM_CORS_ORIGINS get CORS headers, on preflights (answered without
credentials) and on every answer, errors included; an unlisted origin gets none, and no answer allows credentials."""

from __future__ import annotations

import pytest

from crm.http import create_app
from crm.settings import SettingsError, settings_from_env
from tests.api.helpers import CUSTOMERS

CONSOLE = "https://console.example.com"
LOCAL = "http://localhost:5173"
CORS_HEADERS = ("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers", "Access-Control-Expose-Headers")


def app_allowing(local_env, settings, origins: str):
    env = {**local_env, "CRM_COLLECTION_PREFIX": settings.collection_prefix, "CRM_CORS_ORIGINS": origins}
    return create_app(settings_from_env(env))


@pytest.fixture
def cross(local_env, settings):
    return app_allowing(local_env, settings, f"{CONSOLE}, {LOCAL}/").test_client()


def preflight(client, origin: str, method: str = "POST"):
    return client.options(CUSTOMERS, headers={"Origin": origin, "Access-Control-Request-Method": method,
                                               "Access-Control-Request-Headers": "authorization, content-type"})


@pytest.mark.parametrize("origin", [CONSOLE, LOCAL])
def test_a_listed_origin_gets_its_preflight_answered_without_credentials(cross, origin):
    response = preflight(cross, origin)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    allowed = response.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert int(response.headers["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" in response.headers["Vary"]


def test_a_listed_origin_reads_answers_and_errors(cross, token_for):
    ok = cross.get(CUSTOMERS, headers={"Origin": CONSOLE, "Authorization": f"Bearer {token_for()}"})
    assert ok.status_code == 200 and ok.headers["Access-Control-Allow-Origin"] == CONSOLE
    assert "ETag" in ok.headers["Access-Control-Expose-Headers"]
    refused = cross.get(CUSTOMERS, headers={"Origin": CONSOLE})
    assert refused.status_code == 401 and refused.headers["Access-Control-Allow-Origin"] == CONSOLE
    assert "Access-Control-Allow-Credentials" not in ok.headers


@pytest.mark.parametrize("origin", [
    pytest.param("https://evil.example.com", id="another site"),
    pytest.param("https://console.example.com.evil.com", id="the listed name as a prefix"),
    pytest.param("https://consoleXexample.com", id="a dot read as any character"),
    pytest.param("http://console.example.com", id="another scheme"),
    pytest.param("https://console.example.com:8443", id="another port"),
    pytest.param("null", id="a sandboxed page"),
])
def test_an_unlisted_origin_gets_no_cors_header(cross, token_for, origin):
    for response in (preflight(cross, origin),
                     cross.get(CUSTOMERS, headers={"Origin": origin, "Authorization": f"Bearer {token_for()}"})):
        assert not [h for h in CORS_HEADERS if h in response.headers], dict(response.headers)


def test_no_origin_is_allowed_by_default(app, token_for):
    client = app.test_client()
    response = client.get(CUSTOMERS, headers={"Origin": CONSOLE, "Authorization": f"Bearer {token_for()}"})
    assert response.status_code == 200
    assert not [h for h in CORS_HEADERS if h in response.headers]
    assert not [h for h in CORS_HEADERS if h in preflight(client, CONSOLE).headers]


def test_a_preflight_runs_no_handler_and_needs_no_credentials(cross):
    response = cross.options("/api/crm/customers/abc", headers={"Origin": CONSOLE,
                                                                "Access-Control-Request-Method": "DELETE"})
    assert response.status_code == 200 and response.get_data() == b""


@pytest.mark.parametrize("origins", ["*", "https://console.example.com/app", "console.example.com",
                                     "https://*.example.com"])
def test_anything_but_plain_origins_is_refused(origins):
    with pytest.raises(SettingsError, match="CRM_CORS_ORIGINS"):
        settings_from_env({"GOOGLE_CLOUD_PROJECT": "p", "CRM_CORS_ORIGINS": origins})


def test_origins_are_read_trimmed_and_once():
    settings = settings_from_env({"GOOGLE_CLOUD_PROJECT": "p", "CRM_CORS_ORIGINS": f" {CONSOLE}/ ,{LOCAL},{CONSOLE}"})
    assert settings.cors_origins == (CONSOLE, LOCAL)
    assert settings_from_env({"GOOGLE_CLOUD_PROJECT": "p"}).cors_origins == ()
