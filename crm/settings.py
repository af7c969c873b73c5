"""One Settings object, read from the environment once."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

LOCAL_PROJECT_ID = "demo-crm"
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


class SettingsError(RuntimeError):
    """The environment describes a configuration the service refuses to run with."""


@dataclass(frozen=True)
class Settings:
    project_id: str
    local_mode: bool
    firestore_emulator_host: str | None
    auth_emulator_host: str | None
    default_currency: str = "EUR"
    default_language: str = "el"
    default_phone_region: str = "GR"
    max_body_bytes: int = 256 * 1024
    api_key_cache_seconds: float = 30.0
    unknown_api_key_cache_seconds: float = 60.0
    user_directory_cache_seconds: float = 60.0
    requests_per_minute: int = 600
    request_burst: int = 120
    failed_logins_per_minute: int = 10
    failed_login_burst: int = 20
    proxy_hops: int = 1
    cors_origins: tuple[str, ...] = ()
    collection_prefix: str = ""
    lead_posts_per_minute: int = 30
    lead_post_burst: int = 10

    @property
    def accepts_emulator_tokens(self) -> bool:
        return self.local_mode and self.auth_emulator_host is not None


def settings_from_env(env: dict[str, str] | None = None) -> Settings:
    """Build Settings from environment variables.

    Local mode is switched on only by ``CRM_ENV=local`` and needs the Firestore emulator; outside local mode an
    auth-emulator variable is refused, because firebase-admin would then accept unsigned tokens.

    Raises:
        SettingsError: the environment is inconsistent.
    """
    env = dict(os.environ if env is None else env)
    local_mode = env.get("CRM_ENV", "production").strip().lower() == "local"
    emulator = env.get("FIRESTORE_EMULATOR_HOST") or None
    auth_emulator = env.get("FIREBASE_AUTH_EMULATOR_HOST") or None
    if local_mode and not emulator:
        raise SettingsError("CRM_ENV=local needs FIRESTORE_EMULATOR_HOST: local mode only runs on the emulator")
    if auth_emulator and not local_mode:
        raise SettingsError("FIREBASE_AUTH_EMULATOR_HOST is set outside local mode: refusing unsigned tokens")
    project = env.get("GOOGLE_CLOUD_PROJECT") or env.get("GCLOUD_PROJECT")
    if not project:
        if not local_mode:
            raise SettingsError("GOOGLE_CLOUD_PROJECT (or GCLOUD_PROJECT) must name the project")
        project = LOCAL_PROJECT_ID
    return Settings(
        project_id=project,
        local_mode=local_mode,
        firestore_emulator_host=emulator,
        auth_emulator_host=auth_emulator,
        default_currency=env.get("CRM_DEFAULT_CURRENCY", "EUR").upper(),
        default_language=env.get("CRM_DEFAULT_LANGUAGE", "el"),
        default_phone_region=env.get("CRM_DEFAULT_PHONE_REGION", "GR").upper(),
        max_body_bytes=int(env.get("CRM_MAX_BODY_BYTES", 256 * 1024)),
        api_key_cache_seconds=float(env.get("CRM_API_KEY_CACHE_SECONDS", 30)),
        unknown_api_key_cache_seconds=float(env.get("CRM_UNKNOWN_API_KEY_CACHE_SECONDS", 60)),
        user_directory_cache_seconds=float(env.get("CRM_USER_DIRECTORY_CACHE_SECONDS", 60)),
        requests_per_minute=_positive(env, "CRM_RATE_LIMIT_PER_MINUTE", 600),
        request_burst=_positive(env, "CRM_RATE_LIMIT_BURST", 120),
        failed_logins_per_minute=_positive(env, "CRM_AUTH_FAILURES_PER_MINUTE", 10),
        failed_login_burst=_positive(env, "CRM_AUTH_FAILURE_BURST", 20),
        proxy_hops=_positive(env, "CRM_PROXY_HOPS", 1, minimum=0),
        cors_origins=_origins(env.get("CRM_CORS_ORIGINS", "")),
        collection_prefix=env.get("CRM_COLLECTION_PREFIX", ""),
        lead_posts_per_minute=_positive(env, "CRM_LEAD_RATE_LIMIT_PER_MINUTE", 30),
        lead_post_burst=_positive(env, "CRM_LEAD_RATE_LIMIT_BURST", 10),
    )


def _positive(env: dict[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name, str(default)).strip()
    if not raw.isdigit() or int(raw) < minimum:
        raise SettingsError(f"{name} must be a whole number of at least {minimum}, not {raw!r}")
    return int(raw)


def _origins(raw: str) -> tuple[str, ...]:
    """Origins a browser may call the API from, each exactly ``scheme://host[:port]``: no wildcard, no path."""
    origins = tuple(dict.fromkeys(part.strip().rstrip("/") for part in raw.split(",") if part.strip()))
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise SettingsError(f"CRM_CORS_ORIGINS: {origin!r} is not an origin like https://console.example.com")
    return origins


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read on first use."""
    return settings_from_env()
