"""A deal's form and page: create with an error shown on its field and line items adding up, edit and save, the
stage actions with their history, and a 412 when someone else saved first."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.deal_steps import get_deal, make_deal, make_pipeline


def test_a_new_deal_shows_a_refused_field_then_is_created_from_its_line_items(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Lina Items {marker}", organization="Items Arcade")
    page = open_console("manager", path=f"/deals?pipeline={pipeline['id']}")
    page.get_by_role("link", name="New deal").click()
    expect(page.get_by_role("heading", name="New deal")).to_be_visible()
    page.get_by_label("Title").fill(f"Two cabinets {marker}")
    page.get_by_label("Find a customer").fill(f"Lina Items {marker}")
    choice = page.get_by_role("combobox", name="Customer")
    expect(choice.get_by_role("option", name=f"Lina Items {marker} — Items Arcade")).to_be_attached()
    choice.select_option(label=f"Lina Items {marker} — Items Arcade")
    expect(page.get_by_label("Pipeline")).to_have_value(pipeline["id"])
    page.get_by_label("Probability (%)").fill("150")
    page.get_by_role("button", name="Add line item").click()
    item = page.get_by_role("group", name="Line item 1")
    item.get_by_label("Name").fill("Arcade cabinet")
    item.get_by_label("Quantity").fill("2")
    item.get_by_label("Unit price").fill("1250.50")
    expect(item).to_contain_text("€2,501.00")
    expect(page.get_by_role("textbox", name="Value")).to_have_value("€2,501.00")
    page.get_by_role("button", name="Create deal").click()

    probability = page.get_by_label("Probability (%)")
    expect(probability).to_have_attribute("aria-invalid", "true")
    screenshot(page, "deal-create-error")
    probability.fill("40")
    page.get_by_role("button", name="Create deal").click()

    expect(page.get_by_role("heading", name=f"Two cabinets {marker}")).to_be_visible()
    expect(page.get_by_text("Weighted (40%)")).to_be_visible()
    expect(page.get_by_role("link", name=f"Lina Items {marker}")).to_be_visible()
    deal_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    created = get_deal(admin, deal_id)
    assert (created["value"], created["probability"], created["customer_id"], created["stage"]) == (
        "2501.00", 40, customer["id"], "new")


def test_the_deal_page_edits_its_tags_with_the_registry_suggesting_them(open_console, stack, marker):
    admin = stack.api_as("admin")
    assert admin.call("POST", "/tags", {"name": f"{marker}-gold", "color": "#d4af37"})[0] == 201
    deal = make_deal(admin, make_pipeline(admin, marker), admin.create_customer(name=f"Tagged Deal {marker}"),
                     title=f"Tag me {marker}", tags=[f"{marker}-old"])
    page = open_console("manager", path=f"/deals/{deal['id']}")
    tags = page.get_by_label("Tags")
    expect(tags).to_have_value(f"{marker}-old")
    tags.press("End")
    tags.press_sequentially(f", {marker}-g", delay=20)
    suggestion = page.locator(f'datalist option[value="{marker}-old, {marker}-gold"]')  # the registry's tag
    expect(suggestion).to_be_attached()
    tags.fill(f"{marker}-old, {marker}-gold")
    screenshot(page, "deal-tags")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    assert get_deal(admin, deal["id"])["tags"] == [f"{marker}-old", f"{marker}-gold"]
    status, registry = admin.call("GET", f"/tags?prefix={marker}-gold")
    assert status == 200 and [(t["name"], t["deal_count"]) for t in registry["results"]] == [(f"{marker}-gold", 1)]


def test_the_deal_page_saves_its_fields_and_moves_through_stages_with_history(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    deal = make_deal(admin, pipeline, admin.create_customer(name=f"Stage Walker {marker}"),
                     title=f"Walk the stages {marker}", value="800.00")
    page = open_console("manager", path=f"/deals/{deal['id']}")
    expect(page.get_by_role("heading", name=f"Walk the stages {marker}")).to_be_visible()
    page.get_by_label("Expected close").fill("2030-03-15")
    page.get_by_label("Notes").fill("Demo booked for March")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()

    page.get_by_role("button", name="Next stage").click()
    expect(page.get_by_text("Moved to the next stage.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Stage:\s*Talks"))).to_be_visible()
    page.get_by_role("group", name="Stage actions").get_by_role("button", name="Mark lost").click()
    dialog = page.get_by_role("dialog", name=f"Mark “Walk the stages {marker}” as lost")
    dialog.get_by_label("Why was it lost?").fill("Budget moved to next year")
    dialog.get_by_role("button", name="Mark lost").click()
    expect(page.get_by_text("Lost: Budget moved to next year")).to_be_visible()
    history = page.get_by_role("region", name="Stage history").get_by_role("listitem")
    expect(history).to_have_count(3)
    expect(history.nth(0)).to_contain_text("Talks → Lost")
    expect(history.nth(1)).to_contain_text("New → Talks")
    expect(history.nth(2)).to_contain_text("Opened in New")
    expect(page.get_by_label("Probability (%)")).to_be_disabled()
    screenshot(page, "deal-page")

    page.get_by_role("button", name="Reopen").click()
    expect(page.get_by_text("Reopened.")).to_be_visible()
    saved = get_deal(admin, deal["id"])
    assert (saved["status"], saved["stage"], saved["expected_close_date"], saved["notes"]) == (
        "open", "talks", "2030-03-15", "Demo booked for March")


def test_a_deal_saved_elsewhere_first_offers_their_version_and_keeps_what_was_typed(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    deal = make_deal(admin, pipeline, admin.create_customer(name=f"Race {marker}"), title=f"Raced {marker}")
    first = open_console("admin", path=f"/deals/{deal['id']}")
    second = open_console("manager", path=f"/deals/{deal['id']}")
    first.get_by_label("Title").fill(f"Renamed by first {marker}")
    second.get_by_label("Notes").fill("Saved by the second")
    second.get_by_role("button", name="Save").click()
    expect(second.get_by_text("Changes saved.")).to_be_visible()

    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Someone else saved this deal first.")).to_be_visible()
    screenshot(first, "deal-conflict")
    first.get_by_role("button", name="Load their version and keep my changes").click()
    expect(first.get_by_label("Notes")).to_have_value("Saved by the second")
    expect(first.get_by_label("Title")).to_have_value(f"Renamed by first {marker}")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Changes saved.")).to_be_visible()
    saved = get_deal(admin, deal["id"])
    assert (saved["title"], saved["notes"]) == (f"Renamed by first {marker}", "Saved by the second")


def test_the_deal_page_gives_the_deal_to_another_owner_through_the_user_picker(open_console, stack, marker):
    admin = stack.api_as("admin")
    deal = make_deal(admin, make_pipeline(admin, marker), admin.create_customer(name=f"Owned Deal {marker}"),
                     title=f"Hand over {marker}")
    page = open_console("manager", path=f"/deals/{deal['id']}")
    owner = page.get_by_role("combobox", name="Owner")
    expect(owner).to_have_value("Ada Admin")  # the owner by name, not by uid
    owner.fill("rita")
    expect(page.get_by_role("option", name=re.compile("Rita Rep"))).to_be_visible()
    screenshot(page, "deal-owner-picker")
    owner.press("ArrowDown")
    owner.press("Enter")
    expect(owner).to_have_value("Rita Rep")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.locator("header").get_by_text("Rita Rep")).to_be_visible()
    assert get_deal(admin, deal["id"])["owner_id"] == "b-rep"

    rep = open_console("rep", path=f"/deals/{deal['id']}")
    expect(rep.get_by_text(re.compile(r"^Owner:\s*You$"))).to_be_visible()
    expect(rep.get_by_role("combobox", name="Owner")).to_have_count(0)
