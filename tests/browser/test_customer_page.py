"""The customer page and the create form: edit, validation on the field, conflicts, notes, status, delete."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_creating_a_customer_shows_a_refused_email_on_its_field_then_creates_it(open_console, marker):
    page = open_console("manager")
    page.get_by_role("link", name="New customer").click()
    expect(page.get_by_role("heading", name="New customer")).to_be_visible()
    page.get_by_label("Name").fill(f"Nora Newton {marker}")
    page.get_by_label("Organization").fill("Newton Arcades")
    page.get_by_label("Email").fill("nora@@example")
    page.get_by_label("Tags").fill(f"{marker}, arcade")
    page.get_by_label("City").fill("Θεσσαλονίκη")
    page.get_by_role("button", name="Create customer").click()
    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("not a valid email address")).to_be_visible()
    expect(email).to_be_focused()
    screenshot(page, "customer-create-error")
    email.fill(f"nora.{marker}@example.com")
    page.get_by_role("button", name="Create customer").click()
    expect(page.get_by_role("heading", name=f"Nora Newton {marker}")).to_be_visible()
    expect(page.get_by_label("City")).to_have_value("Θεσσαλονίκη")
    expect(page.get_by_role("textbox", name="Value")).to_have_value(f"nora.{marker}@example.com")


def test_a_leads_priority_rating_and_score_are_edited_on_its_page(open_console, stack, marker):
    api = stack.api_as("admin")
    lead = api.create_customer(name=f"Quinn Qualify {marker}", status="lead", priority="low")
    page = open_console("manager", path=f"/customers/{lead['id']}")
    expect(page.get_by_label("Priority", exact=True)).to_have_value("low")
    page.get_by_label("Priority", exact=True).select_option(label="Urgent")
    page.get_by_label("Rating", exact=True).select_option(label="Warm")
    score = page.get_by_label("Score", exact=True)
    score.fill("150")
    page.get_by_role("button", name="Save").click()
    expect(score).to_have_attribute("aria-invalid", "true")  # the API's 422, on its field
    score.fill("70")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    status, saved = api.call("GET", f"/customers/{lead['id']}")
    assert status == 200 and (saved["priority"], saved["rating"], saved["score"]) == ("urgent", "warm", 70)


def test_editing_a_contact_shows_the_error_on_that_contact_then_saves(open_console, stack, marker):
    customer = stack.api_as("admin").create_customer(name=f"Edith Edit {marker}", email=f"edith.{marker}@example.com")
    page = open_console("admin", path=f"/customers/{customer['id']}")
    page.get_by_role("button", name="Add contact").click()
    page.get_by_role("combobox", name="Type").nth(1).select_option("phone")
    new_value = page.get_by_role("textbox", name="Value").nth(1)
    new_value.fill("12")
    page.get_by_label("Organization").fill("Edith Holdings")
    page.get_by_role("button", name="Save").click()
    expect(new_value).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Some fields need your attention.")).to_be_visible()
    screenshot(page, "customer-edit-error")
    new_value.fill("+30 210 123 4567")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(new_value).to_have_value("+302101234567")
    expect(page.get_by_text("Edith Holdings").first).to_be_visible()
    screenshot(page, "customer-page")


def test_a_save_after_someone_else_saved_offers_their_version_and_keeps_what_was_typed(open_console, stack, marker):
    customer = stack.api_as("admin").create_customer(name=f"Connie Flict {marker}", organization="Old Org")
    first = open_console("admin", path=f"/customers/{customer['id']}")
    second = open_console("manager", path=f"/customers/{customer['id']}")
    first.get_by_label("Organization").fill("Typed By First")
    second.get_by_label("City").fill("Patras")
    second.get_by_role("button", name="Save").click()
    expect(second.get_by_text("Changes saved.")).to_be_visible()

    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Someone else saved this customer first.")).to_be_visible()
    screenshot(first, "customer-conflict")
    first.get_by_role("button", name="Load their version and keep my changes").click()
    expect(first.get_by_label("City")).to_have_value("Patras")
    expect(first.get_by_label("Organization")).to_have_value("Typed By First")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Changes saved.")).to_be_visible()
    status, saved = stack.api_as("admin").call("GET", f"/customers/{customer['id']}")
    assert (saved["organization"], saved["location"]["city"]) == ("Typed By First", "Patras")


def test_notes_are_added_and_shown_newest_first(open_console, stack, marker):
    customer = stack.api_as("rep").create_customer(name=f"Nate Notes {marker}", notes=[{"text": "First call"}])
    page = open_console("rep", path=f"/customers/{customer['id']}")
    page.get_by_label("New note").fill("Asked for a quote on two cabinets")
    page.get_by_role("button", name="Add note").click()
    notes = page.get_by_role("region", name="Notes").get_by_role("listitem")
    expect(notes).to_have_count(2)
    expect(notes.first).to_contain_text("Asked for a quote on two cabinets")
    expect(notes.first).to_contain_text("You")
    expect(page.get_by_label("New note")).to_have_value("")
    expect(page.get_by_role("region", name="Timeline")).to_contain_text("note added")


def test_status_actions_upgrade_convert_and_mark_lost_with_a_reason(open_console, stack, marker):
    api = stack.api_as("manager")
    lead = api.create_customer(name=f"Lena Lead {marker}", status="lead")
    page = open_console("manager", path=f"/customers/{lead['id']}")
    page.get_by_role("button", name="Convert lead").click()
    converting = page.get_by_role("dialog", name=f"Convert “Lena Lead {marker}” into a deal")
    converting.get_by_role("button", name="Convert").click()  # every field optional: the default pipeline
    expect(page.get_by_text(f"“Lena Lead {marker}” converted: deal “Lena Lead {marker}: first deal” opened.")
           ).to_be_visible()
    deals = page.get_by_role("region", name="Deals").get_by_role("listitem")
    expect(deals).to_have_count(1)
    expect(deals.first.get_by_text("Lead", exact=True)).to_be_visible()  # the stage by its name, not its id
    page.get_by_role("button", name="Mark lost").click()
    dialog = page.get_by_role("dialog", name=f"Mark Lena Lead {marker} as lost")
    expect(dialog.get_by_role("button", name="Mark lost")).to_be_disabled()
    dialog.get_by_label("Why was it lost?").fill("Chose a competitor")
    screenshot(page, "customer-mark-lost")
    dialog.get_by_role("button", name="Mark lost").click()
    expect(page.get_by_text("Lost: Chose a competitor")).to_be_visible()
    expect(page.get_by_role("button", name="Make customer")).to_have_count(0)

    prospect = api.create_customer(name=f"Pia Prospect {marker}", status="prospect")
    page.goto(f"{stack.url}/customers/{prospect['id']}")
    page.get_by_role("button", name="Make customer").click()
    expect(page.locator("header").get_by_text("Customer", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Mark lost")).to_have_count(0)


def test_deleting_a_customer_hides_it_and_restoring_brings_it_back(open_console, stack, marker):
    customer = stack.api_as("admin").create_customer(name=f"Dora Delete {marker}", tags=[marker])
    page = open_console("admin", path=f"/customers/{customer['id']}")
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text(f"Dora Delete {marker} was deleted.")).to_be_visible()
    assert stack.api_as("admin").call("GET", f"/customers/{customer['id']}")[0] == 404
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_role("heading", name=f"Dora Delete {marker}")).to_be_visible()
    page.get_by_role("link", name="All customers").click()
    page.get_by_label("Tag").fill(marker)
    expect(page.get_by_role("row", name=re.compile(f"Dora Delete {marker}"))).to_be_visible()


def test_a_viewer_reads_everything_but_finds_no_control_that_writes(open_console, stack, marker):
    customer = stack.api_as("admin").create_customer(name=f"Vera View {marker}", notes=[{"text": "Met at the fair"}])
    page = open_console("viewer", path=f"/customers/{customer['id']}")
    expect(page.get_by_role("heading", name=f"Vera View {marker}")).to_be_visible()
    expect(page.get_by_text("Met at the fair")).to_be_visible()
    expect(page.get_by_text("Your role can view this customer but not change it.")).to_be_visible()
    expect(page.get_by_label("Name")).to_be_disabled()
    for name in ("Save", "Delete", "Add note", "Mark lost", "Add contact", "Add item"):
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    expect(page.get_by_label("New note")).to_have_count(0)
    screenshot(page, "customer-page-viewer")


def test_a_note_the_api_refuses_is_taken_back_and_its_text_kept(open_console, stack, marker):
    full = [{"text": f"note {n}"} for n in range(100)]  # a customer holds at most 100 notes
    customer = stack.api_as("admin").create_customer(name=f"Fay Full {marker}", notes=full)
    page = open_console("admin", path=f"/customers/{customer['id']}")
    notes = page.get_by_role("region", name="Notes").get_by_role("listitem")
    expect(notes).to_have_count(100)
    page.get_by_label("New note").fill("One too many")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("a customer holds at most 100 notes")).to_be_visible()
    expect(notes).to_have_count(100)
    expect(page.get_by_label("New note")).to_have_value("One too many")
