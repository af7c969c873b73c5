"""Rebuilding what accounts keep running, from the records themselves: each customer's totals (people, deals per
status and currency, won value) and the duplicate keys. For repairs and after an upgrade that changes what they
keep; run while customers, deals and people are not being written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from crm.domain.accounts.figures import Amounts, add_up
from crm.domain.customers import Customer
from crm.domain.deals import Deal
from crm.domain.people.persons import Person


class AccountTotalsStore(Protocol):
    def deals(self) -> Iterator[Deal]: ...
    def people(self) -> Iterator[Person]: ...
    def customers(self) -> Iterator[Customer]: ...
    def stored(self) -> dict[str, Amounts]: ...
    def replace(self, totals: Mapping[str, Amounts]) -> int: ...


class DuplicateKeysStore(Protocol):
    def replace(self, customers: Iterable[Customer]) -> int: ...


@dataclass(frozen=True)
class AccountRebuild:
    customers: int
    differing: int
    written: int
    keys: int


def rebuild_account_totals(totals: AccountTotalsStore, keys: DuplicateKeysStore, *,
                           check_only: bool = False) -> AccountRebuild:
    """Recompute every customer's totals from the deals and people and, unless ``check_only``, replace the stored
    ones and the duplicate keys. Returns how many customers' totals differed from the records."""
    computed = add_up(totals.deals(), totals.people())
    stored = totals.stored()
    differing = sum(1 for customer_id in computed.keys() | stored.keys()
                    if computed.get(customer_id) != stored.get(customer_id))
    if check_only:
        return AccountRebuild(len(computed), differing, 0, 0)
    written = totals.replace(computed)
    return AccountRebuild(len(computed), differing, written, keys.replace(totals.customers()))
