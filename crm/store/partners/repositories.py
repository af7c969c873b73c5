"""The programme's repositories inside a unit of work: reads through its transaction, writes staged with the claims
of link codes and affiliate users, ledger entries created (never overwritten) with the wallet they change, and
running totals incremented blind."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.partners.commissions import Commission, CommissionStatus
from crm.domain.partners.conversions import ClickRef, Conversion
from crm.domain.partners.links import PartnerLink
from crm.domain.partners.partners import Partner
from crm.domain.partners.payouts import Payout
from crm.domain.partners.plans import CommissionPlan
from crm.domain.partners.programme import PartnerProgramme
from crm.domain.partners.referrals import ContactReferral, Referral
from crm.domain.partners.sources import ConversionSource, SourceSecrets
from crm.domain.partners.totals import TotalsChange
from crm.domain.partners.wallets import Posting, WalletState
from crm.store.customers import EMAIL_CLAIMS
from crm.store.partners import documents as docs
from crm.store.partners.claims import LINK_CODE_CLAIMS, PARTNER_USER_CLAIMS
from crm.store.partners.collections import PROGRAMME_SETTINGS
from crm.store.partners.totals import StagedTotals
from crm.store.partners.wallet_documents import ledger_document, wallet_document, wallet_from
from crm.store.unit_of_work import UnitOfWork


class _Repository:
    collection_name = ""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._collection = uow.collection(getattr(uow.names.partner_programme, self.collection_name))

    def new_id(self) -> str:
        return self._collection.document().id

    def _get(self, record_id: str) -> firestore.DocumentSnapshot | None:
        snapshot = self._uow.get(self._collection.document(record_id))
        return snapshot if snapshot.exists else None

    def _set(self, record_id: str, data: dict[str, Any]) -> None:
        self._uow.set(self._collection.document(record_id), data)


class TxPartners(_Repository):
    collection_name = "partners"

    def get(self, partner_id: str) -> Partner | None:
        snapshot = self._get(partner_id)
        return docs.partner_from(snapshot) if snapshot else None

    def put(self, partner: Partner, previous: Partner | None) -> None:
        self._set(partner.id, docs.partner_document(partner))
        self._uow.change_claims(PARTNER_USER_CLAIMS, partner.id, previous, partner)


class TxLinks(_Repository):
    collection_name = "links"

    def get(self, link_id: str) -> PartnerLink | None:
        snapshot = self._get(link_id)
        return docs.link_from(snapshot) if snapshot else None

    def put(self, link: PartnerLink, previous: PartnerLink | None) -> None:
        self._set(link.id, docs.link_document(link))
        self._uow.change_claims(LINK_CODE_CLAIMS, link.id, previous, link)


class TxPlans(_Repository):
    collection_name = "plans"

    def get(self, plan_id: str) -> CommissionPlan | None:
        snapshot = self._get(plan_id)
        return docs.plan_from(snapshot) if snapshot else None

    def put(self, plan: CommissionPlan) -> None:
        self._set(plan.id, docs.plan_document(plan))


class TxProgramme:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._ref = uow.collection(uow.names.config).document(PROGRAMME_SETTINGS)

    def get(self) -> PartnerProgramme:
        snapshot = self._uow.get(self._ref)
        return PartnerProgramme(**(snapshot.to_dict() or {})) if snapshot.exists else PartnerProgramme()

    def put(self, programme: PartnerProgramme) -> None:
        self._uow.set(self._ref, programme.model_dump(mode="json"))


class TxClicks(_Repository):
    collection_name = "clicks"

    def get(self, click_id: str) -> ClickRef | None:
        snapshot = self._get(click_id)
        if snapshot is None:
            return None
        data = snapshot.to_dict() or {}
        return ClickRef(snapshot.id, data["link_id"], data["partner_id"], data["at"], bot=data.get("kind") == "bot")


class TxConversions(_Repository):
    collection_name = "conversions"

    def get(self, conversion_id: str) -> Conversion | None:
        snapshot = self._get(conversion_id)
        return docs.conversion_from(snapshot) if snapshot else None

    def put(self, conversion: Conversion) -> None:
        self._set(conversion.id, docs.conversion_document(conversion))


class TxReferrals(_Repository):
    collection_name = "referrals"

    def __init__(self, uow: UnitOfWork):
        super().__init__(uow)
        self._contacts = uow.collection(uow.names.partner_programme.contacts)

    def get(self, key: str) -> Referral | None:
        snapshot = self._get(key)
        return Referral(**(snapshot.to_dict() or {})) if snapshot else None

    def put(self, referral: Referral) -> None:
        self._set(referral.key, docs.plain(referral.model_dump(mode="python")))

    def contacts(self, keys: list[str]) -> list[ContactReferral]:
        snapshots = self._uow.get_all([self._contacts.document(key) for key in keys])
        return [ContactReferral(**(s.to_dict() or {})) for s in snapshots if s.exists]

    def put_contact(self, contact: ContactReferral) -> None:
        self._uow.set(self._contacts.document(contact.key), docs.plain(contact.model_dump(mode="python")))


class TxCommissions(_Repository):
    collection_name = "commissions"

    def get(self, commission_id: str) -> Commission | None:
        snapshot = self._get(commission_id)
        return docs.commission_from(snapshot) if snapshot else None

    def put(self, commission: Commission) -> None:
        self._set(commission.id, docs.commission_document(commission))

    def payable(self, partner_id: str, currency: str, limit: int) -> list[Commission]:
        query = (self._collection.where(filter=FieldFilter("partner_id", "==", partner_id))
                 .where(filter=FieldFilter("currency", "==", currency))
                 .where(filter=FieldFilter("status", "==", CommissionStatus.APPROVED.value))
                 .where(filter=FieldFilter("payout_id", "==", None))
                 .limit(limit))
        found = [docs.commission_from(snapshot) for snapshot in self._uow.query(query)]
        return sorted(found, key=lambda commission: (commission.created_at, commission.id))


class TxWallets:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        names = uow.names.partner_programme
        self._wallets = uow.collection(names.wallets)
        self._ledger = uow.collection(names.ledger)

    def get(self, partner_id: str, currency: str) -> WalletState:
        empty = WalletState(partner_id, currency)
        snapshot = self._uow.get(self._wallets.document(empty.wallet_id))
        return wallet_from(snapshot.to_dict() or {}) if snapshot.exists else empty

    def post(self, wallet: WalletState, posting: Posting) -> None:
        self._uow.create(self._ledger.document(posting.entry_id), ledger_document(posting, self._uow.actor.uid))
        self._uow.set(self._wallets.document(wallet.wallet_id), wallet_document(wallet))


class TxPayouts(_Repository):
    collection_name = "payouts"

    def get(self, payout_id: str) -> Payout | None:
        snapshot = self._get(payout_id)
        return docs.payout_from(snapshot) if snapshot else None

    def put(self, payout: Payout) -> None:
        self._set(payout.id, docs.payout_document(payout))


class TxSources(_Repository):
    collection_name = "sources"

    def __init__(self, uow: UnitOfWork):
        super().__init__(uow)
        self._secrets = uow.collection(uow.names.partner_programme.source_secrets)

    def get(self, source_id: str) -> ConversionSource | None:
        snapshot = self._get(source_id)
        return ConversionSource(**(snapshot.to_dict() or {}), id=snapshot.id) if snapshot else None

    def secrets(self, source_id: str) -> SourceSecrets | None:
        snapshot = self._uow.get(self._secrets.document(source_id))
        return SourceSecrets(**(snapshot.to_dict() or {})) if snapshot.exists else None

    def put(self, source: ConversionSource, secrets: SourceSecrets) -> None:
        self._set(source.id, docs.to_document(source))
        self._uow.set(self._secrets.document(source.id), secrets.model_dump(mode="python"))


class TxTotals:
    def __init__(self, uow: UnitOfWork):
        self._staged = StagedTotals(uow.db, uow.names.partner_programme,
                                    lambda ref, data: uow.set(ref, data, merge=True))

    def add(self, change: TotalsChange) -> None:
        self._staged.add(change)


class TxPartnerStores:
    """Every repository of the programme over one unit of work (``tx.partners`` of crm.store.crm_transaction)."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self.partners = TxPartners(uow)
        self.links = TxLinks(uow)
        self.plans = TxPlans(uow)
        self.programme = TxProgramme(uow)
        self.clicks = TxClicks(uow)
        self.conversions = TxConversions(uow)
        self.referrals = TxReferrals(uow)
        self.commissions = TxCommissions(uow)
        self.wallets = TxWallets(uow)
        self.payouts = TxPayouts(uow)
        self.totals = TxTotals(uow)
        self.sources = TxSources(uow)

    def customer_with_email(self, email: str) -> str | None:
        claims = self._uow.db.collection(EMAIL_CLAIMS.claims(self._uow.names))
        snapshot = self._uow.get(claims.document(EMAIL_CLAIMS.claim_id(email)))
        return snapshot.get(EMAIL_CLAIMS.kind.holder_field) if snapshot.exists else None
