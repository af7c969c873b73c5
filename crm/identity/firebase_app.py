"""The firebase-admin app behind token verification and custom claims, initialised once per process and settings."""

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
def firebase_app(settings: Settings) -> firebase_admin.App:
    credential = _AnonymousCredential() if settings.local_mode else credentials.ApplicationDefault()
    name = f"crm-{settings.project_id}-{hash(settings)}"
    return firebase_admin.initialize_app(credential, {"projectId": settings.project_id}, name=name)
