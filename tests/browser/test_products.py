"""The product catalog screen: an admin adds a product (a taken SKU is refused on its field), searches by SKU or
name, archives and restores it; a viewer sees the catalog without write controls; a phone-width layout."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_an_admin_adds_searches_archives_and_restores_a_product(open_console, stack, marker):
    api = stack.api_as("admin")
    status, _ = api.call("POST", "/products", {"sku": f"{marker}-OLD", "name": f"Old cabinet {marker}",
                                                       "prices": {"EUR": "900"}})
    assert status == 201
    page = open_console("admin", path="/products")
    page.get_by_text("Add a product").click()
    form = page.get_by_role("form", name="Add a product")
    form.get_by_label("SKU").fill(f"{marker}-NEW")
    form.get_by_label("Name").fill(f"Arcade cabinet {marker}")
    form.get_by_label("Price").fill("1450")
    form.get_by_role("button", name="Add product").click()
    expect(page.get_by_text(f"Arcade cabinet {marker} added to the catalog.")).to_be_visible()

    form.get_by_label("SKU").fill(f"{marker}-old")
    form.get_by_label("Name").fill("Copy")
    form.get_by_role("button", name="Add product").click()
    expect(form.get_by_label("SKU")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_text(re.compile("already belongs to product"))).to_be_visible()

    page.get_by_label("Search products").fill(marker)
    expect(page.get_by_text("2 products")).to_be_visible()
    table = page.get_by_role("table", name="Product catalog")
    expect(table.get_by_role("row")).to_have_count(3)
    expect(table.get_by_role("row", name=re.compile(f"Arcade cabinet {marker}"))).to_contain_text("€1,450.00")
    screenshot(page, "products-list")

    page.get_by_role("button", name=f"Archive Arcade cabinet {marker}").click()
    expect(page.get_by_text(f"Arcade cabinet {marker} archived: existing deals keep it.")).to_be_visible()
    page.get_by_label("Show").select_option("archived")
    expect(table.get_by_role("row", name=re.compile(f"Arcade cabinet {marker}"))).to_contain_text("Archived")
    page.get_by_role("button", name=f"Put Arcade cabinet {marker} back on sale").click()
    expect(page.get_by_text(f"Arcade cabinet {marker} is on sale again.")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile(f"Arcade cabinet {marker}"))).to_have_count(0)


def test_a_viewer_reads_the_catalog_without_write_controls_on_a_phone(open_console, stack, marker):
    status, _ = stack.api_as("admin").call("POST", "/products", {"sku": f"{marker}-V", "name": f"Joystick "
                                                                         f"{marker}", "prices": {"EUR": "24.90"}})
    assert status == 201
    page = open_console("viewer", path="/products", viewport=(390, 844))
    page.get_by_label("Search products").fill(marker)
    expect(page.get_by_text("1 product", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Joystick {marker}"))).to_be_visible()
    expect(page.get_by_text("Add a product")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Archive"))).to_have_count(0)
    screenshot(page, "products-viewer-phone")
