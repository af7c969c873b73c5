"""Running totals of the programme per month: ``partner_months/{month}`` (the programme), and its ``by_partner/{id}``
and ``by_link/{id}`` subcollections. Written with server-side increments, blind (never read in the writing
transaction), each document once per transaction however many changes it adds up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.cloud import firestore

from crm.domain.partners.totals import Counters, TotalsChange
from crm.store.partners.collections import MONTH_LINKS, MONTH_PARTNERS, PartnerCollectionNames

Stage = Callable[[firestore.DocumentReference, dict[str, Any]], None]


def month_refs(db: firestore.Client, names: PartnerCollectionNames, change: TotalsChange
               ) -> list[tuple[firestore.DocumentReference, Counters, dict[str, Any]]]:
    """The documents a change adds to, each with its counters and the fields it names itself by."""
    month = db.collection(names.months).document(change.month)
    refs: list[tuple[firestore.DocumentReference, Counters, dict[str, Any]]] = [
        (month, {**change.counters, **change.programme_only}, {"month": change.month})]
    if change.partner_id:
        refs.append((month.collection(MONTH_PARTNERS).document(change.partner_id), change.counters,
                     {"month": change.month, "partner_id": change.partner_id}))
    if change.link_id:
        refs.append((month.collection(MONTH_LINKS).document(change.link_id), change.counters,
                     {"month": change.month, "partner_id": change.partner_id, "link_id": change.link_id}))
    return refs


class StagedTotals:
    """Increments gathered per document and staged once each: the staged data is the gathered map itself, so what
    is added after staging still goes into the same write (a unit of work applies its writes when the work returns).
    Without ``stage``, they are only gathered, for ``documents``."""

    def __init__(self, db: firestore.Client, names: PartnerCollectionNames, stage: Stage | None = None):
        self._db = db
        self._names = names
        self._stage = stage
        self._sums: dict[str, tuple[dict[str, int], dict[str, Any]]] = {}
        self._refs: dict[str, firestore.DocumentReference] = {}

    def add(self, change: TotalsChange) -> None:
        for ref, counters, identity in month_refs(self._db, self._names, change):
            if ref.path not in self._sums:
                data: dict[str, Any] = dict(identity)
                self._sums[ref.path] = ({}, data)
                self._refs[ref.path] = ref
                if self._stage is not None:
                    self._stage(ref, data)
            sums, data = self._sums[ref.path]
            for path, amount in counters.items():
                sums[path] = sums.get(path, 0) + amount
                node = data
                *parents, leaf = path.split(".")
                for key in parents:
                    node = node.setdefault(key, {})
                node[leaf] = firestore.Increment(sums[path])

    def documents(self) -> list[tuple[firestore.DocumentReference, dict[str, Any]]]:
        """Each document gathered, with what to merge into it."""
        return [(self._refs[path], data) for path, (_, data) in self._sums.items()]
