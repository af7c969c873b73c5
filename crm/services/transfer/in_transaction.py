"""The use cases of crm.services, run inside a transaction that is already open: an import applies many rows in
one transaction, each through the same use case (and so the same rules, claims, totals and audit) as the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from crm.identity import Caller
from crm.services.ports import Transaction, Transactions

T = TypeVar("T")


class InTransaction:
    """A ``Transactions`` whose ``run`` runs the work in ``tx``: the caller's transaction commits or drops it."""

    def __init__(self, tx: Transaction, outer: Transactions):
        self._tx = tx
        self._outer = outer

    def run(self, work: Callable[[Any], T], *, actor: Caller, lock: Iterable[str] = ()) -> T:
        return work(self._tx)

    def read(self, work: Callable[[Any], T]) -> T:
        return work(self._tx)

    def customer_of_deal(self, deal_id: str) -> str | None:
        return self._outer.customer_of_deal(deal_id)
