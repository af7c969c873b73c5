"""A customer's figures, kept running: what each deal and person write adds to its customer's totals (people,
deals per status and currency, won value in the base currency), and the figures an account page shows, read from
those totals instead of from the deals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import Field

from crm.domain.common import from_cents, to_cents
from crm.domain.deals import Deal, DealStatus
from crm.domain.model import Model
from crm.domain.people.persons import Person

Amounts = dict[str, Any]  # nested maps whose leaves are integers to add


class DealsInCurrency(Model):
    count: int
    value: Decimal


class CustomerFigures(Model):
    """An account at a glance, from its running totals (a few reads, however many deals it has)."""

    customer_id: str
    people_count: int = Field(description="Active contact persons")
    open_deals: dict[str, DealsInCurrency] = Field(description="Open deals per currency")
    won_deals: dict[str, DealsInCurrency] = Field(description="Won deals per currency")
    lost_deals: int
    won_value: Decimal = Field(description="Won deals' value in the base currency, as credited when won")
    lifetime_value: Decimal
    base_currency: str
    last_activity_at: datetime | None = None
    sub_accounts: int = Field(description="Active customers whose parent account this is (counted up to 4000)")


def deal_amounts(deal: Deal, sign: int) -> Amounts:
    return {
        "deals": {deal.status.value: {deal.currency: {"n": sign, "value_cents": sign * to_cents(deal.value)}}},
        "won_base_cents": sign * deal.won_base_cents if deal.status is DealStatus.WON else 0,
    }


def deal_change(before: Deal | None, after: Deal | None) -> dict[str, Amounts]:
    """What a deal write from ``before`` to ``after`` (None: created, deleted) adds to each customer's totals; a
    deal moved to another customer (a merge) leaves one and joins the other. Zero amounts are left out."""
    changes: dict[str, Amounts] = defaultdict(dict)
    if before is not None:
        add(changes[before.customer_id], deal_amounts(before, -1))
    if after is not None:
        add(changes[after.customer_id], deal_amounts(after, +1))
    return {customer_id: pruned for customer_id, amounts in changes.items() if (pruned := prune(amounts))}


def person_change(before: Person | None, after: Person | None) -> dict[str, Amounts]:
    """What a person write adds to the people count of its customer(s): active people only."""
    changes: dict[str, int] = defaultdict(int)
    if before is not None and before.active:
        changes[before.customer_id] -= 1
    if after is not None and after.active:
        changes[after.customer_id] += 1
    return {customer_id: {"people": n} for customer_id, n in changes.items() if n}


def add(into: Amounts, amounts: Mapping[str, Any]) -> Amounts:
    for key, amount in amounts.items():
        if isinstance(amount, Mapping):
            add(into.setdefault(key, {}), amount)
        else:
            into[key] = into.get(key, 0) + amount
    return into


def prune(amounts: Mapping[str, Any]) -> Amounts:
    kept: Amounts = {}
    for key, amount in amounts.items():
        value = prune(amount) if isinstance(amount, Mapping) else amount
        if value:
            kept[key] = value
    return kept


def add_up(deals: Iterable[Deal], people: Iterable[Person]) -> dict[str, Amounts]:
    """Every customer's totals from its deals and people, as a rebuild computes them."""
    totals: dict[str, Amounts] = defaultdict(dict)
    for deal in deals:
        add(totals[deal.customer_id], deal_amounts(deal, +1))
    for person in people:
        if person.active:
            add(totals[person.customer_id], {"people": 1})
    return {customer_id: pruned for customer_id, amounts in totals.items() if (pruned := prune(amounts))}


def figures_of(customer_id: str, totals: Mapping[str, Any], *, lifetime_value: Decimal, base_currency: str,
               last_activity_at: datetime | None, sub_accounts: int) -> CustomerFigures:
    deals = totals.get("deals", {})

    def by_currency(status: DealStatus) -> dict[str, DealsInCurrency]:
        found = deals.get(status.value, {})
        return {currency: DealsInCurrency(count=int(cell.get("n", 0)),
                                          value=from_cents(int(cell.get("value_cents", 0))))
                for currency, cell in sorted(found.items()) if int(cell.get("n", 0))}

    lost = sum(int(cell.get("n", 0)) for cell in deals.get(DealStatus.LOST.value, {}).values())
    return CustomerFigures(
        customer_id=customer_id, people_count=int(totals.get("people", 0)), open_deals=by_currency(DealStatus.OPEN),
        won_deals=by_currency(DealStatus.WON), lost_deals=lost,
        won_value=from_cents(int(totals.get("won_base_cents", 0))), lifetime_value=lifetime_value,
        base_currency=base_currency, last_activity_at=last_activity_at, sub_accounts=sub_accounts,
    )
