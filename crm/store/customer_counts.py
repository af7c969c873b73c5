"""What every customer write changes besides the customer: the tag counts and the lead board totals, recorded in the
same unit of work from the customer's previous and new state (so every use case that writes a customer keeps them
right without knowing of them)."""

from __future__ import annotations

from crm.domain.customers import Customer
from crm.store.qualification.totals import lead_totals
from crm.store.tags.counts import tag_counts
from crm.store.unit_of_work import UnitOfWork


def record_customer_change(uow: UnitOfWork, before: Customer | None, after: Customer | None) -> None:
    tag_counts(uow).customer_changed(before, after)
    lead_totals(uow).customer_changed(before, after)
