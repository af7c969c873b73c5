"""How many active customers and deals carry each tag: server-side increments on the tag's registry document, in the
transaction of the record's write, blind (nothing read), so record writes never wait on each other here. A tag's
first use creates its registry entry (its name, and the counts)."""

from __future__ import annotations

import weakref
from typing import Any, Literal

from google.cloud import firestore

from crm.domain.customers import Customer
from crm.domain.deals import Deal
from crm.domain.tags.registry import tag_id
from crm.store.unit_of_work import UnitOfWork

CountField = Literal["customer_count", "deal_count"]


class TxTagCounts:
    """The tag count changes of one unit of work, one merge write per tag document however many records change.

    A record written twice in the same unit of work counts from its first previous state to its last state.
    """

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._tags = uow.db.collection(uow.names.tags)
        self._staged: dict[str, dict[str, Any]] = {}
        self._last: dict[tuple[CountField, str], frozenset[str]] = {}

    def customer_changed(self, before: Customer | None, after: Customer | None) -> None:
        record = after or before
        if record is not None:
            self._record("customer_count", record.id, _active_tags(before), _active_tags(after))

    def deal_changed(self, before: Deal | None, after: Deal | None) -> None:
        record = after or before
        if record is not None:
            self._record("deal_count", record.id, frozenset(before.tags) if before else frozenset(),
                         frozenset(after.tags) if after else frozenset())

    def _record(self, field: CountField, record_id: str, before: frozenset[str], after: frozenset[str]) -> None:
        before = self._last.get((field, record_id), before)
        self._last[field, record_id] = after
        for name in sorted(before - after):
            self._add(name, field, -1)
        for name in sorted(after - before):
            self._add(name, field, +1)

    def _add(self, name: str, field: CountField, amount: int) -> None:
        ref = self._tags.document(tag_id(name))
        if ref.path not in self._staged:
            self._staged[ref.path] = {"name": name}
            self._uow.set(ref, self._staged[ref.path], merge=True)
        data = self._staged[ref.path]
        held = data.get(field)
        data[field] = firestore.Increment((held.value if held is not None else 0) + amount)


def _active_tags(customer: Customer | None) -> frozenset[str]:
    return frozenset(customer.tags) if customer is not None and customer.deleted_at is None else frozenset()


_counts: weakref.WeakKeyDictionary[UnitOfWork, TxTagCounts] = weakref.WeakKeyDictionary()


def tag_counts(uow: UnitOfWork) -> TxTagCounts:
    """The one tag counter of ``uow``, shared by the customers and deals written in it."""
    if uow not in _counts:
        _counts[uow] = TxTagCounts(weakref.proxy(uow))  # a strong one would keep the key, and the unit, alive
    return _counts[uow]
