"""What handlers depend on: settings, repositories and the authenticator, built once per app on first use."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app, g

from crm.http.rate_limits import RateLimits
from crm.identity import Authenticator, Caller, UserAccounts, UserDirectory
from crm.identity.firebase_tokens import FirebaseTokenVerifier
from crm.identity.firebase_users import FirebaseUserDirectory, FirebaseUserRoles
from crm.services.transfer.jobs import TransferServices
from crm.settings import Settings
from crm.store.accounts.duplicate_keys import FirestoreDuplicateKeys
from crm.store.accounts.reader import FirestoreAccountReader
from crm.store.activities import FirestoreActivityReader
from crm.store.api_keys import FirestoreApiKeyStore
from crm.store.audit import FirestoreAuditReader
from crm.store.catalog.products import FirestoreProductReader
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import CrmTransactions, crm_transactions
from crm.store.customer_records import FirestoreCustomerRecords
from crm.store.customers import FirestoreCustomerReader
from crm.store.deal_reports import FirestoreDealReports
from crm.store.deals import FirestoreDealReader
from crm.store.idempotency import FirestoreIdempotencyStore
from crm.store.orders import FirestoreOrderReader
from crm.store.partners.readers import PartnerReaders
from crm.store.people.people import FirestorePeopleReader
from crm.store.qualification.board import FirestoreLeadBoard
from crm.store.saved_views import FirestoreSavedViewReader
from crm.store.tags.jobs import FirestoreTagJobs
from crm.store.tags.registry import FirestoreTagReader

if TYPE_CHECKING:
    from crm.http.lead_intake.wiring import LeadIntakeDependencies
    from crm.outbound.webhooks import WebhookDependencies


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
    def customer_records(self) -> FirestoreCustomerRecords:
        return FirestoreCustomerRecords(firestore_client(self.settings), self.names)

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
    def people(self) -> FirestorePeopleReader:
        return FirestorePeopleReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def accounts(self) -> FirestoreAccountReader:
        return FirestoreAccountReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def duplicate_keys(self) -> FirestoreDuplicateKeys:
        return FirestoreDuplicateKeys(firestore_client(self.settings), self.names)

    @functools.cached_property
    def partner_programme(self) -> PartnerReaders:
        return PartnerReaders(firestore_client(self.settings), self.names)

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
    def products(self) -> FirestoreProductReader:
        return FirestoreProductReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def tags(self) -> FirestoreTagReader:
        return FirestoreTagReader(firestore_client(self.settings), self.names)

    @functools.cached_property
    def tag_jobs(self) -> FirestoreTagJobs:
        return FirestoreTagJobs(firestore_client(self.settings), self.names)

    @functools.cached_property
    def lead_board(self) -> FirestoreLeadBoard:
        return FirestoreLeadBoard(firestore_client(self.settings), self.names)

    @functools.cached_property
    def user_roles(self) -> FirebaseUserRoles:
        return FirebaseUserRoles(self.settings)

    @functools.cached_property
    def user_accounts(self) -> UserAccounts:
        return FirebaseUserDirectory(self.settings)

    @functools.cached_property
    def user_directory(self) -> UserDirectory:
        return UserDirectory(self.user_accounts, self.settings.user_directory_cache_seconds)

    @functools.cached_property
    def authenticator(self) -> Authenticator:
        verifier = FirebaseTokenVerifier(self.settings)
        return Authenticator(verifier, lambda key_hash: self.api_keys.find(key_hash),
                             self.settings.api_key_cache_seconds, self.settings.unknown_api_key_cache_seconds)

    @functools.cached_property
    def transfer(self) -> TransferServices:
        from crm.jobs.wiring import transfer_services

        return transfer_services(self.settings)

    @functools.cached_property
    def rate_limits(self) -> RateLimits:
        return RateLimits(self.settings)

    @functools.cached_property
    def webhooks(self) -> WebhookDependencies:
        from crm.outbound.webhooks import WebhookDependencies

        return WebhookDependencies(self.settings, firestore_client(self.settings), self.names)

    @functools.cached_property
    def lead_intake(self) -> LeadIntakeDependencies:
        from crm.http.lead_intake.wiring import LeadIntakeDependencies

        return LeadIntakeDependencies(self.settings, firestore_client(self.settings), self.names)


def deps() -> Dependencies:
    return current_app.extensions["crm"]


def caller() -> Caller:
    return g.caller
