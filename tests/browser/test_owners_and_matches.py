"""Owners by name (the users' directory from the real Auth emulator) and chosen from a searchable list; search
results marked with how they matched; deleted customers found and restored."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot

LETTERS = str.maketrans("0123456789", "ghijklmnop")


def test_owners_show_by_name_and_a_manager_gives_a_customer_to_a_rep(open_console, stack, marker):
    customer = stack.api_as("manager").create_customer(name=f"Greta Given {marker}", tags=[marker])
    stack.api_as("rep").create_customer(name=f"Rita's Own {marker}", tags=[marker])
    page = open_console("manager", path=f"/customers?tag={marker}")
    expect(page.get_by_role("row", name=re.compile(f"Rita's Own {marker}"))).to_contain_text("Rita Rep")
    expect(page.get_by_role("row", name=re.compile(f"Greta Given {marker}"))).to_contain_text("You")

    page.goto(f"{stack.url}/customers/{customer['id']}")
    owner = page.get_by_role("combobox", name="Owner")
    owner.fill("rita")
    expect(page.get_by_role("option", name=re.compile("Rita Rep"))).to_be_visible()
    screenshot(page, "customer-owner-picker")
    owner.press("ArrowDown")
    owner.press("Enter")
    expect(owner).to_have_value("Rita Rep")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.locator("header").get_by_text("Rita Rep")).to_be_visible()
    status, saved = stack.api_as("admin").call("GET", f"/customers/{customer['id']}")
    assert saved["owner_id"] == USERS["rep"].uid


def test_approximate_search_matches_are_marked_in_words(open_console, stack, marker):
    surname = f"Qu{marker.translate(LETTERS)}"  # a name no other test has: m1a2... -> mhaj...
    stack.api_as("admin").create_customer(name=f"Ophelia {surname}", tags=[marker])
    stack.api_as("admin").create_customer(name=f"Otto {surname}", email=f"otto.{marker}@example.com", tags=[marker])
    at = next(i for i in range(3, len(surname) - 1) if surname[i] != surname[i + 1])
    typo = surname[:at] + surname[at + 1] + surname[at] + surname[at + 2:]  # two neighbouring letters swapped
    page = open_console("admin", path="/customers")
    page.get_by_label("Search customers").fill(f"ophelia {typo}")
    row = page.get_by_role("row", name=re.compile(f"Ophelia {surname}"))
    expect(row).to_contain_text("similar spelling")
    screenshot(page, "customers-search-approximate")

    page.get_by_label("Search customers").fill(marker)  # a word of Otto's email only
    row = page.get_by_role("row", name=re.compile(f"Otto {surname}"))
    expect(row).to_contain_text("found in email")
    expect(row).not_to_contain_text("similar spelling")


def test_deleted_customers_are_found_and_restored(open_console, stack, marker):
    manager = stack.api_as("manager")
    gone = manager.create_customer(name=f"Gina Gone {marker}", tags=[marker], owner_id=USERS["rep"].uid)
    assert manager.call("DELETE", f"/customers/{gone['id']}")[0] == 204
    page = open_console("manager", path="/customers")
    page.get_by_role("link", name="Deleted customers").click()
    row = page.get_by_role("row", name=re.compile(f"Gina Gone {marker}"))
    expect(row).to_contain_text("Rita Rep")
    screenshot(page, "deleted-customers")
    row.get_by_role("button", name=f"Restore Gina Gone {marker}").click()
    expect(page.get_by_text(f"Gina Gone {marker} was restored.")).to_be_visible()
    expect(row).to_have_count(0)
    page.goto(f"{stack.url}/customers?tag={marker}")
    expect(page.get_by_role("row", name=re.compile(f"Gina Gone {marker}"))).to_be_visible()


def test_a_rep_finds_only_their_own_deleted_customers_and_a_viewer_none(open_console, stack, marker):
    rep, manager = stack.api_as("rep"), stack.api_as("manager")
    mine = rep.create_customer(name=f"Rep Gone {marker}")
    theirs = manager.create_customer(name=f"Manager Gone {marker}")
    assert rep.call("DELETE", f"/customers/{mine['id']}")[0] == 204
    assert manager.call("DELETE", f"/customers/{theirs['id']}")[0] == 204
    page = open_console("rep", path="/customers/deleted")
    expect(page.get_by_role("row", name=re.compile(f"Rep Gone {marker}"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Manager Gone {marker}"))).to_have_count(0)
    expect(page.get_by_role("combobox", name="Owner")).to_have_count(0)

    viewer = open_console("viewer", path="/customers")
    expect(viewer.get_by_role("link", name="Deleted customers")).to_have_count(0)
    viewer.goto(f"{stack.url}/customers/deleted")
    expect(viewer.get_by_text("Your role cannot restore customers.")).to_be_visible()
