"""Settings from the environment: local mode only on the emulator, no unsigned tokens in production."""

from __future__ import annotations

import pytest

from crm.settings import LOCAL_PROJECT_ID, SettingsError, settings_from_env

EMULATOR = "127.0.0.1:8080"
AUTH_EMULATOR = "127.0.0.1:9099"


def test_production_needs_only_a_project() -> None:
    settings = settings_from_env({"GOOGLE_CLOUD_PROJECT": "acme-crm"})
    assert (settings.project_id, settings.local_mode) == ("acme-crm", False)
    assert settings.firestore_emulator_host is None
    assert not settings.accepts_emulator_tokens


def test_gcloud_project_is_accepted_as_the_project() -> None:
    assert settings_from_env({"GCLOUD_PROJECT": "acme-crm"}).project_id == "acme-crm"


def test_local_mode_defaults_to_the_demo_project() -> None:
    settings = settings_from_env({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": EMULATOR})
    assert (settings.project_id, settings.local_mode) == (LOCAL_PROJECT_ID, True)
    assert LOCAL_PROJECT_ID == "demo-crm"
    assert settings.firestore_emulator_host == EMULATOR


def test_local_mode_is_read_case_insensitively() -> None:
    assert settings_from_env({"CRM_ENV": " Local ", "FIRESTORE_EMULATOR_HOST": EMULATOR}).local_mode


def test_local_mode_with_auth_emulator_accepts_emulator_tokens() -> None:
    env = {"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": EMULATOR, "FIREBASE_AUTH_EMULATOR_HOST": AUTH_EMULATOR}
    assert settings_from_env(env).accepts_emulator_tokens


def test_emulator_host_alone_does_not_switch_on_local_mode() -> None:
    settings = settings_from_env({"FIRESTORE_EMULATOR_HOST": EMULATOR, "GOOGLE_CLOUD_PROJECT": "p"})
    assert not settings.local_mode


@pytest.mark.parametrize(
    ("env", "message"),
    [
        pytest.param({"CRM_ENV": "local"}, "needs FIRESTORE_EMULATOR_HOST", id="local without emulator"),
        pytest.param({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": ""}, "needs FIRESTORE", id="empty emulator"),
        pytest.param(
            {"GOOGLE_CLOUD_PROJECT": "p", "FIREBASE_AUTH_EMULATOR_HOST": AUTH_EMULATOR},
            "outside local mode",
            id="auth emulator in production",
        ),
        pytest.param(
            {"CRM_ENV": "staging", "GOOGLE_CLOUD_PROJECT": "p", "FIREBASE_AUTH_EMULATOR_HOST": AUTH_EMULATOR},
            "outside local mode",
            id="auth emulator in another mode",
        ),
        pytest.param({}, "GOOGLE_CLOUD_PROJECT", id="production without project"),
        pytest.param({"GOOGLE_CLOUD_PROJECT": ""}, "GOOGLE_CLOUD_PROJECT", id="production with empty project"),
    ],
)
def test_inconsistent_environments_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        settings_from_env(env)


def test_defaults() -> None:
    settings = settings_from_env({"GOOGLE_CLOUD_PROJECT": "p"})
    assert (settings.default_currency, settings.default_language, settings.default_phone_region) == ("EUR", "el", "GR")
    assert (settings.max_body_bytes, settings.api_key_cache_seconds) == (256 * 1024, 30.0)
    assert settings.collection_prefix == ""


def test_overrides_are_read_and_codes_upper_cased() -> None:
    env = {
        "GOOGLE_CLOUD_PROJECT": "p",
        "CRM_DEFAULT_CURRENCY": "usd",
        "CRM_DEFAULT_PHONE_REGION": "gb",
        "CRM_MAX_BODY_BYTES": "1024",
        "CRM_API_KEY_CACHE_SECONDS": "0.5",
        "CRM_COLLECTION_PREFIX": "t1_",
    }
    settings = settings_from_env(env)
    assert (settings.default_currency, settings.default_phone_region) == ("USD", "GB")
    assert (settings.max_body_bytes, settings.api_key_cache_seconds, settings.collection_prefix) == (1024, 0.5, "t1_")


def test_settings_are_immutable() -> None:
    settings = settings_from_env({"GOOGLE_CLOUD_PROJECT": "p"})
    with pytest.raises(AttributeError):
        settings.local_mode = True  # type: ignore[misc]


def test_rate_limits_have_sane_defaults() -> None:
    settings = settings_from_env({"GOOGLE_CLOUD_PROJECT": "acme-crm"})
    assert (settings.requests_per_minute, settings.request_burst) == (600, 120)
    assert (settings.failed_logins_per_minute, settings.failed_login_burst) == (10, 20)
    assert (settings.unknown_api_key_cache_seconds, settings.proxy_hops) == (60.0, 1)


def test_rate_limits_are_read_from_the_environment() -> None:
    settings = settings_from_env({"GOOGLE_CLOUD_PROJECT": "p", "CRM_RATE_LIMIT_PER_MINUTE": "60",
                                  "CRM_RATE_LIMIT_BURST": "5", "CRM_AUTH_FAILURES_PER_MINUTE": "2",
                                  "CRM_AUTH_FAILURE_BURST": "4", "CRM_PROXY_HOPS": "0",
                                  "CRM_UNKNOWN_API_KEY_CACHE_SECONDS": "5"})
    assert (settings.requests_per_minute, settings.request_burst, settings.failed_logins_per_minute,
            settings.failed_login_burst, settings.proxy_hops, settings.unknown_api_key_cache_seconds) == (
        60, 5, 2, 4, 0, 5.0)


@pytest.mark.parametrize(("name", "value"), [
    pytest.param("CRM_RATE_LIMIT_PER_MINUTE", "0", id="no requests at all"),
    pytest.param("CRM_RATE_LIMIT_BURST", "-5", id="negative burst"),
    pytest.param("CRM_AUTH_FAILURES_PER_MINUTE", "ten", id="not a number"),
    pytest.param("CRM_PROXY_HOPS", "1.5", id="fraction of a proxy"),
])
def test_rate_limits_that_make_no_sense_are_refused(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        settings_from_env({"GOOGLE_CLOUD_PROJECT": "p", name: value})
