"""Wallets and their ledgers: a partner's money per currency is the sum of an append-only ledger, each entry moving
minor units between the wallet's buckets (pending, approved, in a payout, paid, reversed). The wallet keeps the
running sums and the number of entries, and changes only together with the entry that explains it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field, computed_field

from crm.domain.common import from_cents
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.money import Currency
from crm.domain.paging import ListPage

BUCKETS = ("pending", "approved", "in_payout", "paid", "reversed")
NEVER_NEGATIVE = ("pending", "in_payout", "paid", "reversed")


class LedgerKind(StrEnum):
    EARNED = "earned"
    APPROVED = "approved"
    REVERSED = "reversed"
    PAYOUT_CREATED = "payout_created"
    PAYOUT_PAID = "payout_paid"
    PAYOUT_CANCELLED = "payout_cancelled"


class LedgerError(AssertionError):
    """A ledger entry that would break the wallet's rules: a bug, never the caller's doing."""


@dataclass(frozen=True)
class WalletState:
    """A wallet as kept: the sum of its ledger's movements per bucket, in minor units, and how many entries it has."""

    partner_id: str
    currency: str
    cents: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    entries: int = 0

    @property
    def wallet_id(self) -> str:
        return wallet_id(self.partner_id, self.currency)


@dataclass(frozen=True)
class Posting:
    """A ledger entry before it is stored: its place in the wallet's ledger and what it moves."""

    entry_id: str
    partner_id: str
    currency: str
    seq: int
    kind: LedgerKind
    movements: dict[str, int]
    commission_id: str | None
    payout_id: str | None
    note: str


def wallet_id(partner_id: str, currency: str) -> str:
    return f"{partner_id}_{currency}"


def movements_for(kind: LedgerKind, cents: int, *, taken_from: str = "pending") -> dict[str, int]:
    """What an entry of ``kind`` for ``cents`` moves: earning adds to pending; every other entry moves between two
    buckets, so the wallet's total always equals what was ever earned."""
    if cents <= 0:
        raise LedgerError(f"a ledger entry moves a positive amount, not {cents}")
    pairs = {
        LedgerKind.APPROVED: ("pending", "approved"),
        LedgerKind.REVERSED: (taken_from, "reversed"),
        LedgerKind.PAYOUT_CREATED: ("approved", "in_payout"),
        LedgerKind.PAYOUT_PAID: ("in_payout", "paid"),
        LedgerKind.PAYOUT_CANCELLED: ("in_payout", "approved"),
    }
    if kind is LedgerKind.EARNED:
        return {"pending": cents}
    source, target = pairs[kind]
    return {source: -cents, target: cents}


def post(wallet: WalletState, kind: LedgerKind, cents: int, *, commission_id: str | None = None,
         payout_id: str | None = None, taken_from: str = "pending", note: str = "") -> tuple[WalletState, Posting]:
    """The wallet after one more ledger entry, and that entry (numbered after the wallet's last one).

    Raises:
        LedgerError: the entry would leave a bucket that cannot be negative below zero.
    """
    movements = movements_for(kind, cents, taken_from=taken_from)
    after = {bucket: wallet.cents.get(bucket, 0) + movements.get(bucket, 0) for bucket in BUCKETS}
    broken = [bucket for bucket in NEVER_NEGATIVE if after[bucket] < 0]
    if broken:
        raise LedgerError(f"{kind.value} of {cents} would take {', '.join(broken)} below zero in {wallet.wallet_id}")
    seq = wallet.entries + 1
    posting = Posting(f"{wallet.wallet_id}_{seq:010d}", wallet.partner_id, wallet.currency, seq, kind, movements,
                      commission_id, payout_id, note)
    return WalletState(wallet.partner_id, wallet.currency, after, seq), posting


def replay(partner_id: str, currency: str, postings: list[dict[str, int]]) -> WalletState:
    """The wallet that a ledger's movements add up to (to check a stored wallet against its ledger)."""
    cents = dict.fromkeys(BUCKETS, 0)
    for movements in postings:
        for bucket, amount in movements.items():
            cents[bucket] += amount
    return WalletState(partner_id, currency, cents, len(postings))


class Wallet(Model):
    """A partner's wallet in one currency; ``balance`` is what is approved and not yet in a payout."""

    partner_id: str
    currency: str
    pending: Decimal
    approved: Decimal
    in_payout: Decimal
    paid: Decimal
    reversed: Decimal
    entries: int = Field(description="Ledger entries so far; the wallet is their sum")

    @computed_field
    @property
    def balance(self) -> Decimal:
        return self.approved

    @classmethod
    def of(cls, state: WalletState) -> Wallet:
        amounts = {bucket: from_cents(state.cents.get(bucket, 0)) for bucket in BUCKETS}
        return cls(partner_id=state.partner_id, currency=state.currency, entries=state.entries, **amounts)


class WalletsPage(Model):
    results: list[Wallet]
    total: int


class LedgerEntry(Model):
    id: str
    partner_id: str
    currency: str
    seq: int
    kind: LedgerKind
    movements: dict[str, Decimal]
    commission_id: str | None = None
    payout_id: str | None = None
    note: str = ""
    at: datetime
    by: str


class LedgerPage(ListPage[LedgerEntry]):
    """One page of a wallet's ledger, newest first."""


class LedgerListParams(Model):
    model_config = ConfigDict(extra="forbid")

    currency: Currency
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None
