"""The import and export screen: a file checked, then imported, its bad row shown by line; an export downloaded;
a viewer may export but not import."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_a_file_is_checked_then_imported_and_an_export_is_downloaded(open_console, marker, tmp_path):
    rows = f"name,email\nAda {marker},ada.{marker}@example.com\nGrace {marker},grace.{marker}@example.com\n" \
           f"Bad {marker},not-an-email\n"
    page = open_console("admin", path="/data")
    expect(page.get_by_role("heading", name="Import and export")).to_be_visible()

    page.get_by_label("File to import").set_input_files(files=[{"name": f"people-{marker}.csv", "mimeType": "text/csv",
                                                      "buffer": rows.encode()}])
    expect(page.get_by_label("Check only (write nothing)")).to_be_checked()
    page.get_by_role("button", name="Import", exact=True).click()
    check = page.get_by_role("listitem", name=re.compile(rf"Import \(check\): Customers, people-{marker}"))
    expect(check).to_contain_text("Done", timeout=60_000)
    expect(check).to_contain_text("2 created, 1 failed")
    check.get_by_role("button", name="Show errors (1)").click()
    expect(check.get_by_role("list", name="Errors by line").get_by_role("listitem")).to_have_text(
        re.compile(r"Line 4 · email\s*not a valid email address"))
    screenshot(page, "transfer-checked")

    page.get_by_label("Check only (write nothing)").uncheck()
    page.get_by_role("button", name="Import", exact=True).click()
    imported = page.get_by_role("listitem", name=re.compile(rf"^Import: Customers, people-{marker}"))
    expect(imported).to_contain_text("Done", timeout=60_000)
    expect(imported).to_contain_text("2 created, 1 failed")

    page.get_by_role("button", name="Export", exact=True).click()
    export = page.get_by_role("listitem", name=re.compile("^Export: Customers")).first
    expect(export.get_by_role("button", name="Download")).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        export.get_by_role("button", name="Download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = Path(saved).read_text(encoding="utf-8")
    assert saved.suffix == ".csv" and f"Ada {marker}" in text and f"Grace {marker}" in text
    assert f"Bad {marker}" not in text
    screenshot(page, "transfer-done")


def test_a_viewer_exports_but_sees_no_import(open_console):
    page = open_console("viewer", path="/data")

    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Import", exact=True)).to_have_count(0)
    expect(page.get_by_label("File to import")).to_have_count(0)
    screenshot(page, "transfer-viewer")
