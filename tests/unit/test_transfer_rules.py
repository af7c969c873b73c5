"""Imports and bulk actions, the pure parts: reading files, column mappings and presets, rows into request bodies
and keys, and what the requests accept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pydantic import ValidationError

from crm.domain.transfer.bulk import BulkAction, BulkChange, BulkJobRequest, BulkRequest
from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.domain.transfer.mapping import ColumnMapping, mapped_values, resolve_columns, unmapped_headers
from crm.domain.transfer.presets import PRESETS
from crm.domain.transfer.reading import FileUnreadable, lines_of, read_rows
from crm.domain.transfer.requests import ImportRequest
from crm.domain.transfer.rows import RowInvalid, prepare_row

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
CUSTOMERS = TransferKind.CUSTOMERS


def rows_of(text: str, file_format: FileFormat = FileFormat.CSV) -> tuple[list[str], list]:
    headers, rows = read_rows(io.StringIO(text), file_format)
    return headers, list(rows)


def prepared(values: dict, kind: TransferKind = CUSTOMERS, mapping: ColumnMapping | None = None):
    return prepare_row(kind, 2, values, mapping or ColumnMapping(), {})


# ---------------------------------------------------------------- reading


def test_a_csv_row_carries_its_file_line_number_past_blank_lines_and_multi_line_cells():
    text = '\ufeffname,notes\nAda,"two\nlines"\n\nGrace,one\n'

    headers, rows = rows_of(text)

    assert headers == ["name", "notes"]
    assert [(r.line, r.values["name"]) for r in rows] == [(2, "Ada"), (5, "Grace")]


def test_a_semicolon_separated_csv_is_recognised_and_a_row_with_extra_values_is_reported():
    headers, rows = rows_of("name;email\nAda;ada@example.com\nBad;b@example.com;extra\n")

    assert headers == ["name", "email"]
    assert rows[0].problem is None and rows[0].values == {"name": "Ada", "email": "ada@example.com"}
    assert rows[1].line == 3 and "3 values" in (rows[1].problem or "")


def test_an_empty_file_is_unreadable():
    with pytest.raises(FileUnreadable):
        rows_of("")


def test_json_lines_report_bad_lines_by_number_and_take_headers_from_the_first_object():
    headers, rows = rows_of('{"name": "Ada"}\nnot json\n[1]\n{"name": "Grace"}\n', FileFormat.JSONL)

    assert headers == ["name"]
    assert [(r.line, r.problem is None) for r in rows] == [(1, True), (2, False), (3, False), (4, True)]


def test_a_file_uploaded_in_parts_reads_as_one_even_where_a_line_spans_two_parts():
    text = "name,email\nAda Lovelace,ada@example.com\nGrace,grace@example.com\n"
    parts = [text[:17], text[17:40], text[40:]]

    assert list(lines_of(parts)) == io.StringIO(text).readlines()


# ---------------------------------------------------------------- mapping and presets


def test_without_a_mapping_headers_that_name_fields_fill_them_ignoring_case_and_spaces():
    columns = resolve_columns(ColumnMapping(), CUSTOMERS, [" Name ", "EMAIL", "Favourite colour"])

    assert columns == {"name": [" Name "], "email": ["EMAIL"]}
    assert unmapped_headers(columns, [" Name ", "EMAIL", "Favourite colour"]) == ["Favourite colour"]


def test_a_mapping_renames_columns_rewrites_values_and_fills_defaults():
    mapping = ColumnMapping.model_validate_json((FIXTURES / "mapping.json").read_text()).for_kind(CUSTOMERS)
    columns = resolve_columns(mapping, CUSTOMERS, ["Full name", "E-mail", "Stage", "Legacy ID"])

    values = mapped_values({"Full name": " Ada ", "E-mail": "ada@example.com", "Stage": "ACTIVE",
                            "Legacy ID": "L-1"}, columns, mapping)

    assert values == {"name": "Ada", "email": "ada@example.com", "status": "customer", "external_id": "L-1",
                      "source": "referral"}


def test_a_mapping_that_names_a_field_the_kind_does_not_have_is_refused():
    with pytest.raises(ValidationError, match="favourite_colour"):
        ColumnMapping(columns={"Colour": "favourite_colour"}).for_kind(CUSTOMERS)


@pytest.mark.parametrize(("preset", "fixture", "expected"), [
    ("hubspot-contacts", "hubspot-contacts.csv", {"first_name", "last_name", "email", "external_id", "status"}),
    ("hubspot-companies", "hubspot-companies.csv", {"name", "external_id"}),
    ("pipedrive-persons", "pipedrive-persons.csv", {"name", "external_id"}),
    ("pipedrive-organizations", "pipedrive-organizations.csv", {"name", "external_id"}),
    ("pipedrive-deals", "pipedrive-deals.csv", {"title", "value", "currency", "stage", "external_id"}),
])
def test_each_preset_maps_the_columns_of_its_sample_export(preset, fixture, expected):
    mapping = PRESETS[preset]
    kind = mapping.kind or CUSTOMERS
    headers, rows = rows_of((FIXTURES / fixture).read_text(encoding="utf-8"))

    columns = resolve_columns(mapping.for_kind(kind), kind, headers)

    assert expected <= set(columns)
    for row in rows:
        prepare_row(kind, row.line, mapped_values(row.values, columns, mapping), mapping, columns)


# ---------------------------------------------------------------- rows


def test_a_customer_row_becomes_the_api_body_with_its_contacts_and_location():
    row = prepared({"first_name": "Ada", "last_name": "Lovelace", "email": "ADA@example.com", "mobile": "6941234567",
                    "city": "Athens", "tags": "vip; math"})

    assert row.body["name"] == "Ada Lovelace"
    assert row.body["contacts"] == [{"type": "email", "value": "ADA@example.com", "primary": True},
                                    {"type": "phone", "value": "6941234567", "primary": True, "label": "mobile"}]
    assert row.body["location"] == {"city": "Athens"} and row.body["tags"] == ["vip", "math"]
    assert row.emails == ["ada@example.com"]


def test_a_row_without_an_external_id_is_keyed_by_its_content_the_same_every_run():
    first, again = prepared({"name": "Ada"}), prepared({"name": "Ada"})
    other = prepared({"name": "Grace"})
    linked = prepared({"name": "Ada", "external_id": "42"}, mapping=ColumnMapping(source="hubspot"))

    assert first.key == again.key != other.key and first.key.source == "import:content" and first.stored_key
    assert (linked.key.source, linked.key.value) == ("hubspot", "42")


def test_a_row_with_no_name_or_a_bad_number_is_refused_with_its_field():
    with pytest.raises(RowInvalid) as nameless:
        prepared({"email": "x@example.com"})
    with pytest.raises(RowInvalid) as bad_value:
        prepared({"title": "Fleet", "value": "a lot", "customer_email": "x@example.com"}, TransferKind.DEALS)

    assert [(e.line, e.field) for e in nameless.value.errors] == [(2, "name")]
    assert [e.field for e in bad_value.value.errors] == ["value"]


@pytest.mark.parametrize(("written", "value"), [("12500", "12500"), ("8000.50", "8000.50"), ("12,5", "12.5"),
                                                ("1.234,56", "1234.56"), ("1,234.56", "1234.56"), ("1 200", "1200")])
def test_amounts_are_read_with_either_decimal_mark(written, value):
    row = prepared({"title": "Fleet", "value": written, "customer_email": "x@example.com"}, TransferKind.DEALS)

    assert row.body["value"] == value


def test_two_rows_for_the_same_email_touch_the_same_record():
    assert prepared({"name": "Ada", "email": "ada@example.com"}).touches() & prepared(
        {"name": "Ada L.", "email": "ADA@example.com"}).touches()


# ---------------------------------------------------------------- requests


def test_an_import_takes_its_file_one_way_and_a_preset_of_its_kind():
    with pytest.raises(ValidationError, match="not both"):
        ImportRequest(kind=CUSTOMERS, content="name\nAda\n", upload_id="u1")
    with pytest.raises(ValidationError, match="upload_id"):
        ImportRequest(kind=CUSTOMERS)
    with pytest.raises(ValidationError, match="pipedrive-deals imports"):
        ImportRequest(kind=CUSTOMERS, content="x", preset="pipedrive-deals")
    assert ImportRequest(kind=CUSTOMERS, content="x", file_name="a.ndjson").file_format() is FileFormat.JSONL


def test_a_bulk_change_needs_what_its_action_needs_and_an_action_its_kind_takes():
    with pytest.raises(ValidationError, match="add_tags needs tags"):
        BulkChange(action=BulkAction.ADD_TAGS)
    with pytest.raises(ValueError, match="not move_stage"):
        BulkChange(action=BulkAction.MOVE_STAGE, stage="won").check_kind(CUSTOMERS)
    with pytest.raises(ValueError, match="status must be one of"):
        BulkChange(action=BulkAction.SET_STATUS, status="done").check_kind(TransferKind.ACTIVITIES)
    BulkChange(action=BulkAction.SET_STATUS, status="completed").check_kind(TransferKind.ACTIVITIES)


def test_a_bulk_request_takes_up_to_500_ids_and_a_bulk_job_no_search():
    with pytest.raises(ValidationError):
        BulkRequest(action=BulkAction.DELETE, ids=[f"c{n}" for n in range(501)])
    with pytest.raises(ValidationError, match="not search"):
        BulkJobRequest(action=BulkAction.DELETE, filter={"search": "ada"})
    assert len(BulkRequest(action=BulkAction.DELETE, ids=[f"c{n}" for n in range(500)]).ids) == 500
