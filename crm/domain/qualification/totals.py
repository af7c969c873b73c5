"""Running counts of a lead board: how many active customers stand in each stage and substage of each lead pipeline,
in all and per owner, changed by every customer write (never counted by reading the customers)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from crm.domain.customers import Customer


@dataclass(frozen=True)
class LeadSlot:
    """Where one customer counts: a stage and substage (None: none) of a lead pipeline, for its owner."""

    pipeline_id: str
    stage: str
    substage: str | None
    owner_id: str | None


def slot_of(customer: Customer | None) -> LeadSlot | None:
    """Where ``customer`` counts: nowhere when deleted, or not on a lead board."""
    if customer is None or customer.deleted_at is not None or not customer.on_lead_board:
        return None
    return LeadSlot(customer.lead_pipeline_id or "", customer.lead_stage or "", customer.lead_substage,
                    customer.owner_id)


def slot_changes(old: LeadSlot | None, new: LeadSlot | None) -> dict[LeadSlot, int]:
    """The counts a customer moving from slot ``old`` to ``new`` changes (None: counted nowhere)."""
    changes: Counter[LeadSlot] = Counter()
    if old == new:
        return {}
    if old is not None:
        changes[old] -= 1
    if new is not None:
        changes[new] += 1
    return dict(changes)
