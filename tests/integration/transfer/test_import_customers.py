"""Importing customers on the emulator: the same claims, search fields and audit as the API; dry runs write
nothing; re-runs and resumed runs make nothing twice; upsert by email and by external id."""

from __future__ import annotations

from google.cloud.firestore_v1 import FieldFilter

from crm.domain.customer_queries import CustomerListParams
from crm.domain.transfer.presets import preset

CSV = """name,email,phone,tags,status,city
Ada Lovelace,ada@example.com,+30 210 555 0101,vip;math,customer,Athens
Grace Hopper,grace@example.com,,navy,lead,
Bad Email,not-an-email,,,,
Alan Turing,alan@example.com,,,,Manchester
"""


def _count(db, collection: str) -> int:
    return int(db.collection(collection).count().get()[0][0].value)


def test_import_creates_customers_with_claims_search_fields_and_audit(run_import, db, names, customers):
    result = run_import(CSV)

    assert result.counts == {"created": 3, "failed": 1}
    assert [(e.line, e.field, e.column) for e in result.errors] == [(4, "email", "email")]
    listed = customers.list(CustomerListParams(search="lovelace"))
    assert [c.name for c in listed.results] == ["Ada Lovelace"]
    ada = listed.results[0]
    assert ada.tags == ["vip", "math"] and ada.phone == "+302105550101" and ada.location.city == "Athens"
    assert _count(db, names.customer_emails) == 3
    audit = list(db.collection(names.audit).where(filter=FieldFilter("entity_id", "==", ada.id)).stream())
    assert [a.get("action") for a in audit] == ["create"] and audit[0].get("by") == "importer"


def test_a_dry_run_reports_every_row_and_writes_nothing(run_import, db, names):
    result = run_import(CSV, dry_run=True)

    assert result.counts == {"created": 3, "failed": 1}
    assert result.errors[0].line == 4
    for collection in (names.customers, names.customer_emails, names.audit, names.external_ids):
        assert _count(db, collection) == 0


def test_a_second_run_of_a_finished_import_changes_nothing(run_import, db, names):
    run_import(CSV)
    audit_before = _count(db, names.audit)

    again = run_import(CSV)

    assert again.counts == {"unchanged": 3, "failed": 1}, again.errors
    assert _count(db, names.customers) == 3 and _count(db, names.audit) == audit_before


def test_upsert_by_email_updates_and_keeps_other_contacts(run_import, customers):
    run_import(CSV)
    result = run_import("name,email,tags\nAda King,ADA@example.com,poet\n")

    assert result.counts == {"updated": 1}
    ada = customers.list(CustomerListParams(search="ada king")).results[0]
    assert ada.tags == ["poet"] and ada.phone == "+302105550101"


def test_upsert_by_external_id_through_a_preset(run_import, customers, db, names):
    text = ("Record ID,First Name,Last Name,Email,Lifecycle Stage\n"
            "901,Linus,Pauling,,opportunity\n")
    first = run_import(text, mapping=preset("hubspot-contacts"))
    second = run_import(text.replace("Pauling", "Pauling Jr"), mapping=preset("hubspot-contacts"))

    assert first.counts == {"created": 1} and second.counts == {"updated": 1}
    found = customers.list(CustomerListParams(search="linus")).results
    assert [(c.name, c.status.value) for c in found] == [("Linus Pauling Jr", "prospect")]
    assert _count(db, names.external_ids) == 1


def test_rows_without_keys_are_not_duplicated_by_a_rerun(run_import, db, names):
    text = "name,city\nNo Email Ltd,Patras\n"
    run_import(text)
    again = run_import(text)

    assert again.counts == {"unchanged": 1} and _count(db, names.customers) == 1


def test_resume_after_an_interruption_makes_nothing_twice(run_import, db, names):
    text = "name,email\n" + "".join(f"Person {n},p{n}@example.com\n" for n in range(30))
    stopped: list[int] = []

    def stop_after_two(batch) -> bool:
        stopped.append(batch.last_line)
        return len(stopped) == 2

    first = run_import(text, batch_size=7, on_batch=stop_after_two)
    assert first.counts == {"created": 14}
    resumed = run_import(text, batch_size=7, after_line=stopped[-1])
    assert resumed.counts == {"created": 16}
    assert _count(db, names.customers) == 30 and _count(db, names.customer_emails) == 30


def test_an_email_taken_by_another_customer_fails_alone(run_import, seed, customers):
    seed([{"name": "Holder", "email": "taken@example.com"}])
    text = "name,email,emails\nFirst,first@example.com,\nSecond,second@example.com,taken@example.com\n"

    result = run_import(text)

    assert result.counts == {"created": 1, "failed": 1}
    assert result.errors[0].line == 3 and "taken@example.com" in result.errors[0].message
