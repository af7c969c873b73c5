"""Firebase ID token verification through firebase-admin, with its app initialized once per process."""

from __future__ import annotations

import functools
import time
from typing import Any

import firebase_admin
import google.auth.credentials
from firebase_admin import auth, credentials

from crm.domain.identity import InvalidTokenError
from crm.settings import Settings

CLOCK_SKEW_SECONDS = 300


class _AnonymousCredential(credentials.Base):
    def get_credential(self) -> google.auth.credentials.Credentials:
        return google.auth.credentials.AnonymousCredentials()


@functools.cache
def _firebase_app(settings: Settings) -> firebase_admin.App:
    credential = _AnonymousCredential() if settings.local_mode else credentials.ApplicationDefault()
    name = f"crm-{settings.project_id}-{hash(settings)}"
    return firebase_admin.initialize_app(credential, {"projectId": settings.project_id}, name=name)


class FirebaseTokenVerifier:
    """Verifies ID tokens; unsigned emulator tokens pass only when the settings allow them (local mode)."""

    def __init__(self, settings: Settings):
        self._settings = settings

    def verify(self, token: str) -> dict[str, Any]:
        try:
            claims = auth.verify_id_token(token, app=_firebase_app(self._settings))
        except (ValueError, auth.InvalidIdTokenError, auth.ExpiredIdTokenError, auth.RevokedIdTokenError) as exc:
            raise InvalidTokenError(str(exc)) from None
        except auth.CertificateFetchError as exc:
            raise ConnectionError("could not fetch Firebase signing keys") from exc
        if self._settings.accepts_emulator_tokens:
            _check_times(claims)
        return claims


def _check_times(claims: dict[str, Any]) -> None:
    """For emulator tokens firebase-admin trusts the claims as they are; still refuse expired or future ones."""
    now = time.time()
    expires, issued = claims.get("exp"), claims.get("iat")
    if not isinstance(expires, int | float) or expires <= now:
        raise InvalidTokenError("the token has expired")
    if not isinstance(issued, int | float) or issued > now + CLOCK_SKEW_SECONDS:
        raise InvalidTokenError("the token was issued in the future")
