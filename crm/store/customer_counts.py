"""What every customer write changes besides the customer: the tag counts and the lead board totals, recorded in the
same unit of work from the customer's previous and new state (so every use case that writes a customer keeps them
right without knowing of them)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from google.cloud import firestore

from crm.domain.customers import Customer
from crm.domain.qualification.totals import slot_of
from crm.domain.tags.registry import tag_id
from crm.store.collections import CollectionNames
from crm.store.qualification.totals import increments, lead_totals
from crm.store.tags.counts import tag_counts
from crm.store.unit_of_work import UnitOfWork


def record_customer_change(uow: UnitOfWork, before: Customer | None, after: Customer | None) -> None:
    tag_counts(uow).customer_changed(before, after)
    lead_totals(uow).customer_changed(before, after)


def record_imported_customers(db: firestore.Client, names: CollectionNames, customers: list[Customer]) -> None:
    """Count customers written in bulk (outside units of work) into the tag counts and lead board totals: one blind
    merge write of server-side increments per tag and per lead pipeline."""
    tags = Counter(tag for customer in customers if customer.deleted_at is None for tag in customer.tags)
    slots = Counter(slot for customer in customers if (slot := slot_of(customer)) is not None)
    writes: list[tuple[firestore.DocumentReference, dict[str, Any]]] = [
        (db.collection(names.tags).document(tag_id(name)), {"name": name, "customer_count": firestore.Increment(n)})
        for name, n in tags.items()]
    totals: dict[str, dict[str, Any]] = {}
    for slot, n in slots.items():
        _sum(totals.setdefault(slot.pipeline_id, {}), increments(slot, n))
    writes += [(db.collection(names.lead_totals).document(pipeline_id), data) for pipeline_id, data in totals.items()]
    for start in range(0, len(writes), 400):
        batch = db.batch()
        for ref, data in writes[start:start + 400]:
            batch.set(ref, data, merge=True)
        batch.commit()


def _sum(data: dict[str, Any], amounts: dict[str, Any]) -> None:
    """Add nested ``amounts`` into ``data`` as server-side increments."""
    for key, amount in amounts.items():
        if isinstance(amount, dict):
            _sum(data.setdefault(key, {}), amount)
        else:
            held = data.get(key)
            data[key] = firestore.Increment((held.value if held is not None else 0) + amount)
