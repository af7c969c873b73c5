"""The Firestore client, built once per process from the settings."""

from __future__ import annotations

import functools

import google.auth.credentials
from google.cloud import firestore

from crm.settings import Settings


@functools.cache
def firestore_client(settings: Settings) -> firestore.Client:
    """A cached client: on the emulator with anonymous credentials, elsewhere with Application Default Credentials."""
    if settings.local_mode or settings.firestore_emulator_host:
        return firestore.Client(project=settings.project_id, credentials=google.auth.credentials.AnonymousCredentials())
    return firestore.Client(project=settings.project_id)
