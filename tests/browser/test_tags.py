"""The tags screen: an admin registers a tag with its colour, renames a tag carried by customers (the job runs
to the end) and merges one into another; counts follow; a rep sees the registry without counts or controls."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_an_admin_adds_renames_and_merges_tags(open_console, stack, marker):
    api = stack.api_as("admin")
    for n in range(3):
        api.create_customer(name=f"Tagged {n} {marker}", tags=[f"{marker}-old"] + ([f"{marker}-dup"] if n else []))
    page = open_console("admin", path="/tags")
    page.get_by_text("Add a tag", exact=True).click()
    adding = page.get_by_role("form", name="Add a tag")
    adding.get_by_label("Tag").fill(f"{marker}-gold")
    adding.get_by_role("button", name="Add tag").click()
    expect(page.get_by_text(f"Tag {marker}-gold added.")).to_be_visible()

    page.get_by_label("Tags starting with").fill(marker)
    table = page.get_by_role("table", name="Tag registry")
    expect(table.get_by_role("row", name=re.compile(f"{marker}-old"))).to_contain_text("3")

    page.get_by_text("Rename or merge a tag").click()
    change = page.get_by_role("form", name="Rename or merge a tag")
    change.get_by_label("Tag to change").select_option(label=f"{marker}-old")
    change.get_by_label("New name").fill(f"{marker}-new")
    change.get_by_role("button", name="Rename").click()
    expect(page.get_by_text(f"{marker}-old is now {marker}-new on 3 records.")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile(f"{marker}-old"))).to_have_count(0)
    expect(table.get_by_role("row", name=re.compile(f"{marker}-new"))).to_contain_text("3")

    change.get_by_label("Tag to change").select_option(label=f"{marker}-dup")
    change.get_by_label("Merge into").select_option(label=f"{marker}-new")
    change.get_by_role("button", name="Merge").click()
    expect(page.get_by_text(f"{marker}-dup is now {marker}-new on 2 records.")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile(f"{marker}-dup"))).to_have_count(0)
    screenshot(page, "tags-admin")


def test_an_admin_changes_a_tags_colour_and_description(open_console, stack, marker):
    api = stack.api_as("admin")
    api.create_customer(name=f"Coloured {marker}", tags=[f"{marker}-blue"])
    page = open_console("admin", path="/tags")
    page.get_by_label("Tags starting with").fill(marker)
    page.get_by_role("button", name=f"Edit tag {marker}-blue").click()
    editing = page.get_by_role("form", name=f"Edit tag {marker}-blue")
    editing.get_by_label("Colour").fill("#ff0000")
    editing.get_by_label("Description").fill("Customers from the spring fair")
    screenshot(page, "tags-edit")
    editing.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Tag {marker}-blue saved.")).to_be_visible()
    row = page.get_by_role("table", name="Tag registry").get_by_role("row", name=re.compile(f"{marker}-blue"))
    expect(row).to_contain_text("Customers from the spring fair")
    status, body = api.call("GET", f"/tags?prefix={marker}-blue")
    assert status == 200 and [(t["color"], t["description"]) for t in body["results"]] == [
        ("#ff0000", "Customers from the spring fair")]


def test_a_rep_sees_tags_without_counts_or_controls(open_console, stack, marker):
    stack.api_as("admin").create_customer(name=f"Rep tagged {marker}", tags=[f"{marker}-rep"])
    page = open_console("rep", path="/tags", viewport=(390, 844))
    page.get_by_label("Tags starting with").fill(marker)
    row = page.get_by_role("row", name=re.compile(f"{marker}-rep"))
    expect(row).to_contain_text("—")
    expect(page.get_by_text("Add a tag")).to_have_count(0)
    expect(page.get_by_text("Rename or merge a tag")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Edit tag"))).to_have_count(0)
    screenshot(page, "tags-rep-phone")
