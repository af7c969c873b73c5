"""One Firestore transaction as a unit of work: reads go through the transaction, writes (and claims of unique
values) are staged and applied together when the work returns, so a use case may read and write in any order and
still be atomic."""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from crm.domain.access import SYSTEM
from crm.domain.claims import Claimant, still_claimed
from crm.errors import TooManyWritesError, UnavailableError
from crm.identity import Caller
from crm.store import read_meter
from crm.store.audit import AuditTrail, RecordChange
from crm.store.claims import ClaimCollection, StagedClaim, explain_refused
from crm.store.collections import CollectionNames
from crm.store.document_ids import new_document_id
from crm.store.encoding import stage_merge, stage_write

T = TypeVar("T")
R = TypeVar("R", bound=Claimant)
ATTEMPTS_PER_ROUND = 3
ROUNDS = 8
STALE_CLAIM_ROUNDS = 3
FIRST_BACKOFF_SECONDS = 0.05
MAX_BACKOFF_SECONDS = 2.0
Write = Callable[[firestore.Transaction], None]


class Outbox(Protocol):
    """What else a unit of work writes for its record changes, in the same transaction (webhook events)."""

    def documents(self, changes: list[RecordChange], actor: str) -> list[tuple[firestore.DocumentReference,
                                                                               dict[str, Any]]]: ...


