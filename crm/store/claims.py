"""Unique values in Firestore (crm.domain.claims). A claim is a document whose id is the hash of the value's key,
created with a create-precondition in the transaction that gives the value to a record and deleted in the one that
takes it away (``UnitOfWork.change_claims``). The transaction never reads a claim, so concurrent claimants do not
contend: every commit but one fails with AlreadyExists, and ``explain_refused`` then names the holder, or releases a
claim its holder no longer backs so that the transaction can be tried again."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from crm.domain.claims import Claimant, ClaimKind, value_taken
from crm.identity import Caller
from crm.store import read_meter
from crm.store.collections import CollectionNames

R = TypeVar("R", bound=Claimant)


@dataclass(frozen=True)
class ClaimCollection(Generic[R]):
    """Where a kind's claims live, and how to read the records that hold them.

    Attributes:
        kind: the kind of value claimed.
        claims: the collection of the claims.
        holders: the collection of the records that hold the values.
        record: a holder's document as its domain record.
    """

    kind: ClaimKind[R]
    claims: Callable[[CollectionNames], str]
    holders: Callable[[CollectionNames], str]
    record: Callable[[firestore.DocumentSnapshot], R]

    def claim_id(self, value: str) -> str:
        return hashlib.sha256(self.kind.key(value).encode()).hexdigest()

    def claim_document(self, value: str, holder_id: str) -> dict[str, str]:
        return {self.kind.field: value, self.kind.holder_field: holder_id}


@dataclass(frozen=True)
class StagedClaim:
    """A claim a unit of work is about to create."""

    collection: ClaimCollection[Any]
    value: str
    holder_id: str


def explain_refused(db: firestore.Client, names: CollectionNames, staged: list[StagedClaim], viewer: Caller) -> None:
    """After a commit refused one of ``staged``: report the record that holds its value, or, when the claim is stale
    (its holder is gone or no longer holds the value), delete it if it is unchanged since read, so that the
    transaction may be tried again. Reads outside any transaction.

    Raises:
        AlreadyExistsError: a live record holds one of the values; named only if ``viewer`` may see it.
    """
    refs = [db.collection(s.collection.claims(names)).document(s.collection.claim_id(s.value)) for s in staged]
    found = {snapshot.reference.path: snapshot for snapshot in db.get_all(refs)}
    read_meter.record_lookups(len(refs))
    for claim, ref in zip(staged, refs, strict=True):
        snapshot = found.get(ref.path)
        if snapshot is None or not snapshot.exists:
            continue
        kind = claim.collection.kind
        holder_id = snapshot.get(kind.holder_field)
        if holder_id == claim.holder_id:
            continue
        holder_snapshot = db.collection(claim.collection.holders(names)).document(holder_id).get()
        read_meter.record_lookups(1)
        holder = kind.holder(claim.collection.record(holder_snapshot)) if holder_snapshot.exists else None
        if holder is not None and kind.key(claim.value) in holder.keys:
            raise value_taken(kind, claim.value, holder, viewer, held_as=snapshot.get(kind.field))
        with contextlib.suppress(google_exceptions.FailedPrecondition, google_exceptions.NotFound):
            snapshot.reference.delete(option=db.write_option(last_update_time=snapshot.update_time))
