"""My work's change to the ticked activities: completed together (a cancelled one refused, with the API's reason),
given to another owner and deleted, each change checked through the API; a viewer has nothing to tick."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot, wait_until_live


def test_a_manager_completes_reassigns_and_deletes_ticked_activities_with_a_refusal_shown(
        open_console, stack, marker):
    manager = stack.api_as("manager")
    customer = manager.create_customer(name=f"Busy Client {marker}")
    made = {subject: manager.create("/activities", type="call", subject=f"{subject} {marker}",
                                    customer_id=customer["id"])
            for subject in ("Call back", "Send offer", "Chase invoice")}
    assert manager.call("PATCH", f"/activities/{made['Send offer']['id']}", {"status": "cancelled"})[0] == 200
    page = open_console("manager", path=f"/activities?view=all&owner=*&customer={customer['id']}")
    expect(page.get_by_text("3 of 3 activities")).to_be_visible()
    wait_until_live(page)

    page.get_by_role("checkbox", name=f"Select Call back {marker}").check()
    page.get_by_role("checkbox", name=f"Select Send offer {marker}").check()
    bar = page.get_by_role("form", name="Change the selected activities")
    expect(bar.get_by_text("2 selected")).to_be_visible()
    expect(bar.get_by_label("Status")).to_have_value("completed")
    screenshot(page, "activities-bulk")
    bar.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("1 changed, 1 refused.")).to_be_visible()
    refused = page.get_by_role("alert").filter(has_text="1 activity was not changed:")
    expect(refused).to_contain_text(f"Send offer {marker}: ")
    expect(refused).to_contain_text("cancelled")
    expect(page.get_by_role("row", name=re.compile(f"Call back {marker}"))).to_contain_text("Completed")
    screenshot(page, "activities-bulk-refused")
    status, saved = manager.call("GET", f"/activities/{made['Call back']['id']}")
    assert (status, saved["status"]) == (200, "completed")

    # Someone else's change arrives while the list is open.
    stack.api_as("admin").call("PATCH", f"/activities/{made['Chase invoice']['id']}", {"status": "in_progress"})
    expect(page.get_by_role("row", name=re.compile(f"Chase invoice {marker}"))).to_contain_text("In progress")

    page.get_by_role("checkbox", name="Select every activity shown").check()
    bar.get_by_label("Change").select_option(label="Give to another owner")
    bar.get_by_role("combobox", name="New owner").fill("rita")
    page.get_by_role("option", name=re.compile("Rita Rep")).click()
    bar.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("3 changed, 0 refused.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Call back {marker}"))).to_contain_text("Rita Rep")
    owners = {manager.call("GET", f"/activities/{a['id']}")[1]["owner_id"] for a in made.values()}
    assert owners == {USERS["rep"].uid}

    page.get_by_role("checkbox", name="Select every activity shown").check()
    bar.get_by_label("Change").select_option(label="Delete")
    bar.get_by_role("button", name="Apply").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete 3 activities? This cannot be undone.")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("No activities yet.")).to_be_visible()
    assert all(manager.call("GET", f"/activities/{a['id']}")[0] == 404 for a in made.values())


def test_a_rep_is_not_offered_other_owners_and_a_viewer_ticks_nothing(open_console, stack, marker):
    rep = stack.api_as("rep")
    customer = rep.create_customer(name=f"Rep Client {marker}")
    rep.create("/activities", type="task", subject=f"Rep task {marker}", customer_id=customer["id"])
    page = open_console("rep", path=f"/activities?customer={customer['id']}")
    page.get_by_role("checkbox", name=f"Select Rep task {marker}").check()
    change = page.get_by_role("form", name="Change the selected activities").get_by_label("Change")
    expect(change.get_by_role("option")).to_have_text(["Set the status", "Delete"])
    screenshot(page, "activities-bulk-rep")

    viewer = open_console("viewer", path=f"/activities?customer={customer['id']}", viewport=(390, 844))
    expect(viewer.get_by_role("row", name=re.compile(f"Rep task {marker}"))).to_be_visible()
    expect(viewer.get_by_role("table").get_by_role("checkbox")).to_have_count(0)
    expect(viewer.get_by_role("form", name="Change the selected activities")).to_have_count(0)


def test_every_activity_the_view_matches_is_deleted_by_a_job_beyond_the_page_shown(open_console, stack, marker):
    manager = stack.api_as("manager")
    customer = manager.create_customer(name=f"Long List {marker}")
    made = [manager.create("/activities", type="task", subject=f"Task {n:02} {marker}", customer_id=customer["id"])
            for n in range(51)]
    page = open_console("manager", path=f"/activities?customer={customer['id']}")
    expect(page.get_by_text("50 of 51 activities")).to_be_visible()
    page.get_by_role("checkbox", name="Select every activity shown").check()
    bar = page.get_by_role("form", name="Change the selected activities")
    bar.get_by_role("button", name="Select all 51 that match").click()
    expect(bar.get_by_text("All 51 that match are selected")).to_be_visible()
    bar.get_by_label("Change").select_option(label="Delete")
    bar.get_by_role("button", name="Apply").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete 51 activities? This cannot be undone.")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("51 changed, 0 refused.")).to_be_visible(timeout=90_000)
    expect(page.get_by_text("Nothing open. Plan your next call or meeting.")).to_be_visible()
    assert all(manager.call("GET", f"/activities/{a['id']}")[0] == 404 for a in made)
