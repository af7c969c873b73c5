"""A customer at a glance, for people and AI assistants: the record, its open deals in figures, what is due
next and what was said last, plus the same in one paragraph of plain text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from pydantic import Field

from crm.domain.activities import Activity
from crm.domain.customers import Customer, Note
from crm.domain.deals import Deal
from crm.domain.model import Model

LATEST_NOTES = 5
TOP_DEALS = 10


class StageBreakdown(Model):
    pipeline_id: str
    stage: str
    count: int
    value: dict[str, Decimal] = Field(description="Per currency; currencies are never added together")
    weighted_value: dict[str, Decimal]


class CustomerDeals(Model):
    open_count: int
    open_value: dict[str, Decimal] = Field(description="Open deals' value per currency")
    weighted_value: dict[str, Decimal] = Field(description="Open deals' expected revenue per currency")
    won_value: Decimal = Field(description="Lifetime value in the base currency: won deals and delivered orders")
    by_stage: list[StageBreakdown]
    top_open_deals: list[Deal]
    complete: bool = Field(description="False when the customer has more open deals than were summed")


class CustomerSummary(Model):
    customer: Customer
    deals: CustomerDeals
    open_activities: list[Activity]
    latest_notes: list[Note]
    text: str = Field(description="The summary in one paragraph of plain text")


def summarize(
    customer: Customer, open_deals: list[Deal], open_total: int, activities: list[Activity]
) -> CustomerSummary:
    """Assemble the summary from the customer, (up to all of) its open deals and its open activities."""
    value: dict[str, Decimal] = defaultdict(Decimal)
    weighted: dict[str, Decimal] = defaultdict(Decimal)
    stages: dict[tuple[str, str], list[Deal]] = defaultdict(list)
    for deal in open_deals:
        value[deal.currency] += deal.value
        weighted[deal.currency] += deal.expected_revenue
        stages[(deal.pipeline_id, deal.stage)].append(deal)
    by_stage = [
        StageBreakdown(
            pipeline_id=pipeline_id,
            stage=stage,
            count=len(deals),
            value=_per_currency(deals, lambda d: d.value),
            weighted_value=_per_currency(deals, lambda d: d.expected_revenue),
        )
        for (pipeline_id, stage), deals in stages.items()
    ]
    deals = CustomerDeals(
        open_count=open_total, open_value=dict(value), weighted_value=dict(weighted),
        won_value=customer.lifetime_value, by_stage=by_stage,
        top_open_deals=sorted(open_deals, key=lambda d: d.value, reverse=True)[:TOP_DEALS],
        complete=len(open_deals) >= open_total,
    )
    due = sorted(activities, key=lambda a: (a.due_at is None, a.due_at or a.created_at))
    notes = sorted(customer.notes, key=lambda n: n.at, reverse=True)[:LATEST_NOTES]
    return CustomerSummary(customer=customer, deals=deals, open_activities=due, latest_notes=notes,
                           text=_paragraph(customer, deals, due, notes))


def _per_currency(deals: list[Deal], amount: Callable[[Deal], Decimal]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for deal in deals:
        totals[deal.currency] += amount(deal)
    return dict(totals)


def _money(amounts: dict[str, Decimal]) -> str:
    return " + ".join(f"{currency} {amount:,.2f}" for currency, amount in sorted(amounts.items())) or "nothing"


def _paragraph(customer: Customer, deals: CustomerDeals, activities: list[Activity], notes: list[Note]) -> str:
    who = customer.name + (f" ({customer.organization})" if customer.organization else "")
    parts = [f"{who} is a {customer.status.value}, lifetime value {customer.lifetime_value:,.2f}."]
    if deals.open_count:
        parts.append(
            f"{deals.open_count} open deal{'s' if deals.open_count != 1 else ''} worth {_money(deals.open_value)} "
            f"(weighted {_money(deals.weighted_value)})."
        )
        top = deals.top_open_deals[0]
        parts.append(f"Largest: {top.title!r}, {top.currency} {top.value:,.2f} in stage {top.stage}.")
    else:
        parts.append("No open deals.")
    if activities:
        nxt = activities[0]
        when = f" due {nxt.due_at:%Y-%m-%d}" if nxt.due_at else ""
        parts.append(f"Next: {nxt.type.value} {nxt.subject!r}{when}; {len(activities)} open activities.")
    if notes:
        parts.append(f"Latest note ({notes[0].at:%Y-%m-%d}, {notes[0].by}): {notes[0].text[:200]!r}.")
    return " ".join(parts)
