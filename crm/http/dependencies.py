"""What handlers depend on: settings, repositories and the authenticator, built once per app on first use."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from flask import current_app, g

from crm.http.rate_limits import RateLimits
from crm.identity import Authenticator, Caller
from crm.identity.firebase_tokens import FirebaseTokenVerifier
from crm.identity.firebase_users import FirebaseUserRoles
from crm.settings import Settings
from crm.store.activities import FirestoreActivityReader
from crm.store.api_keys import FirestoreApiKeyStore
from crm.store.audit import FirestoreAuditReader
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import CrmTransactions, crm_transactions
from crm.store.customers import FirestoreCustomerReader
from crm.store.deal_reports import FirestoreDealReports
from crm.store.deals import FirestoreDealReader
from crm.store.idempotency import FirestoreIdempotencyStore
from crm.store.orders import FirestoreOrderReader
from crm.store.saved_views import FirestoreSavedViewReader


@dataclass
class Dependencies:
    settings: Settings

    @functools.cached_property
    def names(self) -> CollectionNames:
        return CollectionNames(self.settings.collection_prefix)

    @functools.cached_property
    def customers(self) -> FirestoreCustomerReader:
        return FirestoreCustomerReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def transactions(self) -> CrmTransactions:
        return crm_transactions(firestore_client(self.settings), self.names, self.settings.default_currency)

    @functools.cached_property
    def deals(self) -> FirestoreDealReader:
        return FirestoreDealReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def orders(self) -> FirestoreOrderReader:
        return FirestoreOrderReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def reports(self) -> FirestoreDealReports:
        return FirestoreDealReports(firestore_client(self.settings), self.names)

    @functools.cached_property
    def activities(self) -> FirestoreActivityReader:
        return FirestoreActivityReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def saved_views(self) -> FirestoreSavedViewReader:
        return FirestoreSavedViewReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def idempotency(self) -> FirestoreIdempotencyStore:
        return FirestoreIdempotencyStore(firestore_client(self.settings), self.names)

    @functools.cached_property
    def audit(self) -> FirestoreAuditReader:
        return FirestoreAuditReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def api_keys(self) -> FirestoreApiKeyStore:
        return FirestoreApiKeyStore(firestore_client(self.settings), self.names)

    @functools.cached_property
    def user_roles(self) -> FirebaseUserRoles:
        return FirebaseUserRoles(self.settings)

    @functools.cached_property
    def authenticator(self) -> Authenticator:
        verifier = FirebaseTokenVerifier(self.settings)
        return Authenticator(verifier, lambda key_hash: self.api_keys.find(key_hash),
                             self.settings.api_key_cache_seconds, self.settings.unknown_api_key_cache_seconds)

    @functools.cached_property
    def rate_limits(self) -> RateLimits:
        return RateLimits(self.settings)


def deps() -> Dependencies:
    return current_app.extensions["crm"]


def caller() -> Caller:
    return g.caller
