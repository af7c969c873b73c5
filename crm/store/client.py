"""The Firestore client, built once per process from the settings, with every call bounded in time.

The library's defaults retry an unavailable database for 60 seconds (300 for queries) per call, longer than a
request may take; here a call gives up after ``RETRY_SECONDS`` of retrying, so a request answers 503 with
Retry-After instead of hanging until the platform kills it.
"""

from __future__ import annotations

import functools

import google.auth.credentials
from google.api_core.retry import Retry
from google.cloud import firestore

from crm.settings import Settings

RETRY_SECONDS = 4.0
UNARY_CALL_SECONDS = 10.0
STREAMED_CALL_SECONDS = 60.0
UNARY_CALLS = (
    "get_document", "list_documents", "create_document", "update_document", "delete_document", "begin_transaction",
    "commit", "rollback", "batch_write", "list_collection_ids",
)
STREAMED_CALLS = ("batch_get_documents", "run_query", "run_aggregation_query", "partition_query")


def firestore_client(settings: Settings) -> firestore.Client:
    """A cached client: on the emulator with anonymous credentials, elsewhere with Application Default Credentials.

    The emulator is the one the settings name (the library would read ``FIRESTORE_EMULATOR_HOST`` itself). Settings
    that differ in nothing the client depends on (only in the collection prefix, say) share one client.
    """
    emulated = settings.local_mode or bool(settings.firestore_emulator_host)
    return _client(settings.project_id, emulated, settings.firestore_emulator_host)


@functools.cache
def _client(project_id: str, emulated: bool, emulator_host: str | None) -> firestore.Client:
    if emulated:
        anonymous = google.auth.credentials.AnonymousCredentials()
        client = firestore.Client(project=project_id, credentials=anonymous)
        client._emulator_host = emulator_host  # read when the first call makes the channel
    else:
        client = firestore.Client(project=project_id)
    bound_calls(client)
    return client


def bound_calls(client: firestore.Client) -> None:
    """Cap how long each Firestore call retries a transient failure, and how long it may take in all.

    Each call keeps the library's own choice of what to retry (so a commit is still never retried on a deadline);
    only the time budgets change. A streamed read (a query, a batch get) may take longer than a single get, as it
    carries a page of documents, but it retries no longer. The library has no public setting for its defaults,
    so they are changed on the transport's wrapped methods, once, when the client is made.
    """
    transport = client._firestore_api.transport
    budgets = {name: UNARY_CALL_SECONDS for name in UNARY_CALLS} | dict.fromkeys(STREAMED_CALLS, STREAMED_CALL_SECONDS)
    for name, seconds in budgets.items():
        call = transport._wrapped_methods[getattr(transport, name)]
        if isinstance(call._retry, Retry):
            call._retry = call._retry.with_timeout(RETRY_SECONDS)
        call._timeout = seconds
