"""Each customer's running figures in ``customer_totals/{customer_id}`` (see crm.domain.accounts.figures): active
people, deals per status and currency, won value in the base currency. Written with server-side increments in the
transaction of every deal and person write (one blind merge write per document and transaction), read back for the
account page, and rebuilt from the deals and people when they need repair."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.accounts.figures import Amounts, deal_change, person_change, prune
from crm.domain.customers import Customer
from crm.domain.deals import Deal
from crm.domain.people.persons import Person
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.customers import customer_from_snapshot
from crm.store.deal_totals import StagedIncrements
from crm.store.deals import deal_from_snapshot
from crm.store.people.documents import person_from_snapshot
from crm.store.unit_of_work import UnitOfWork

PAGE_SIZE = 500
BATCH_WRITES = 400


class TxAccountTotals:
    """A unit of work's changes to customers' totals, and their reads when a rule needs one (the people limit)."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._staged = StagedIncrements(uow)
        self._totals = uow.collection(uow.names.customer_totals)

    def record_deal(self, before: Deal | None, after: Deal | None) -> None:
        for customer_id, amounts in deal_change(before, after).items():
            self._staged.add(self._totals.document(customer_id), amounts)

    def record_person(self, before: Person | None, after: Person | None) -> None:
        for customer_id, amounts in person_change(before, after).items():
            self._staged.add(self._totals.document(customer_id), amounts)

    def people(self, customer_id: str) -> int:
        """Active people of the customer as committed (this unit of work's own changes not included)."""
        snapshot = self._uow.get(self._totals.document(customer_id))
        return int((snapshot.to_dict() or {}).get("people", 0)) if snapshot.exists else 0


class FirestoreAccountTotals:
    """Reads a customer's totals (one read), and streams deals and people to rebuild them all."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._names = names
        self._totals = db.collection(names.customer_totals)

    def get(self, customer_id: str) -> dict[str, Any]:
        snapshot = self._totals.document(customer_id).get()
        read_meter.record_lookups(1)
        return snapshot.to_dict() or {} if snapshot.exists else {}

    def get_many(self, customer_ids: list[str]) -> dict[str, dict[str, Any]]:
        refs = [self._totals.document(i) for i in customer_ids]
        found = {s.id: s.to_dict() or {} for s in self._db.get_all(refs) if s.exists}
        read_meter.record_lookups(len(refs))
        return {i: found.get(i, {}) for i in customer_ids}

    def stored(self) -> dict[str, Amounts]:
        """Every customer's stored totals (zero leaves pruned), for checks."""
        found: dict[str, Amounts] = {}
        for snapshot in self._stream(self._totals):
            amounts = prune(snapshot.to_dict() or {})
            if amounts:
                found[snapshot.id] = amounts
        return found

    def deals(self) -> Iterator[Deal]:
        """Every deal, in pages ordered by id."""
        return (deal_from_snapshot(s) for s in self._stream(self._db.collection(self._names.deals)))

    def people(self) -> Iterator[Person]:
        """Every person (deleted ones too), in pages ordered by id."""
        return (person_from_snapshot(s) for s in self._stream(self._db.collection(self._names.people)))

    def customers(self) -> Iterator[Customer]:
        """Every customer (deleted ones too), in pages ordered by id."""
        return (customer_from_snapshot(s) for s in self._stream(self._db.collection(self._names.customers)))

    def replace(self, totals: Mapping[str, Amounts]) -> int:
        """Make the stored totals exactly ``totals``: write each whole, delete the others. Not atomic: run it while
        deals and people are not being written. Returns how many documents it wrote."""
        stale = [ref for ref in self._totals.list_documents() if ref.id not in totals]
        writes: list[tuple[str, firestore.DocumentReference, dict[str, Any] | None]] = [
            ("set", self._totals.document(customer_id), dict(amounts)) for customer_id, amounts in totals.items()]
        writes += [("delete", ref, None) for ref in stale]
        for start in range(0, len(writes), BATCH_WRITES):
            batch = self._db.batch()
            for action, ref, data in writes[start : start + BATCH_WRITES]:
                if action == "set":
                    batch.set(ref, data or {})
                else:
                    batch.delete(ref)
            batch.commit()
        return len(totals)

    def _stream(self, collection: firestore.CollectionReference) -> Iterator[firestore.DocumentSnapshot]:
        query = collection.order_by(FieldPath.document_id()).limit(PAGE_SIZE)
        last = None
        while True:
            page = list((query.start_after(last) if last else query).stream())
            read_meter.record_documents(len(page))
            yield from page
            if len(page) < PAGE_SIZE:
                return
            last = page[-1]
