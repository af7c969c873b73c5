"""Saved views: a manager shares a view of the customers table (filters and columns) that a viewer applies; a rep's
private view of the board brings its pipeline back, and nobody else sees it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot
from tests.browser.deal_steps import make_deal, make_pipeline


def test_a_shared_view_of_the_customers_table_applies_its_filters_and_columns(open_console, stack, marker):
    admin = stack.api_as("admin")
    admin.create_customer(name=f"Vera Viewed {marker}", tags=[marker], status="customer")
    admin.create_customer(name=f"Lena Lead {marker}", tags=[marker], status="lead")
    page = open_console("manager", path=f"/customers?tag={marker}")
    expect(page.get_by_text("2 of 2 customers")).to_be_visible()
    page.get_by_role("group", name="Status").get_by_label("Customer").check()
    expect(page.get_by_text("1 of 1 customers")).to_be_visible()
    page.get_by_text("Columns (8 of 8)").click()
    page.get_by_role("checkbox", name="Phone").uncheck()
    expect(page.get_by_role("columnheader", name="Phone")).to_have_count(0)
    page.get_by_role("button", name="Save view…").click()
    dialog = page.get_by_role("dialog", name="Save this view")
    dialog.get_by_label("Name").fill(f"Key accounts {marker}")
    dialog.get_by_label(re.compile("^Share with everyone")).check()
    dialog.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"View “Key accounts {marker}” saved.")).to_be_visible()
    expect(page.get_by_label("Saved view")).to_contain_text(f"Key accounts {marker} (shared)")
    screenshot(page, "customers-saved-view")

    viewer = open_console("viewer", path="/customers")
    expect(viewer.get_by_role("columnheader", name="Phone")).to_be_visible()
    choice = viewer.get_by_label("Saved view")
    expect(choice.get_by_role("option", name=f"Key accounts {marker}")).to_be_attached()
    choice.select_option(label=f"Key accounts {marker}")
    expect(viewer.get_by_text("1 of 1 customers")).to_be_visible()
    expect(viewer.get_by_role("row", name=re.compile(f"Vera Viewed {marker}"))).to_be_visible()
    expect(viewer.get_by_role("columnheader", name="Phone")).to_have_count(0)
    expect(viewer.get_by_label("Tag")).to_have_value(marker)
    expect(viewer.get_by_role("button", name=re.compile("^Delete “Key accounts"))).to_have_count(0)


def test_a_private_view_of_the_board_brings_its_pipeline_back_for_its_owner_only(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker, name="Viewed")
    make_deal(admin, pipeline, admin.create_customer(name=f"Rep View {marker}", owner_id=USERS["rep"].uid),
              title=f"Rep view deal {marker}", owner_id=USERS["rep"].uid)
    page = open_console("rep", path=f"/deals?pipeline={pipeline['id']}")
    expect(page.get_by_role("article", name=f"Rep view deal {marker}")).to_be_visible()
    page.get_by_role("button", name="Save view…").click()
    dialog = page.get_by_role("dialog", name="Save this view")
    expect(dialog.get_by_label(re.compile("^Share with everyone"))).to_have_count(0)  # a rep keeps private views
    dialog.get_by_label("Name").fill(f"My board {marker}")
    dialog.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"View “My board {marker}” saved.")).to_be_visible()

    page.get_by_label("Pipeline").select_option(label="Sales (default)")
    expect(page.get_by_role("article", name=f"Rep view deal {marker}")).to_have_count(0)
    expect(page.get_by_text("Changed since applied")).to_be_visible()
    page.get_by_label("Saved view").select_option(label=f"My board {marker}")
    expect(page.get_by_label("Pipeline")).to_have_value(pipeline["id"])
    expect(page.get_by_role("article", name=f"Rep view deal {marker}")).to_be_visible()
    screenshot(page, "deals-board-saved-view")

    other = open_console("manager", path=f"/deals?pipeline={pipeline['id']}")
    expect(other.get_by_label("Saved view").get_by_role("option", name="None (as shown)")).to_be_attached()  # loaded
    expect(other.get_by_label("Saved view").get_by_role("option", name=f"My board {marker}")).to_have_count(0)
