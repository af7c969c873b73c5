"""`crm import` and `crm export` against the emulator: the sample files of tests/fixtures/imports, a summary, and
an import interrupted and resumed with nothing made twice."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from crm import cli, cli_transfer
from crm.domain.customer_queries import CustomerListParams
from crm.settings import get_settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


@pytest.fixture
def crm(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("CRM_COLLECTION_PREFIX", settings.collection_prefix)
    get_settings.cache_clear()
    yield lambda *argv: cli.main([str(a) for a in argv])
    get_settings.cache_clear()


def _copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(FIXTURES / name, tmp_path / name))


def _count(db, collection: str) -> int:
    return int(db.collection(collection).count().get()[0][0].value)


def test_import_reports_bad_rows_by_line_and_field(crm, tmp_path, capsys, customers):
    path = _copy(tmp_path, "customers.csv")

    assert crm("import", "customers", path) == 1

    out = capsys.readouterr().out
    assert "7 rows: 5 created, 0 updated, 0 unchanged, 2 failed" in out
    assert "line 4: email [email]" in out and "line 7: status [status]" in out
    with (tmp_path / "customers.csv.errors.csv").open() as errors:
        assert [row["line"] for row in csv.DictReader(errors)] == ["4", "7"]
    assert customers.list(CustomerListParams(search="Παπαδοπούλου")).results[0].location.city == "Αθήνα"


def test_a_dry_run_writes_nothing(crm, tmp_path, capsys, db, names):
    assert crm("import", "customers", _copy(tmp_path, "customers.csv"), "--dry-run") == 1
    assert "5 created" in capsys.readouterr().out and _count(db, names.customers) == 0


@pytest.mark.parametrize("workers", ["1", "4"])
def test_an_interrupted_import_resumes_without_duplicates(workers, crm, tmp_path, capsys, monkeypatch, db, names):
    path = tmp_path / "many.csv"
    path.write_text("name,email\n" + "".join(f"Person {n},person{n}@example.com\n" for n in range(25)))
    real = cli_transfer.import_rows

    def interrupted(*args, on_batch, **kwargs):
        def once(batch):
            on_batch(batch)
            raise KeyboardInterrupt

        return real(*args, on_batch=once, **kwargs)

    monkeypatch.setattr(cli_transfer, "import_rows", interrupted)
    with pytest.raises(KeyboardInterrupt):
        crm("import", "customers", path, "--batch-size", "10", "--workers", workers)
    interrupted_with = _count(db, names.customers)  # with more workers, the batches already sent commit too
    assert interrupted_with == 10 if workers == "1" else 10 <= interrupted_with <= 25
    monkeypatch.setattr(cli_transfer, "import_rows", real)

    assert crm("import", "customers", path, "--batch-size", "10", "--workers", workers, "--resume") == 0
    assert "(resumed after line 11)" in capsys.readouterr().out
    assert _count(db, names.customers) == 25 and _count(db, names.customer_emails) == 25
    assert crm("import", "customers", path, "--resume") == 0
    assert "finished already" in capsys.readouterr().out
    assert crm("import", "customers", path) == 0
    assert "25 unchanged" in capsys.readouterr().out and _count(db, names.customers) == 25


def test_presets_and_a_mapping_file(crm, tmp_path, capsys, customers):
    assert crm("import", "customers", _copy(tmp_path, "hubspot-contacts.csv"), "--preset", "hubspot-contacts") == 0
    maria = customers.list(CustomerListParams(search="papadaki")).results[0]
    assert (maria.organization, maria.status.value, maria.location.region) == ("Aegean Foods", "customer", "Attica")
    assert crm("import", "customers", _copy(tmp_path, "pipedrive-organizations.csv"), "--preset",
               "pipedrive-organizations") == 0
    assert crm("import", "deals", _copy(tmp_path, "pipedrive-deals.csv"), "--preset", "pipedrive-deals") == 0
    assert "3 created" in capsys.readouterr().out
    marine = customers.list(CustomerListParams(search="ioannou marine")).results[0]
    assert marine.lifetime_value == 8000.50 and marine.status.value == "customer"

    legacy = tmp_path / "legacy.csv"
    legacy.write_text("Legacy ID,Full name,E-mail,Labels,Stage\nL-1,Old Client,old@example.com,a|b,Active\n")
    assert crm("import", "customers", legacy, "--mapping", FIXTURES / "mapping.json") == 0
    old = customers.list(CustomerListParams(search="old client")).results[0]
    assert (old.tags, old.status.value, old.source.value) == (["a", "b"], "customer", "referral")


def test_activities_from_json_lines(crm, tmp_path, capsys):
    assert crm("import", "customers", _copy(tmp_path, "customers.csv")) == 1
    assert crm("import", "activities", _copy(tmp_path, "activities.jsonl")) == 1
    out = capsys.readouterr().out
    assert "4 rows: 2 created" in out and "line 3: row" in out and "line 4: customer_email" in out


def test_export_to_csv_and_back(crm, tmp_path, capsys, db, names):
    crm("import", "customers", _copy(tmp_path, "customers.csv"))
    out = tmp_path / "out.csv"

    assert crm("export", "customers", out, "--filter", "status=customer") == 0

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["name"] for r in rows) == ["Ada Lovelace", "Katherine Johnson"]
    assert crm("import", "customers", out) == 0
    assert "2 unchanged" in capsys.readouterr().out.splitlines()[-1]
