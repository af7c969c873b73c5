"""The customers list's change to the ticked customers: tags added to some, then all of them deleted, each change
checked by the API; a rep is not offered other owners, a viewer no boxes to tick."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot


def test_a_manager_tags_two_ticked_customers_and_then_deletes_every_one_shown(open_console, stack, marker):
    api = stack.api_as("manager")
    made = [api.create_customer(name=f"{name} {marker}", tags=[marker]) for name in ("Alma", "Boris", "Chloe")]
    page = open_console("manager", path=f"/customers?tag={marker}")
    expect(page.get_by_text("3 of 3 customers")).to_be_visible()

    page.get_by_role("checkbox", name=f"Select Alma {marker}").check()
    page.get_by_role("checkbox", name=f"Select Chloe {marker}").check()
    bar = page.get_by_role("form", name="Change the selected customers")
    expect(bar.get_by_text("2 selected")).to_be_visible()
    bar.get_by_label("Tags").fill(f"bulk-{marker}")
    screenshot(page, "customers-bulk")
    bar.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("2 changed, 0 refused.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Alma {marker}")).get_by_text(f"bulk-{marker}")).to_be_visible()
    tags = {c["name"]: c["tags"] for c in (api.call("GET", f"/customers/{c['id']}")[1] for c in made)}
    assert tags == {f"Alma {marker}": [marker, f"bulk-{marker}"], f"Boris {marker}": [marker],
                    f"Chloe {marker}": [marker, f"bulk-{marker}"]}

    page.get_by_role("checkbox", name="Select every customer shown").check()
    bar.get_by_label("Change").select_option(label="Delete")
    bar.get_by_role("button", name="Apply").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete 3 customers?")
    dialog.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("3 changed, 0 refused.")).to_be_visible()
    expect(page.get_by_text("No customers match.")).to_be_visible()
    assert all(api.call("GET", f"/customers/{c['id']}")[0] == 404 for c in made)


def test_a_rep_is_not_offered_other_owners_and_a_viewer_ticks_nothing(open_console, stack, marker):
    stack.api_as("manager").create_customer(name=f"Dora {marker}", tags=[marker], owner_id=USERS["rep"].uid)
    rep = open_console("rep", path=f"/customers?tag={marker}")
    rep.get_by_role("checkbox", name=f"Select Dora {marker}").check()
    change = rep.get_by_role("form", name="Change the selected customers").get_by_label("Change")
    expect(change.get_by_role("option")).to_have_text(["Add tags", "Remove tags", "Set the status", "Delete"])

    viewer = open_console("viewer", path=f"/customers?tag={marker}")
    expect(viewer.get_by_role("row", name=re.compile(f"Dora {marker}"))).to_be_visible()
    expect(viewer.get_by_role("table").get_by_role("checkbox")).to_have_count(0)
    expect(viewer.get_by_role("form", name="Change the selected customers")).to_have_count(0)
