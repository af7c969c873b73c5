"""Activities: my work (open and overdue, completed in place), the new-activity form, an activity's page, and the
activities panel of a customer page; for a rep, a manager and a viewer."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot, wait_until_live


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def test_my_work_marks_overdue_activities_and_completes_them_in_place(open_console, stack, marker):
    rep = stack.api_as("rep")
    customer = rep.create_customer(name=f"Olga Late {marker}")
    now = datetime.now(UTC)
    rep.create("/activities", type="call", subject=f"Late call {marker}", customer_id=customer["id"],
               due_at=iso(now - timedelta(days=1)))
    rep.create("/activities", type="meeting", subject=f"Future demo {marker}", customer_id=customer["id"],
               due_at=iso(now + timedelta(days=3)))
    other = stack.api_as("manager").create_customer(name=f"Not hers {marker}", owner_id="someone-else")
    stack.api_as("manager").create("/activities", type="task", subject=f"Someone else's {marker}",
                                   customer_id=other["id"], owner_id="someone-else")

    page = open_console("rep", path=f"/activities?customer={customer['id']}")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    late = page.get_by_role("row", name=re.compile(f"Late call {marker}"))
    expect(late).to_contain_text("Overdue")
    expect(late).to_contain_text(f"Olga Late {marker}")
    expect(page.get_by_role("row", name=re.compile(f"Future demo {marker}"))).not_to_contain_text("Overdue")
    expect(page.get_by_role("link", name="1 overdue")).to_be_visible()
    expect(page.get_by_text(f"Someone else's {marker}")).to_have_count(0)
    screenshot(page, "activities-my-work")

    page.get_by_role("button", name=f"Complete: Late call {marker}").click()
    expect(page.get_by_text(f"Completed “Late call {marker}”.")).to_be_visible()
    expect(late).to_have_count(0)
    expect(page.get_by_role("link", name="1 overdue")).to_have_count(0)
    page.get_by_role("link", name="Completed", exact=True).click()
    expect(page.get_by_role("row", name=re.compile(f"Late call {marker}"))).to_contain_text("Completed")


def test_a_rep_creates_an_activity_choosing_the_customer_by_typing(open_console, stack, marker):
    stack.api_as("rep").create_customer(name=f"Petra Picker {marker}", organization="Picker Ltd")
    page = open_console("rep", path="/activities")
    page.get_by_role("link", name="New activity").click()
    expect(page.get_by_role("heading", name="New activity")).to_be_visible()
    page.get_by_label("Kind").select_option("meeting")
    page.get_by_role("button", name="Create activity").click()
    expect(page.get_by_label("Subject")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "activity-create-error")

    page.get_by_label("Subject").fill(f"Showroom visit {marker}")
    page.get_by_role("combobox", name="Customer").fill(f"petra {marker}")
    page.get_by_role("option", name=re.compile(f"Petra Picker {marker}")).click()
    expect(page.get_by_role("combobox", name="Customer")).to_have_value(f"Petra Picker {marker}")
    page.get_by_label("Due").fill((datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT10:30"))
    page.get_by_label("Priority").select_option("high")
    page.get_by_role("button", name="Create activity").click()
    expect(page.get_by_text(f"Activity “Showroom visit {marker}” created.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(f"Showroom visit {marker}"))
    expect(row).to_contain_text("Meeting")
    expect(row).to_contain_text("High")
    expect(row).to_contain_text(f"Petra Picker {marker}")


def test_an_activity_page_edits_and_deletes(open_console, stack, marker):
    manager = stack.api_as("manager")
    customer = manager.create_customer(name=f"Edna Edit {marker}")
    activity = manager.create("/activities", type="task", subject=f"Send brochure {marker}",
                              customer_id=customer["id"], owner_id=USERS["rep"].uid)
    page = open_console("manager", path=f"/activities/{activity['id']}")
    expect(page.get_by_role("heading", name=f"Send brochure {marker}")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Rita Rep")
    page.get_by_label("Subject").fill(f"Send brochure and prices {marker}")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Send brochure and prices {marker}")).to_be_visible()
    screenshot(page, "activity-page")
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text(f"Activity “Send brochure and prices {marker}” deleted.")).to_be_visible()
    assert manager.call("GET", f"/activities/{activity['id']}")[0] == 404


def test_a_save_after_someone_else_saved_the_activity_offers_their_version_and_keeps_what_was_typed(
        open_console, stack, marker):
    manager = stack.api_as("manager")
    customer = manager.create_customer(name=f"Della Late {marker}")
    activity = manager.create("/activities", type="call", subject=f"Call about delivery {marker}",
                              customer_id=customer["id"])
    page = open_console("manager", path=f"/activities/{activity['id']}")
    page.get_by_label("Subject").fill(f"Call about the late delivery {marker}")
    status, _ = stack.api_as("admin").call("PATCH", f"/activities/{activity['id']}",
                                           {"description": "Asked for a callback after 5"})
    assert status == 200
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Someone else saved this activity first.")).to_be_visible()
    screenshot(page, "activity-conflict")
    page.get_by_role("button", name="Load their version and keep my changes").click()
    expect(page.get_by_label("Description")).to_have_value("Asked for a callback after 5")
    expect(page.get_by_label("Subject")).to_have_value(f"Call about the late delivery {marker}")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    saved = manager.call("GET", f"/activities/{activity['id']}")[1]
    assert (saved["subject"], saved["description"]) == (f"Call about the late delivery {marker}",
                                                        "Asked for a callback after 5")


def test_the_customer_page_adds_and_completes_activities(open_console, stack, marker):
    customer = stack.api_as("manager").create_customer(name=f"Carla Panel {marker}")
    page = open_console("manager", path=f"/customers/{customer['id']}")
    panel = page.get_by_role("region", name="Activities")
    expect(panel.get_by_text("No activities.")).to_be_visible()
    panel.get_by_label("Kind").select_option("call")
    panel.get_by_label("New activity").fill(f"Call about renewal {marker}")
    panel.get_by_role("button", name="Add", exact=True).click()
    item = panel.get_by_role("listitem").filter(has_text=f"Call about renewal {marker}")
    expect(item).to_be_visible()
    expect(panel.get_by_label("New activity")).to_have_value("")
    screenshot(page, "customer-activities-panel")
    item.get_by_role("button", name=f"Complete: Call about renewal {marker}").click()
    expect(item).to_contain_text("Completed")
    expect(item.get_by_role("button")).to_have_count(0)


def test_a_viewer_sees_everyones_work_and_no_control_that_writes(open_console, stack, marker):
    customer = stack.api_as("admin").create_customer(name=f"Vera Work {marker}")
    stack.api_as("admin").create("/activities", type="email", subject=f"Quote follow-up {marker}",
                                 customer_id=customer["id"], owner_id=USERS["rep"].uid)
    page = open_console("viewer", path=f"/activities?customer={customer['id']}")
    expect(page.get_by_role("heading", name="Activities")).to_be_visible()
    row = page.get_by_role("row", name=re.compile(f"Quote follow-up {marker}"))
    expect(row).to_contain_text("Rita Rep")
    expect(page.get_by_role("link", name="New activity")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Complete"))).to_have_count(0)
    page.get_by_role("link", name=f"Quote follow-up {marker}").click()
    expect(page.get_by_label("Subject")).to_be_disabled()
    expect(page.get_by_role("button", name="Delete")).to_have_count(0)


def test_an_activity_given_to_a_rep_by_someone_else_appears_in_their_open_work(open_console, stack, marker):
    customer = stack.api_as("manager").create_customer(name=f"Lena Live {marker}", owner_id=USERS["rep"].uid)
    page = open_console("rep", path=f"/activities?customer={customer['id']}")
    expect(page.get_by_text("Nothing open. Plan your next call or meeting.")).to_be_visible()
    wait_until_live(page)
    page.evaluate("window.notReloaded = true")
    stack.api_as("manager").create("/activities", type="meeting", subject=f"Site visit {marker}",
                                   customer_id=customer["id"], owner_id=USERS["rep"].uid)
    # Sooner than the polling fallback (20 s) could bring it: the rep's Firestore listener did.
    expect(page.get_by_role("row", name=re.compile(f"Site visit {marker}"))).to_be_visible(timeout=10_000)
    assert page.evaluate("window.notReloaded") is True
