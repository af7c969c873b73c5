"""Wallets and ledger entries as documents: every amount in minor units, one field per bucket."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore

from crm.domain.common import from_cents
from crm.domain.partners.wallets import BUCKETS, LedgerEntry, Posting, WalletState


def wallet_document(wallet: WalletState) -> dict[str, Any]:
    return {"partner_id": wallet.partner_id, "currency": wallet.currency, "entries": wallet.entries,
            **{f"{bucket}_cents": wallet.cents.get(bucket, 0) for bucket in BUCKETS},
            "updated_at": firestore.SERVER_TIMESTAMP}


def wallet_from(data: dict[str, Any]) -> WalletState:
    cents = {bucket: int(data.get(f"{bucket}_cents", 0)) for bucket in BUCKETS}
    return WalletState(data["partner_id"], data["currency"], cents, int(data.get("entries", 0)))


def ledger_document(posting: Posting, by: str) -> dict[str, Any]:
    return {"partner_id": posting.partner_id, "currency": posting.currency, "seq": posting.seq,
            "kind": posting.kind.value, "movements_cents": dict(posting.movements),
            "commission_id": posting.commission_id, "payout_id": posting.payout_id, "note": posting.note,
            "at": firestore.SERVER_TIMESTAMP, "by": by}


def ledger_entry_from(snapshot: firestore.DocumentSnapshot) -> LedgerEntry:
    data = snapshot.to_dict() or {}
    movements = {bucket: from_cents(cents) for bucket, cents in (data.pop("movements_cents", {}) or {}).items()}
    return LedgerEntry(**data, id=snapshot.id, movements=movements)
