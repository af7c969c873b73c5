"""The programme's records outside transactions: single records, lists in pages (newest first), wallets and their
ledgers, and the running totals that reports read."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.paging import Page
from crm.domain.partners.click_views import Click
from crm.domain.partners.commissions import Commission, CommissionListParams, CommissionStatus
from crm.domain.partners.conversions import Conversion, ConversionListParams
from crm.domain.partners.links import LinkListParams, PartnerLink
from crm.domain.partners.partners import Partner, PartnerListParams
from crm.domain.partners.payouts import Payout, PayoutListParams
from crm.domain.partners.plans import CommissionPlan
from crm.domain.partners.sources import ConversionSource, SourceSecrets
from crm.domain.partners.wallets import LedgerEntry, WalletState
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.partners import documents as docs
from crm.store.partners.collections import MONTH_LINKS, MONTH_PARTNERS
from crm.store.partners.rollup import CHECKPOINT
from crm.store.partners.wallet_documents import ledger_entry_from, wallet_from

SOURCE_CACHE_SECONDS = 30.0


def _equal(query: Queryable, **values: Any) -> Queryable:
    for field, value in values.items():
        if value is not None:
            query = query.where(filter=FieldFilter(field, "==", value.value if hasattr(value, "value") else value))
    return query


def _page(collection: firestore.CollectionReference, query: Queryable, page_size: int, cursor: str | None,
          order: str, fingerprint: tuple[Any, ...], record: Any, descending: bool = True) -> Page[Any]:
    request = PageRequest(1, page_size, cursor, query_fingerprint(*fingerprint))
    return fetch_page(collection, query, request, order, descending, record)


def _click(snapshot: firestore.DocumentSnapshot) -> Click:
    data = snapshot.to_dict() or {}
    return Click(id=snapshot.id, link_id=data["link_id"], partner_id=data["partner_id"], at=data["at"],
                 kind=data["kind"], agent=data["agent"], referrer_host=data.get("referrer_host"),
                 country=data.get("country"))


class _Reader:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        n = names.partner_programme
        self._partners = db.collection(n.partners)
        self._links = db.collection(n.links)
        self._plans = db.collection(n.plans)
        self._clicks = db.collection(n.clicks)
        self._conversions = db.collection(n.conversions)
        self._commissions = db.collection(n.commissions)
        self._payouts = db.collection(n.payouts)
        self._wallets = db.collection(n.wallets)
        self._ledger = db.collection(n.ledger)
        self._months = db.collection(n.months)
        self._sources = db.collection(n.sources)
        self._source_secrets = db.collection(n.source_secrets)
        self._checkpoint = db.collection(n.internals).document(CHECKPOINT)

    def _get(self, collection: firestore.CollectionReference, record_id: str) -> firestore.DocumentSnapshot | None:
        snapshot = collection.document(record_id).get()
        read_meter.record_lookups(1)
        return snapshot if snapshot.exists else None


class FirestorePartnerReader(_Reader):
    def get(self, partner_id: str) -> Partner | None:
        snapshot = self._get(self._partners, partner_id)
        return docs.partner_from(snapshot) if snapshot else None

    def get_many(self, partner_ids: list[str]) -> list[Partner]:
        if not partner_ids:
            return []
        found = {s.id: s for s in self._db.get_all([self._partners.document(i) for i in partner_ids]) if s.exists}
        read_meter.record_lookups(len(partner_ids))
        return [docs.partner_from(found[i]) for i in partner_ids if i in found]

    def of_user(self, uid: str) -> Partner | None:
        found = list(self._partners.where(filter=FieldFilter("uid", "==", uid)).limit(1).stream())
        read_meter.record_documents(len(found))
        return docs.partner_from(found[0]) if found else None

    def list(self, params: PartnerListParams) -> Page[Partner]:
        query = _equal(self._partners, status=params.status)
        return _page(self._partners, query, params.page_size, params.cursor, "name", ("partners", params.status),
                     docs.partner_from, descending=False)


class FirestoreLinkReader(_Reader):
    def get(self, link_id: str) -> PartnerLink | None:
        snapshot = self._get(self._links, link_id)
        return docs.link_from(snapshot) if snapshot else None

    def of_partner(self, partner_id: str, limit: int) -> list[PartnerLink]:
        found = list(_equal(self._links, partner_id=partner_id).limit(limit).stream())
        read_meter.record_documents(len(found))
        return sorted((docs.link_from(s) for s in found), key=lambda link: link.created_at)

    def list(self, params: LinkListParams) -> Page[PartnerLink]:
        query = _equal(self._links, partner_id=params.partner_id, active=params.active)
        return _page(self._links, query, params.page_size, params.cursor, "created_at",
                     ("links", params.partner_id, params.active), docs.link_from)


class FirestorePlanReader(_Reader):
    def get(self, plan_id: str) -> CommissionPlan | None:
        snapshot = self._get(self._plans, plan_id)
        return docs.plan_from(snapshot) if snapshot else None

    def all(self) -> list[CommissionPlan]:
        found = list(self._plans.stream())
        read_meter.record_documents(len(found))
        return sorted((docs.plan_from(s) for s in found), key=lambda plan: (plan.name.casefold(), plan.id))


class FirestoreActivityReader(_Reader):
    def clicks(self, partner_id: str | None, link_id: str | None, page_size: int, cursor: str | None) -> Page[Click]:
        query = _equal(self._clicks, partner_id=partner_id, link_id=link_id)
        return _page(self._clicks, query, page_size, cursor, "at", ("clicks", partner_id, link_id), _click)

    def click_partner(self, click_id: str) -> str | None:
        snapshot = self._clicks.document(click_id).get(field_paths=["partner_id"])
        read_meter.record_lookups(1)
        return snapshot.get("partner_id") if snapshot.exists else None

    def conversions(self, params: ConversionListParams) -> Page[Conversion]:
        query = _equal(self._conversions, partner_id=params.partner_id, attributed=params.attributed,
                       type=params.type)
        fingerprint = ("conversions", params.partner_id, params.attributed, params.type)
        return _page(self._conversions, query, params.page_size, params.cursor, "occurred_at", fingerprint,
                     docs.conversion_from)

    def commissions(self, params: CommissionListParams) -> Page[Commission]:
        query = _equal(self._commissions, partner_id=params.partner_id, status=params.status,
                       currency=params.currency)
        fingerprint = ("commissions", params.partner_id, params.status, params.currency)
        return _page(self._commissions, query, params.page_size, params.cursor, "created_at", fingerprint,
                     docs.commission_from)

    def commission(self, commission_id: str) -> Commission | None:
        snapshot = self._get(self._commissions, commission_id)
        return docs.commission_from(snapshot) if snapshot else None

    def due_commissions(self, now: datetime, limit: int) -> list[Commission]:
        query = (self._commissions.where(filter=FieldFilter("status", "==", CommissionStatus.PENDING.value))
                 .where(filter=FieldFilter("approvable_at", "<=", now)).order_by("approvable_at").limit(limit))
        found = list(query.stream())
        read_meter.record_documents(len(found))
        return [docs.commission_from(s) for s in found]

    def payouts(self, params: PayoutListParams) -> Page[Payout]:
        query = _equal(self._payouts, partner_id=params.partner_id, status=params.status)
        return _page(self._payouts, query, params.page_size, params.cursor, "created_at",
                     ("payouts", params.partner_id, params.status), docs.payout_from)

    def payout(self, payout_id: str) -> Payout | None:
        snapshot = self._get(self._payouts, payout_id)
        return docs.payout_from(snapshot) if snapshot else None


class FirestoreWalletReader(_Reader):
    def wallets(self, partner_id: str) -> list[WalletState]:
        found = list(_equal(self._wallets, partner_id=partner_id).stream())
        read_meter.record_documents(len(found))
        return sorted((wallet_from(s.to_dict() or {}) for s in found), key=lambda wallet: wallet.currency)

    def ledger(self, partner_id: str, currency: str, page_size: int, cursor: str | None) -> Page[LedgerEntry]:
        query = _equal(self._ledger, partner_id=partner_id, currency=currency)
        return _page(self._ledger, query, page_size, cursor, "seq", ("ledger", partner_id, currency),
                     ledger_entry_from)


class FirestoreTotalsReader(_Reader):
    def _month_documents(self, refs: list[firestore.DocumentReference]) -> dict[str, dict[str, Any]]:
        if not refs:
            return {}
        found = {s.reference.path: s.to_dict() or {} for s in self._db.get_all(refs) if s.exists}
        read_meter.record_lookups(len(refs))
        return {ref.path: found[ref.path] for ref in refs if ref.path in found}

    def partner_months(self, partner_id: str, months: list[str]) -> dict[str, dict[str, Any]]:
        refs = {m: self._months.document(m).collection(MONTH_PARTNERS).document(partner_id) for m in months}
        found = self._month_documents(list(refs.values()))
        return {m: found[ref.path] for m, ref in refs.items() if ref.path in found}

    def link_months(self, link_ids: list[str], months: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
        refs = {(link, m): self._months.document(m).collection(MONTH_LINKS).document(link)
                for link in link_ids for m in months}
        found = self._month_documents(list(refs.values()))
        result: dict[str, dict[str, dict[str, Any]]] = {}
        for (link, month), ref in refs.items():
            if ref.path in found:
                result.setdefault(link, {})[month] = found[ref.path]
        return result

    def programme_months(self, months: list[str]) -> dict[str, dict[str, Any]]:
        refs = {m: self._months.document(m) for m in months}
        found = self._month_documents(list(refs.values()))
        return {m: found[ref.path] for m, ref in refs.items() if ref.path in found}

    def top_partners(self, month: str, field: str, limit: int) -> list[tuple[str, dict[str, Any]]]:
        query = (self._months.document(month).collection(MONTH_PARTNERS)
                 .order_by(field, direction=firestore.Query.DESCENDING).limit(limit))
        found = list(query.stream())
        read_meter.record_documents(len(found))
        return [(s.id, s.to_dict() or {}) for s in found]

    def clicks_counted_through(self) -> datetime | None:
        snapshot = self._checkpoint.get()
        read_meter.record_lookups(1)
        return snapshot.get("through") if snapshot.exists else None


class FirestoreSourceReader(_Reader):
    def __init__(self, db: firestore.Client, names: CollectionNames):
        super().__init__(db, names)
        self._cache: dict[str, tuple[float, tuple[ConversionSource, SourceSecrets] | None]] = {}
        self._lock = threading.Lock()

    def all(self) -> list[ConversionSource]:
        found = list(self._sources.stream())
        read_meter.record_documents(len(found))
        return sorted((ConversionSource(**(s.to_dict() or {}), id=s.id) for s in found), key=lambda s: s.id)

    def for_postback(self, source_id: str, *, fresh: bool = False) -> tuple[ConversionSource, SourceSecrets] | None:
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(source_id)
        if cached and cached[0] > now and not fresh:
            return cached[1]
        source, secrets = self._get(self._sources, source_id), self._get(self._source_secrets, source_id)
        found = None
        if source is not None and secrets is not None:
            found = (ConversionSource(**(source.to_dict() or {}), id=source.id),
                     SourceSecrets(**(secrets.to_dict() or {})))
        with self._lock:
            self._cache[source_id] = (now + SOURCE_CACHE_SECONDS, found)
        return found


class PartnerReaders:
    """Every reader of the programme (crm.services.partners.ports) over one client."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self.partners = FirestorePartnerReader(db, names)
        self.links = FirestoreLinkReader(db, names)
        self.plans = FirestorePlanReader(db, names)
        self.activity = FirestoreActivityReader(db, names)
        self.wallets = FirestoreWalletReader(db, names)
        self.totals = FirestoreTotalsReader(db, names)
        self.sources = FirestoreSourceReader(db, names)
