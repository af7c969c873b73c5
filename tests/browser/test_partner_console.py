"""The partner programme run from the console: a manager adds a plan, a partner on it and a tracked link (a
destination the programme does not allow is refused on its field), approves the partner's commission, pays it out and
marks the payout paid, watching the wallet follow; an admin changes the programme's settings and adds a conversion
source whose secret shows once."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, switch_language
from tests.browser.partner_steps import click_link, post_signup

HOST = "shop.example.com"
PHONE = {"width": 390, "height": 844}


def allow_host_and_make_source(stack, marker: str) -> dict:
    admin = stack.api_as("admin")
    status, _ = admin.call("PUT", "/settings/partner-programme", {"allowed_hosts": [HOST]})
    assert status == 200
    return admin.create("/partner-conversion-sources", id=f"src-{marker}", name="Shop")


def wallet_row(page, bucket: str):
    return page.get_by_role("table", name="Wallets").get_by_role("row", name=re.compile(f"^{bucket}"))


def test_a_manager_sets_a_partner_up_and_pays_its_commission(open_console, stack, marker):
    source = allow_host_and_make_source(stack, marker)
    page = open_console("manager", path="/partners/plans")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.url)

    # A plan: 5 EUR per sign-up, added at once (the list's first load, if still under way, is fetched anew after it).
    page.get_by_text("Add a plan").click()
    plan_form = page.get_by_role("form", name="Add a plan")
    plan_form.get_by_label("Name").fill(f"Plan {marker}")
    plan_form.get_by_label("Amount").fill("5")
    plan_form.get_by_role("button", name="Add plan").click()
    expect(page.get_by_role("row", name=re.compile(f"Plan {marker}"))).to_contain_text("€5.00 per sign-up")
    screenshot(page, "partner-plans")

    # A partner on that plan.
    page.get_by_role("navigation", name="Partner programme").get_by_role("link", name="Partners").click()
    page.get_by_text("Add a partner").click()
    form = page.get_by_role("form", name="Add a partner")
    form.get_by_label("Name").fill(f"Studio {marker}")
    form.get_by_label("Email").fill(f"{marker}@studio.example")
    form.get_by_label("Commission plan").select_option(label=f"Plan {marker}")
    form.get_by_role("button", name="Add partner").click()
    expect(page.get_by_role("heading", name=f"Studio {marker}")).to_be_visible()
    page.get_by_role("link", name="All partners").click()
    expect(page.get_by_role("row", name=re.compile(f"Studio {marker}"))).to_contain_text(f"Plan {marker}")
    page.get_by_role("link", name=f"Studio {marker}").click()

    # A link: first to a host the programme does not allow, refused on the destination field.
    page.get_by_text("New tracked link").click()
    link_form = page.get_by_role("form", name="New tracked link")
    destination = link_form.get_by_label("Destination")
    destination.fill("https://elsewhere.example.net/offer")
    link_form.get_by_label("Code").fill(f"sale-{marker}")
    link_form.get_by_role("button", name="Create link").click()
    expect(destination).to_have_attribute("aria-invalid", "true")
    expect(link_form).to_contain_text("is not on the allowed hosts of the partner programme settings")
    screenshot(page, "partner-link-refused")
    destination.fill(f"https://{HOST}/sale")
    link_form.get_by_label("UTM source").fill("studio")
    link_form.get_by_role("button", name="Create link").click()
    links = page.get_by_role("table", name="Tracked links")
    address = f"{stack.url}/r/sale-{marker}"
    expect(links).to_contain_text(address)
    expect(links).to_contain_text("utm_source=studio")
    links.get_by_role("button", name=f"Copy the address of link sale-{marker}").click()
    expect(links.get_by_role("button", name=f"Copy the address of link sale-{marker}")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == address

    # A visitor clicks, and signs up: a pending commission of 5 EUR.
    post_signup(stack, source, f"signup-{marker}", click_link(stack, f"sale-{marker}"))
    page.reload()
    expect(wallet_row(page, "Pending")).to_contain_text("€5.00")
    expect(wallet_row(page, "Approved")).to_contain_text("€0.00")
    commissions = page.get_by_role("table", name="Commissions")
    expect(commissions).to_contain_text("5.00 EUR per sign-up")

    commissions.get_by_role("button", name="Approve the commission of €5.00").click()
    expect(wallet_row(page, "Approved")).to_contain_text("€5.00")
    expect(wallet_row(page, "Pending")).to_contain_text("€0.00")
    expect(commissions.get_by_role("row", name=re.compile("€5.00"))).to_contain_text("Approved")

    # Pay it out, then mark the payout paid with the transfer's reference.
    page.get_by_role("button", name="Pay out the approved EUR balance").click()
    dialog = page.get_by_role("dialog", name="Pay out the approved balance of €5.00?")
    dialog.get_by_role("button", name="Pay out").click()
    payouts = page.get_by_role("table", name="Payouts")
    expect(payouts).to_contain_text("To be paid")
    expect(wallet_row(page, "In payout")).to_contain_text("€5.00")
    expect(wallet_row(page, "Approved")).to_contain_text("€0.00")
    screenshot(page, "partner-page-payout")

    payouts.get_by_role("button", name="Mark the payout of €5.00 paid").click()
    dialog = page.get_by_role("dialog", name="Mark the payout of €5.00 paid")
    dialog.get_by_label("Reference").fill(f"TR-{marker}")
    dialog.get_by_role("button", name="Mark paid").click()
    expect(payouts.get_by_role("row", name=re.compile(f"TR-{marker}"))).to_contain_text("Paid")
    expect(wallet_row(page, "Paid")).to_contain_text("€5.00")
    expect(wallet_row(page, "In payout")).to_contain_text("€0.00")
    expect(payouts.get_by_role("button", name="Mark paid")).to_have_count(0)
    screenshot(page, "partner-page-paid")
    page.set_viewport_size(PHONE)
    screenshot(page, "partner-page-paid-phone")
    switch_language(page, "el")
    expect(page.get_by_role("table", name="Πληρωμές")).to_contain_text(f"TR-{marker}")
    expect(page.get_by_role("button", name="Σήμανση ως πληρωμένη")).to_have_count(0)
    screenshot(page, "partner-page-paid-phone-greek")


def test_a_manager_edits_a_plan_a_partner_and_a_link(open_console, stack, marker):
    allow_host_and_make_source(stack, marker)
    manager = stack.api_as("manager")
    plan = manager.create("/partner-plans", name=f"Tier {marker}", signup_amounts={"EUR": "2.00"})
    partner = manager.create("/partners", name=f"Vlog {marker}", company="Vlog Ltd")
    manager.create("/partner-links", partner_id=partner["id"], destination=f"https://{HOST}/a", code=f"vlog-{marker}")

    page = open_console("manager", path="/partners/plans")
    page.get_by_role("button", name=f"Edit plan Tier {marker}").click()
    plan_form = page.get_by_role("form", name=f"Edit plan Tier {marker}")
    plan_form.get_by_label("Percentage of a purchase").fill("10")
    plan_form.get_by_label("Purchases paid").select_option(label="Every purchase for some months")
    plan_form.get_by_label("Months").fill("12")
    plan_form.get_by_role("button", name="Save").click()
    expect(plan_form).to_have_count(0)
    expect(page.get_by_role("row", name=re.compile(f"Tier {marker}"))).to_contain_text(
        "€2.00 per sign-up · 10% of every purchase for 12 months")
    status, stored = manager.call("GET", f"/partner-plans/{plan['id']}")
    assert (status, stored["purchase_scope"], stored["recurring_months"]) == (200, "recurring", 12)

    page.goto(f"{stack.url}/partners/{partner['id']}")

    page.get_by_text("Edit", exact=True).click()
    edit = page.get_by_role("form", name="Edit")
    edit.get_by_label("Company").fill("Vlog Media")
    # Someone else saves the partner meanwhile: the save is refused (412) and their version loads with ours kept.
    status, _ = manager.call("PATCH", f"/partners/{partner['id']}", {"notes": "Met at the fair"})
    assert status == 200
    edit.get_by_role("button", name="Save").click()
    expect(edit.get_by_role("alert")).to_contain_text("Someone else saved this record after you opened it.")
    edit.get_by_role("button", name="Load their version (keeping your changes)").click()
    expect(edit.get_by_label("Notes")).to_have_value("Met at the fair")
    expect(edit.get_by_label("Company")).to_have_value("Vlog Media")
    edit.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Vlog Media · active", exact=True)).to_be_visible()

    links = page.get_by_role("table", name="Tracked links")
    links.get_by_role("button", name=f"Edit link vlog-{marker}").click()
    link_form = page.get_by_role("form", name=f"Edit link vlog-{marker}")
    link_form.get_by_label("Campaign", exact=True).fill("autumn")
    link_form.get_by_role("button", name="Save").click()
    expect(links).to_contain_text("autumn")
    links.get_by_role("button", name=f"Stop link vlog-{marker}").click()
    expect(links.get_by_role("row", name=re.compile(f"vlog-{marker}"))).to_contain_text("Stopped")

    page.get_by_role("button", name="Archive", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Archive").click()
    expect(page.get_by_text(re.compile(r"Vlog Media · archived"))).to_be_visible()
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text(re.compile(r"Vlog Media · active"))).to_be_visible()
    status, stored = manager.call("GET", f"/partners/{partner['id']}")
    assert (status, stored["company"], stored["notes"], stored["status"]) == (200, "Vlog Media", "Met at the fair",
                                                                              "active")


def test_an_admin_sets_the_programme_up(open_console, stack, marker):
    allow_host_and_make_source(stack, marker)
    admin = stack.api_as("admin")
    page = open_console("admin", path="/partners")
    expect(page.get_by_role("heading", name="Partners")).to_be_visible()
    page.keyboard.press("Control+k")
    menu = page.get_by_role("dialog", name="Command menu")
    menu.get_by_role("combobox").fill("programme settings")
    expect(menu.get_by_role("option", name="Partner programme settings")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Programme settings")).to_be_visible()
    hosts = page.get_by_label("Allowed hosts")
    expect(hosts).to_have_value(HOST)

    hosts.fill(f"{HOST}\nnot a host!")
    page.get_by_role("button", name="Save").click()
    expect(hosts).to_have_attribute("aria-invalid", "true")

    hosts.fill(f"{HOST}\n*.{marker}.example.org")
    page.get_by_label("Hold period (days)").fill("14")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Programme settings saved.")).to_be_visible()
    status, programme = admin.call("GET", "/settings/partner-programme")
    assert status == 200
    assert programme["allowed_hosts"] == sorted([HOST, f"*.{marker}.example.org"])
    assert programme["hold_days"] == 14

    sources = page.get_by_role("form", name="Add a conversion source")
    sources.get_by_label("Id").fill(f"app-{marker}")
    sources.get_by_label("Name").fill(f"App {marker}")
    sources.get_by_role("button", name="Add source").click()
    secret = page.get_by_label("Secret", exact=True)
    expect(secret).to_have_text(re.compile(r"^cvs_"))
    screenshot(page, "partner-settings-secret")
    page.get_by_role("button", name="I have stored it").click()
    expect(secret).to_have_count(0)
    table = page.get_by_role("table", name="Conversion sources")
    expect(table).to_contain_text(f"App {marker}")
    table.get_by_role("button", name=f"Make a new secret for App {marker}").click()
    expect(secret).to_have_text(re.compile(r"^cvs_"))
    page.get_by_role("button", name="I have stored it").click()
    table.get_by_role("button", name=f"Switch App {marker} off").click()
    expect(table.get_by_role("row", name=re.compile(f"App {marker}"))).to_contain_text("Off (posts refused)")
    status, listed = admin.call("GET", "/partner-conversion-sources")
    mine = next(source for source in listed["results"] if source["id"] == f"app-{marker}")
    assert (mine["active"], mine["secret_rotated_at"] is not None) == (False, True)
    page.set_viewport_size(PHONE)
    screenshot(page, "partner-settings-phone")

    status, _ = admin.call("PUT", "/settings/partner-programme", {"hold_days": 30})
    assert status == 200
