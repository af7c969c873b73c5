"""Firebase ID token verification through firebase-admin, with its app initialized once per process."""

from __future__ import annotations

import functools
from typing import Any

import firebase_admin
import google.auth.credentials
from firebase_admin import auth, credentials

from crm.domain.identity import InvalidTokenError
from crm.settings import Settings


class _AnonymousCredential(credentials.Base):
    def get_credential(self) -> google.auth.credentials.Credentials:
        return google.auth.credentials.AnonymousCredentials()


@functools.cache
def _firebase_app(settings: Settings) -> firebase_admin.App:
    credential = _AnonymousCredential() if settings.local_mode else credentials.ApplicationDefault()
    return firebase_admin.initialize_app(credential, {"projectId": settings.project_id}, name=f"crm-{settings.project_id}-{hash(settings)}")


class FirebaseTokenVerifier:
    """Verifies ID tokens; unsigned emulator tokens pass only when the settings allow them (local mode)."""

    def __init__(self, settings: Settings):
        self._settings = settings

    def verify(self, token: str) -> dict[str, Any]:
        try:
            return auth.verify_id_token(token, app=_firebase_app(self._settings))
        except (ValueError, auth.InvalidIdTokenError, auth.ExpiredIdTokenError, auth.RevokedIdTokenError) as exc:
            raise InvalidTokenError(str(exc)) from None
        except auth.CertificateFetchError as exc:
            raise ConnectionError("could not fetch Firebase signing keys") from exc
