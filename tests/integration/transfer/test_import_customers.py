"""Importing customers on the emulator: the same claims, search fields and audit as the API; dry runs write
nothing; re-runs and resumed runs make nothing twice; upsert by email and by external id."""

from __future__ import annotations

import gc
import threading

import pytest
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.customer_queries import CustomerListParams
from crm.domain.transfer.presets import preset
from crm.store.unit_of_work import UnitOfWork

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


@pytest.mark.parametrize("workers", [1, 4])
def test_resume_after_an_interruption_makes_nothing_twice(workers, run_import, db, names):
    text = "name,email\n" + "".join(f"Person {n},p{n}@example.com\n" for n in range(30))
    stopped: list[int] = []

    def stop_after_two(batch) -> bool:
        stopped.append(batch.last_line)
        return len(stopped) == 2

    first = run_import(text, batch_size=7, workers=workers, on_batch=stop_after_two)
    if workers == 1:
        assert first.counts == {"created": 14} and stopped == [8, 15]
    assert first.last_line == stopped[-1]  # batches already sent when asked to stop commit, and are reported
    assert _count(db, names.customers) == first.counts["created"]
    resumed = run_import(text, batch_size=7, workers=workers, after_line=stopped[-1])
    assert first.counts["created"] + resumed.counts.get("created", 0) == 30
    assert _count(db, names.customers) == 30 and _count(db, names.customer_emails) == 30


class _FailingBatch:
    """Import transactions whose batch holding ``line`` fails before it commits (as a lost connection would),
    once a later batch has committed."""

    def __init__(self, real, line: int):
        self._real = real
        self._line = line
        self._later_committed = threading.Event()

    def run(self, work, **kwargs):
        lines: list[int] = []

        def watched(tx):
            outcomes = work(tx)
            lines[:] = list(outcomes)
            if self._line in outcomes:
                self._later_committed.wait(timeout=30)
                raise ConnectionResetError("connection lost")
            return outcomes

        result = self._real.run(watched, **kwargs)
        if min(lines, default=0) > self._line:
            self._later_committed.set()
        return result

    def read(self, work):
        return self._real.read(work)

    def customer_of_deal(self, deal_id):
        return self._real.customer_of_deal(deal_id)


def test_a_failed_batch_keeps_the_checkpoint_before_it_and_a_resume_loses_and_repeats_nothing(
        run_import, importing, db, names):
    text = "name,email\n" + "".join(f"Person {n},p{n}@example.com\n" for n in range(40))
    checkpoints: list[int] = []

    with pytest.raises(ConnectionResetError):
        run_import(text, batch_size=5, workers=4, on_batch=lambda batch: checkpoints.append(batch.last_line),
                   transactions=_FailingBatch(importing, line=18))

    checkpoint = checkpoints[-1] if checkpoints else 0
    assert checkpoint < 18  # the batch of lines 17-21 failed: nothing after it counts as done
    saved = {s.get("email") for s in db.collection(names.customer_emails).stream()}
    assert {f"p{n}@example.com" for n in range(checkpoint - 1)} <= saved  # every line reported is there
    assert not {f"p{n}@example.com" for n in range(15, 20)} & saved  # the failed batch wrote nothing
    resumed = run_import(text, batch_size=5, workers=4, after_line=checkpoint)
    assert sum(resumed.counts.values()) == 41 - checkpoint and "failed" not in resumed.counts
    assert resumed.counts.get("unchanged", 0) >= 5  # the later batch that had committed is found, not made again
    assert _count(db, names.customers) == 40 and _count(db, names.customer_emails) == 40


def test_an_email_taken_by_another_customer_fails_alone(run_import, seed, customers):
    seed([{"name": "Holder", "email": "taken@example.com"}])
    text = "name,email,emails\nFirst,first@example.com,\nSecond,second@example.com,taken@example.com\n"

    result = run_import(text)

    assert result.counts == {"created": 1, "failed": 1}
    assert result.errors[0].line == 3 and "taken@example.com" in result.errors[0].message


def test_a_batch_past_the_commit_limit_is_applied_in_halves(run_import, db, names, monkeypatch):
    api = db._firestore_api
    commit = api.commit
    sizes: list[int] = []

    def measured(*args, **kwargs):
        request = kwargs.get("request") or args[0]
        sizes.append(len(request["writes"] if isinstance(request, dict) else request.writes))
        return commit(*args, **kwargs)

    monkeypatch.setattr(api, "commit", measured)
    text = "name,email,phone\n" + "".join(f"Person {n},p{n}@example.com,+30 210 555 {n:04d}\n" for n in range(120))

    result = run_import(text, batch_size=120, workers=1)

    assert result.counts == {"created": 120} and _count(db, names.customers) == 120
    assert len(sizes) >= 2 and max(sizes) <= 500 and sum(sizes) > 500


def test_no_unit_of_work_outlives_its_transaction(run_import):
    """Memory stays flat however many rows: what a batch staged (documents, snapshots) goes with its unit of work."""
    text = "name,email,tags,status\n" + "".join(f"Person {n},p{n}@example.com,vip,lead\n" for n in range(12))

    run_import(text, batch_size=5)
    gc.collect()

    assert [o for o in gc.get_objects() if isinstance(o, UnitOfWork)] == []
