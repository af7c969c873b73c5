"""Likely duplicates: the keys two records of one customer share, derived at write time so that finding candidates
reads the few shared keys instead of every customer.

A customer holds one key per email (as a mailbox receives it: case, dots of Gmail addresses and "+tags" dropped),
one per phone or WhatsApp number (E.164), and one for its name as it sounds (Greek or Latin spelling, accents,
case and word order aside): an organization's name by itself, a person's within their organization (a person
without an organization has no name key, as namesakes are common). Exact emails cannot repeat across customers
(each is claimed by one), so the email key finds the spellings that reach the same mailbox.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from crm.domain.accounts.fields import CustomerKind
from crm.domain.customers import PHONE_TYPES, ContactType, Customer
from crm.domain.model import Model
from crm.domain.search.phonetic import phonetic_key
from crm.domain.search_tokens import words

GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
HOLDERS_SHOWN = 10  # a key's pairs are those of its first ten holders (by id)
MAX_PAIRS_PER_KEY = HOLDERS_SHOWN * (HOLDERS_SHOWN - 1) // 2


class DuplicateReason(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"


@dataclass(frozen=True, order=True)
class DuplicateKey:
    """A value some customers share: ``id`` is the key's stored id, ``label`` what the reason shows."""

    reason: DuplicateReason
    value: str
    label: str

    @property
    def id(self) -> str:
        return hashlib.sha256(f"{self.reason.value}:{self.value}".encode()).hexdigest()[:32]


def mailbox(email: str) -> str:
    """The mailbox an address reaches: lower case, without a "+tag", and for Gmail without dots."""
    local, _, domain = email.lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


LEGAL_FORMS = ("ae", "epe", "ike", "oe", "ee", "αε", "επε", "ικε", "οε", "εε", "sa", "ltd", "llc", "inc", "gmbh",
               "co", "corp", "corporation", "company", "limited", "plc", "bv", "srl", "spa", "ag")


def sounds_like(text: str, *, drop_legal_forms: bool = False) -> str:
    """Words by their phonetic keys, sorted: "Μαρία Παπαδοπούλου" and "papadopoulou maria" give the same; letters
    written apart are one word ("A.E." is "ae"), and for an organization its legal form is left out."""
    joined: list[str] = []
    spelt = False  # whether the last word is single letters joined
    for word in words(text):
        if len(word) == 1 and word.isalpha():
            if spelt:
                joined[-1] += word
            else:
                joined.append(word)
            spelt = True
        else:
            joined.append(word)
            spelt = False
    keys = [phonetic_key(word) for word in joined]
    if drop_legal_forms:
        keys = [key for key in keys if key not in _LEGAL_KEYS] or keys
    return " ".join(sorted(keys))


_LEGAL_KEYS = frozenset(phonetic_key(form) for form in LEGAL_FORMS)


def duplicate_keys(customer: Customer | None) -> set[DuplicateKey]:
    """The keys an active customer holds; a deleted one (or none) holds none."""
    if customer is None or customer.deleted_at is not None:
        return set()
    keys: set[DuplicateKey] = set()
    for contact in customer.contacts:
        if contact.type is ContactType.EMAIL:
            keys.add(DuplicateKey(DuplicateReason.EMAIL, mailbox(contact.value), mailbox(contact.value)))
        elif contact.type in PHONE_TYPES:
            keys.add(DuplicateKey(DuplicateReason.PHONE, contact.value, contact.value))
    if customer.kind is CustomerKind.ORGANIZATION:
        if name := sounds_like(customer.name, drop_legal_forms=True):
            keys.add(DuplicateKey(DuplicateReason.NAME, f"org|{name}", customer.name))
    elif (name := sounds_like(customer.name)) and customer.organization and (
            organization := sounds_like(customer.organization, drop_legal_forms=True)):
        keys.add(DuplicateKey(DuplicateReason.NAME, f"{organization}|{name}",
                              f"{customer.name} ({customer.organization})"))
    return keys


def key_changes(before: Customer | None, after: Customer | None) -> tuple[set[DuplicateKey], set[DuplicateKey]]:
    """The keys a write adds and those it drops (by value: a new label alone changes nothing)."""
    held = {key.id: key for key in duplicate_keys(before)}
    wanted = {key.id: key for key in duplicate_keys(after)}
    return {wanted[k] for k in wanted.keys() - held.keys()}, {held[k] for k in held.keys() - wanted.keys()}


class CustomerRef(Model):
    id: str
    name: str


class Reason(Model):
    reason: DuplicateReason
    value: str = Field(description="The email, phone or name they share")


class DuplicatePair(Model):
    """Two customers that are likely one, and why."""

    customers: Annotated[list[CustomerRef], Field(min_length=2, max_length=2)]
    reasons: list[Reason]


class DuplicatesPage(Model):
    results: list[DuplicatePair]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last page")


@dataclass(frozen=True)
class SharedKey:
    """A stored key held by two customers or more: its reason, label and first holders by id (id -> name)."""

    id: str
    reason: DuplicateReason
    label: str
    holders: dict[str, str]


def pairs_of(shared: list[SharedKey]) -> list[DuplicatePair]:
    """The pairs of customers the keys name, each once with every reason they share, in the keys' order."""
    found: dict[tuple[str, str], DuplicatePair] = {}
    for key in shared:
        holders = sorted(key.holders.items())[:HOLDERS_SHOWN]
        for i, (first, first_name) in enumerate(holders):
            for second, second_name in holders[i + 1:]:
                pair = found.setdefault((first, second), DuplicatePair(
                    customers=[CustomerRef(id=first, name=first_name), CustomerRef(id=second, name=second_name)],
                    reasons=[]))
                reason = Reason(reason=key.reason, value=key.label)
                if reason not in pair.reasons:
                    pair.reasons.append(reason)
    return list(found.values())
