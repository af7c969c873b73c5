"""What a customer write means for the lead board, in the write's transaction: a new lead is placed in the first
stage of the default lead pipeline (if there is one), and a lead that stops being a lead (converted, upgraded, won
by a deal, or lost) moves to its pipeline's converted or lost stage."""

from __future__ import annotations

from crm.domain.customers import Customer, CustomerStatus
from crm.domain.pipelines import StageKind
from crm.domain.qualification import moves
from crm.services.ports import Transaction


def placed_new_lead(tx: Transaction, customer: Customer) -> Customer:
    """A new lead placed on the default lead pipeline's board; anyone else as it is."""
    if customer.status is not CustomerStatus.LEAD or customer.on_lead_board:
        return customer
    pipeline = tx.lead_pipelines.default()
    return moves.place(customer, pipeline, now=customer.created_at) if pipeline else customer


def followed_lead(tx: Transaction, before: Customer | None, after: Customer) -> Customer:
    """``after``, moved to its lead pipeline's converted stage when it stopped being a lead for a prospect or
    customer, or to its lost stage when it churned (reads the pipeline only then)."""
    if before is None or before.status is not CustomerStatus.LEAD or after.status is CustomerStatus.LEAD:
        return after
    if not after.on_lead_board or after.lead_pipeline_id is None:
        return after
    kind = StageKind.LOST if after.status is CustomerStatus.CHURNED else StageKind.WON
    return moves.finish(after, tx.lead_pipelines.get(after.lead_pipeline_id), kind, now=after.updated_at)
