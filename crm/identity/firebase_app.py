"""The firebase-admin apps behind token verification and custom claims, initialised once per process and settings.

Verifying an ID token needs only the project id and Google's public signing keys, so its app carries no
credentials at all and works without Application Default Credentials; changing users' claims calls Firebase Auth
with the project's credentials (none on the emulator).
"""

from __future__ import annotations

import functools

import firebase_admin
import google.auth.credentials
from firebase_admin import credentials

from crm.settings import Settings


class _AnonymousCredential(credentials.Base):
    def get_credential(self) -> google.auth.credentials.Credentials:
        return google.auth.credentials.AnonymousCredentials()


@functools.cache
def token_app(settings: Settings) -> firebase_admin.App:
    """The app that verifies ID tokens: no credentials, only the project id."""
    return _initialize(_AnonymousCredential(), settings, "tokens")


@functools.cache
def admin_app(settings: Settings) -> firebase_admin.App:
    """The app that manages users: Application Default Credentials, or none on the emulator."""
    credential = _AnonymousCredential() if settings.local_mode else credentials.ApplicationDefault()
    return _initialize(credential, settings, "admin")


def _initialize(credential: credentials.Base, settings: Settings, purpose: str) -> firebase_admin.App:
    name = f"crm-{purpose}-{settings.project_id}-{hash(settings)}"
    return firebase_admin.initialize_app(credential, {"projectId": settings.project_id}, name=name)
