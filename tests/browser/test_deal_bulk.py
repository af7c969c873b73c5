"""The deals list's change to the ticked deals: moved to a stage (one refused, with the API's reason), tagged, given
to another owner and deleted, each change checked through the API; another user's change arrives while it is open;
a rep is not offered other owners, a viewer no boxes to tick."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot, switch_language, wait_until_live
from tests.browser.deal_steps import get_deal, make_deal, make_pipeline


def test_a_manager_moves_tags_reassigns_and_deletes_ticked_deals_with_a_refusal_shown(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Bulk Buyer {marker}")
    made = {name: make_deal(admin, pipeline, customer, title=f"{name} {marker}", stage=stage, value="100.00")
            for name, stage in (("Anchor", "new"), ("Beacon", "talks"), ("Cobalt", "new"))}
    page = open_console("manager", path=f"/deals?pipeline={pipeline['id']}")
    page.get_by_role("navigation", name="Deals as").get_by_role("link", name="List").click()
    expect(page.get_by_text("3 of 3 deals")).to_be_visible()
    wait_until_live(page)

    page.get_by_role("checkbox", name=f"Select Anchor {marker}").check()
    page.get_by_role("checkbox", name=f"Select Beacon {marker}").check()
    bar = page.get_by_role("form", name="Change the selected deals")
    expect(bar.get_by_text("2 selected")).to_be_visible()
    expect(bar.get_by_label("Change")).to_have_value("move_stage")
    expect(bar.get_by_label("Pipeline")).to_have_value(pipeline["id"])
    bar.get_by_label("To stage").select_option(label="Talks")
    screenshot(page, "deals-bulk")
    bar.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("1 changed, 1 refused.")).to_be_visible()
    refused = page.get_by_role("alert").filter(has_text="1 deal was not changed:")
    expect(refused).to_contain_text(f"Beacon {marker}: deal {made['Beacon']['id']} is already in stage talks")
    expect(page.get_by_role("row", name=re.compile(f"Anchor {marker}"))).to_contain_text("Talks")
    expect(page.get_by_role("checkbox", name=f"Select Beacon {marker}")).to_be_checked()  # refused: still ticked
    expect(page.get_by_role("checkbox", name=f"Select Anchor {marker}")).not_to_be_checked()
    screenshot(page, "deals-bulk-refused")
    assert get_deal(admin, made["Anchor"]["id"])["stage"] == "talks"

    assert admin.call("POST", f"/deals/{made['Cobalt']['id']}/mark-won")[0] == 200
    expect(page.get_by_role("row", name=re.compile(f"Cobalt {marker}"))).to_contain_text("Won")  # someone else's move

    page.get_by_role("checkbox", name="Select every deal shown").check()
    bar.get_by_label("Change").select_option(label="Add tags")
    bar.get_by_label("Tags").fill(f"hot-{marker}")
    bar.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("3 changed, 0 refused.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Beacon {marker}")).get_by_text(f"hot-{marker}")).to_be_visible()
    assert {tuple(get_deal(admin, d["id"])["tags"]) for d in made.values()} == {(f"hot-{marker}",)}

    page.get_by_role("checkbox", name="Select every deal shown").check()
    bar.get_by_label("Change").select_option(label="Give to another owner")
    owner = bar.get_by_role("combobox", name="New owner")
    owner.fill("rita")
    page.get_by_role("option", name=re.compile("Rita Rep")).click()
    bar.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("row", name=re.compile(f"Anchor {marker}"))).to_contain_text("Rita Rep")
    assert {get_deal(admin, d["id"])["owner_id"] for d in made.values()} == {USERS["rep"].uid}

    page.get_by_role("checkbox", name="Select every deal shown").check()
    bar.get_by_label("Change").select_option(label="Delete")
    bar.get_by_role("button", name="Apply").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete 3 deals? This cannot be undone.")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("No deals match.")).to_be_visible()
    assert all(admin.call("GET", f"/deals/{d['id']}")[0] == 404 for d in made.values())


def test_a_lost_stage_asks_its_reason_a_rep_gets_no_other_owners_and_a_viewer_ticks_nothing(
        open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Rep Deals {marker}", owner_id=USERS["rep"].uid)
    deal = make_deal(admin, pipeline, customer, title=f"Rita's deal {marker}", owner_id=USERS["rep"].uid)
    rep = open_console("rep")
    rep.keyboard.press("Control+k")
    rep.get_by_role("dialog", name="Command menu").get_by_role("combobox").press_sequentially("deals list", delay=20)
    rep.keyboard.press("Enter")
    expect(rep.get_by_role("navigation", name="Deals as").get_by_role("link", name="List")).to_have_attribute(
        "aria-current", "page")
    rep.get_by_label("Pipeline").select_option(label=f"Board {marker}")
    rep.get_by_role("checkbox", name=f"Select Rita's deal {marker}").check()
    bar = rep.get_by_role("form", name="Change the selected deals")
    expect(bar.get_by_label("Change").get_by_role("option")).to_have_text(
        ["Move to a stage", "Add tags", "Remove tags", "Delete"])
    bar.get_by_label("To stage").select_option(label="Lost")
    apply = bar.get_by_role("button", name="Apply")
    expect(apply).to_be_disabled()  # a lost stage needs its reason
    bar.get_by_label("Why was it lost?").fill("Chose a rival")
    apply.click()
    expect(rep.get_by_text("1 changed, 0 refused.")).to_be_visible()
    expect(rep.get_by_role("row", name=re.compile(f"Rita's deal {marker}"))).to_contain_text("Lost")
    saved = get_deal(admin, deal["id"])
    assert (saved["status"], saved["lost_reason"]) == ("lost", "Chose a rival")

    viewer = open_console("viewer", path=f"/deals/list?pipeline={pipeline['id']}")
    expect(viewer.get_by_role("row", name=re.compile(f"Rita's deal {marker}"))).to_be_visible()
    expect(viewer.get_by_role("table").get_by_role("checkbox")).to_have_count(0)
    expect(viewer.get_by_role("form", name="Change the selected deals")).to_have_count(0)


def test_the_deals_list_and_its_bulk_form_at_a_phone_width_in_english_and_greek(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Phone Deals {marker}")
    make_deal(admin, pipeline, customer, title=f"Pocket deal {marker}", value="2500.00")
    page = open_console("manager", path=f"/deals/list?pipeline={pipeline['id']}", viewport=(390, 844))
    page.get_by_role("checkbox", name=f"Select Pocket deal {marker}").check()
    bar = page.get_by_role("form", name="Change the selected deals")
    expect(bar.get_by_label("To stage")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(f"Pocket deal {marker}"))
    expect(row).to_contain_text("€2,500.00")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "deals-bulk-phone")

    switch_language(page, "el")
    greek = page.get_by_role("form", name="Αλλαγή των επιλεγμένων ευκαιριών")
    expect(greek.get_by_text("1 επιλεγμένο")).to_be_visible()
    expect(greek.get_by_label("Σε στάδιο")).to_be_visible()
    expect(page.get_by_role("checkbox", name=f"Επιλογή: Pocket deal {marker}")).to_be_checked()
    screenshot(page, "deals-bulk-phone-greek")


def test_every_deal_the_filters_match_is_tagged_by_a_job_beyond_the_page_shown(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Many Deals {marker}")
    made = [make_deal(admin, pipeline, customer, title=f"Deal {n:02} {marker}") for n in range(51)]
    page = open_console("manager", path=f"/deals/list?pipeline={pipeline['id']}")
    expect(page.get_by_text("50 of 51 deals")).to_be_visible()
    page.get_by_role("checkbox", name="Select every deal shown").check()
    bar = page.get_by_role("form", name="Change the selected deals")
    expect(bar.get_by_text("50 selected")).to_be_visible()
    bar.get_by_role("button", name="Select all 51 that match").click()
    expect(bar.get_by_text("All 51 that match are selected")).to_be_visible()
    bar.get_by_label("Change").select_option(label="Add tags")
    bar.get_by_label("Tags").fill(f"all-{marker}")
    screenshot(page, "deals-bulk-every-match")
    bar.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("51 changed, 0 refused.")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("row", name=re.compile(f"Deal 50 {marker}")).get_by_text(f"all-{marker}")).to_be_visible()
    assert get_deal(admin, made[0]["id"])["tags"] == [f"all-{marker}"]  # the oldest: not on the page shown
    expect(page.get_by_role("table").get_by_role("checkbox", checked=True)).to_have_count(0)