class UnitOfWork:
    """A transaction's reads and staged writes, for ``actor``; repositories for each aggregate hang off it. The
    writes' audit entries (see crm.store.audit) are written with them, naming the actor, and so are the documents
    the ``outbox`` makes of the same record changes (webhook events)."""

    def __init__(self, db: firestore.Client, names: CollectionNames, transaction: firestore.Transaction,
                 actor: Caller, outbox: Outbox | None = None, max_writes: int | None = None):
        self.db = db
        self._max_writes = max_writes
        self._outbox = outbox
        self.names = names
        self.transaction = transaction
        self.actor = actor
        self._writes: list[Write] = []
        self._read: dict[str, firestore.DocumentSnapshot] = {}
        self.committed_callbacks: list[Callable[[], None]] = []
        self.claims: list[StagedClaim] = []
        self._audit = AuditTrail(names)

    def collection(self, name: str) -> firestore.CollectionReference:
        return self._audit.collection(self.db, name)

    def get(self, ref: firestore.DocumentReference) -> firestore.DocumentSnapshot:
        """Read a document once per unit of work; a second get returns the first snapshot."""
        if ref.path not in self._read:
            self._read[ref.path] = ref.get(transaction=self.transaction)
            read_meter.record_lookups(1)
            self._audit.read([self._read[ref.path]])
        return self._read[ref.path]

    def get_all(self, refs: list[firestore.DocumentReference]) -> list[firestore.DocumentSnapshot]:
        missing = [ref for ref in refs if ref.path not in self._read]
        if missing:
            for snapshot in self.transaction.get_all(missing):
                self._read[snapshot.reference.path] = snapshot
            read_meter.record_lookups(len(missing))
            self._audit.read([self._read[ref.path] for ref in missing])
        return [self._read[ref.path] for ref in refs]

    def query(self, query: firestore.Query) -> list[firestore.DocumentSnapshot]:
        snapshots = list(self.transaction.get(query))
        read_meter.record_documents(len(snapshots))
        self._audit.read(snapshots, query)
        return snapshots

    def set(self, ref: firestore.DocumentReference, data: dict[str, Any], *, merge: bool = False) -> None:
        if merge:
            self._writes.append(lambda tx: stage_merge(tx, ref, data))
            return
        self._writes.append(lambda tx: stage_write(tx, ref, data))
        self._audit.wrote(ref, data)

    def create(self, ref: firestore.DocumentReference, data: dict[str, Any]) -> None:
        self._writes.append(lambda tx: stage_write(tx, ref, data, create=True))
        self._audit.wrote(ref, data)

    def update(self, ref: firestore.DocumentReference, data: dict[str, Any]) -> None:
        self._writes.append(lambda tx: tx.update(ref, data))

    def delete(self, ref: firestore.DocumentReference) -> None:
        self._writes.append(lambda tx: tx.delete(ref))
        self._audit.wrote(ref, None)

    def change_claims(self, claims: ClaimCollection[R], holder_id: str, before: R | None, after: R | None) -> None:
        """Stage the claims of the values ``after`` newly holds and the release of those ``before`` held (either
        may be None: the record is created or deleted).

        A claim is created, never overwritten and never read: if another record holds the value, the commit fails
        with AlreadyExists, and the runner explains it (``crm.store.claims.explain_refused``).
        """
        claim, release = claims.kind.changes(before, after)
        collection = self.db.collection(claims.claims(self.names))
        for value in claim:
            self.create(collection.document(claims.claim_id(value)), claims.claim_document(value, holder_id))
            self.claims.append(StagedClaim(claims, value, holder_id))
        for value in release:
            self.delete(collection.document(claims.claim_id(value)))

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the transaction has committed (never if it fails)."""
        self.committed_callbacks.append(callback)

    def apply_writes(self) -> None:
        for write in self._writes:
            write(self.transaction)
        audit = self.db.collection(self.names.audit)
        for entry in self._audit.entries(self.actor.uid):
            stage_write(self.transaction, audit.document(new_document_id()), entry, create=True)
        for ref, document in self._outbox.documents(self._audit.changes(), self.actor.uid) if self._outbox else ():
            stage_write(self.transaction, ref, document, create=True)
        staged = len(self.transaction._write_pbs)
        if self._max_writes is not None and staged > self._max_writes:
            raise TooManyWritesError(f"{staged} writes in one commit; at most {self._max_writes} fit")


class TransactionRunner:
    """Runs work in a Firestore transaction, retried on contention; the work must be free of side effects.

    Firestore's client retries an aborted commit at once, keeping the transaction's place in line; when those
    attempts run out we back off with jitter and start again. Within one process, work on the same records is
    also queued on a lock per record, so an instance's concurrent requests do not deadlock each other on
    Firestore's pessimistic locks (other instances are kept apart by the transaction itself).
    """

    max_writes: int | None = None  # a runner that stages many records at once caps its commits

    def __init__(self, db: firestore.Client, names: CollectionNames, bind: Callable[[UnitOfWork], Any] | None = None,
                 outbox: Outbox | None = None):
        self._db = db
        self._names = names
        self._bind = bind
        self._outbox = outbox

    def run(self, work: Callable[[Any], T], *, actor: Caller, lock: Iterable[str] = ()) -> T:
        """Run ``work`` atomically for ``actor`` (named in the audit entries), holding the in-process locks named
        by ``lock`` (e.g. "deals/ID").

        When a value the work claims is taken, a live holder is reported to the actor as far as they may see it; a
        stale claim (its holder gone, or no longer holding the value) is released and the work run again.

        Raises:
            AlreadyExistsError: a value the work claims belongs to another record.
            UnavailableError: contention did not clear after every attempt.
        """

        units: list[UnitOfWork] = []

        @firestore.transactional
        def attempt(transaction: firestore.Transaction) -> T:
            uow = UnitOfWork(self._db, self._names, transaction, actor, self._outbox, self.max_writes)
            units.append(uow)
            context = self._bind(uow) if self._bind else uow
            result = work(context)
            uow.apply_writes()
            return result

        with _record_locks(sorted(set(lock))):
            delay = FIRST_BACKOFF_SECONDS
            stale_rounds = 0
            for _ in range(ROUNDS):
                try:
                    result = attempt(self._db.transaction(max_attempts=ATTEMPTS_PER_ROUND))
                except google_exceptions.AlreadyExists:
                    staged = units[-1].claims
                    if not staged:
                        raise
                    explain_refused(self._db, self._names, staged, actor)
                    stale_rounds += 1
                    if stale_rounds == STALE_CLAIM_ROUNDS:
                        raise still_claimed(staged[0].collection.kind, staged[0].value) from None
                    continue
                except google_exceptions.Aborted:
                    pass  # a read waited on another transaction's lock and gave up: start again
                except ValueError as exc:
                    if not str(exc).startswith("Failed to commit transaction"):
                        raise
                else:
                    for callback in units[-1].committed_callbacks:
                        callback()
                    return result
                time.sleep(random.uniform(0, delay))
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)
        raise UnavailableError("too many concurrent changes to the same records; retry shortly")

    def read(self, work: Callable[[Any], T]) -> T:
        """Run ``work`` that only reads; what the store makes on its own meanwhile is by the system."""
        return self.run(work, actor=SYSTEM)


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextlib.contextmanager
def _record_locks(keys: list[str]) -> Iterator[None]:
    with _locks_guard:
        locks = [_locks.setdefault(key, threading.Lock()) for key in keys]
    with contextlib.ExitStack() as stack:
        for record_lock in locks:
            stack.enter_context(record_lock)
        yield
