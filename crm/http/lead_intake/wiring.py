"""What the lead intake handlers depend on, built once per app on first use (``deps().lead_intake``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from google.cloud import firestore

from crm.errors import ResourceExhaustedError
from crm.http.rate_limits import TokenBuckets
from crm.settings import Settings
from crm.store.collections import CollectionNames
from crm.store.lead_intake.matching import FirestoreCustomerMatcher
from crm.store.lead_intake.sources import FirestoreLeadSources


@dataclass
class LeadIntakeDependencies:
    settings: Settings
    db: firestore.Client
    names: CollectionNames

    @functools.cached_property
    def sources(self) -> FirestoreLeadSources:
        return FirestoreLeadSources(self.db, self.names)

    @functools.cached_property
    def matcher(self) -> FirestoreCustomerMatcher:
        return FirestoreCustomerMatcher(self.db, self.names)

    @functools.cached_property
    def per_address(self) -> TokenBuckets:
        return TokenBuckets(self.settings.lead_posts_per_minute, self.settings.lead_post_burst)

    @functools.cached_property
    def per_source(self) -> TokenBuckets:
        return TokenBuckets(self.settings.requests_per_minute, self.settings.request_burst)

    def take(self, source_id: str, address: str) -> None:
        """Spend one post of the address's budget for this source, and one of the source's.

        Raises:
            ResourceExhaustedError: either is spent, with the seconds until a post is allowed again.
        """
        wait = self.per_address.take(f"{source_id}|{address}") or self.per_source.take(source_id)
        if wait:
            seconds = max(1, int(wait + 0.999))
            raise ResourceExhaustedError(f"too many leads from this address: retry in {seconds} s",
                                         retry_after=seconds)
