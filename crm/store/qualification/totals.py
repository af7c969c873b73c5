"""A lead board's running counts in Firestore: ``lead_totals/{lead pipeline}`` holds, as nested maps of counts,
``stage.<stage>``, ``substage.<stage>.<substage>``, ``owner_stage.<owner>.<stage>`` and
``owner_substage.<owner>.<stage>.<substage>`` (keys escaped by ``field_key``; ``_none``: no substage or owner).
Changed with server-side increments in the transaction of every customer write, one blind write per document, so
customer writes never read or wait on them; read whole for a board (one read)."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

from google.cloud import firestore

from crm.domain.customers import Customer
from crm.domain.qualification.totals import LeadSlot, slot_changes, slot_of
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.deal_totals import StagedIncrements, field_key, value_of
from crm.store.unit_of_work import UnitOfWork


class TxLeadTotals:
    def __init__(self, uow: UnitOfWork):
        self._totals = uow.db.collection(uow.names.lead_totals)
        self._staged = StagedIncrements(uow)
        self._last: dict[str, LeadSlot | None] = {}

    def customer_changed(self, before: Customer | None, after: Customer | None) -> None:
        """Count the customer's move between slots; one written twice counts from where its last write left it."""
        record = after or before
        if record is None:
            return
        old = self._last[record.id] if record.id in self._last else slot_of(before)
        new = self._last[record.id] = slot_of(after)
        for slot, amount in slot_changes(old, new).items():
            self._staged.add(self._totals.document(slot.pipeline_id), increments(slot, amount))


def increments(slot: LeadSlot, amount: int) -> dict[str, Any]:
    stage, substage, owner = field_key(slot.stage), field_key(slot.substage), field_key(slot.owner_id)
    return {"stage": {stage: amount}, "substage": {stage: {substage: amount}},
            "owner_stage": {owner: {stage: amount}}, "owner_substage": {owner: {stage: {substage: amount}}}}


_totals: weakref.WeakKeyDictionary[UnitOfWork, TxLeadTotals] = weakref.WeakKeyDictionary()


def lead_totals(uow: UnitOfWork) -> TxLeadTotals:
    """The one lead-totals recorder of ``uow``."""
    if uow not in _totals:
        _totals[uow] = TxLeadTotals(weakref.proxy(uow))  # a strong one would keep the key, and the unit, alive
    return _totals[uow]


class LeadCounts:
    """A lead pipeline's counts as read: per stage and per substage, in all or for one owner."""

    def __init__(self, data: Mapping[str, Any]):
        self._data = data

    def stage(self, stage_id: str, owner_id: str | None = None) -> int:
        node = self._data.get("stage", {}) if owner_id is None else self._owner("owner_stage", owner_id)
        return int(node.get(field_key(stage_id), 0))

    def substages(self, stage_id: str, owner_id: str | None = None) -> dict[str, int]:
        node = self._data.get("substage", {}) if owner_id is None else self._owner("owner_substage", owner_id)
        counts = node.get(field_key(stage_id), {})
        return {value_of(key) or "_none": int(n) for key, n in counts.items() if n}

    def _owner(self, projection: str, owner_id: str) -> Mapping[str, Any]:
        found: Mapping[str, Any] = self._data.get(projection, {}).get(field_key(owner_id), {})
        return found


class FirestoreLeadTotals:
    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._names = names
        self._totals = db.collection(names.lead_totals)

    def counts(self, pipeline_id: str) -> LeadCounts:
        snapshot = self._totals.document(pipeline_id).get()
        read_meter.record_lookups(1)
        return LeadCounts(snapshot.to_dict() or {} if snapshot.exists else {})

    def replace(self, pipeline_id: str, customers: list[Customer]) -> None:
        """Write the counts of ``customers`` (every active one on that pipeline's board) as the pipeline's totals:
        a repair, while customers are not being written."""
        data: dict[str, Any] = {}
        for customer in customers:
            slot = slot_of(customer)
            if slot is not None and slot.pipeline_id == pipeline_id:
                _add(data, increments(slot, 1))
        self._totals.document(pipeline_id).set(data)


def _add(data: dict[str, Any], amounts: Mapping[str, Any]) -> None:
    for key, amount in amounts.items():
        if isinstance(amount, Mapping):
            _add(data.setdefault(key, {}), amount)
        else:
            data[key] = data.get(key, 0) + amount
