"""Finding the customer a lead already is: by email through the email's claim (one or two reads), else by phone
through the search key of its digits (a query for the few customers holding that key, checked in memory)."""

from __future__ import annotations

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.claims import CUSTOMER_EMAIL
from crm.domain.customers import PHONE_TYPES, Customer
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.customers import EMAIL_CLAIMS, customer_from_snapshot
from crm.store.search.documents import TOKENS

PHONE_CANDIDATES = 10


class FirestoreCustomerMatcher:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._claims = db.collection(names.customer_emails)
        self._customers = db.collection(names.customers)

    def by_email(self, email: str) -> Customer | None:
        claim = self._claims.document(EMAIL_CLAIMS.claim_id(email)).get()
        read_meter.record_lookups(1)
        if not claim.exists:
            return None
        holder = self._customers.document(claim.get(CUSTOMER_EMAIL.holder_field)).get()
        read_meter.record_lookups(1)
        if not holder.exists:
            return None
        customer = customer_from_snapshot(holder)
        key = CUSTOMER_EMAIL.key(email)
        held = any(CUSTOMER_EMAIL.key(value) == key for value in CUSTOMER_EMAIL.values(customer))
        return customer if held else None

    def by_phone(self, e164: str) -> Customer | None:
        digits = "".join(ch for ch in e164 if ch.isdigit())
        query = (self._customers.where(filter=FieldFilter(f"{TOKENS}.`{digits}`", "==", True))
                 .where(filter=FieldFilter("deleted_at", "==", None)).limit(PHONE_CANDIDATES))
        snapshots = list(query.stream())
        read_meter.record_documents(len(snapshots))
        for snapshot in snapshots:
            customer = customer_from_snapshot(snapshot)
            if any(c.type in PHONE_TYPES and c.value == e164 for c in customer.contacts):
                return customer
        return None
