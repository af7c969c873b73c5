"""Integrations for admins: a webhook endpoint subscribed, pinged and its delivery sent again; a lead source made, its
form copied and its first lead counted; and no way in for anyone but an admin."""

from __future__ import annotations

import json
import re
import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import open_manage_menu, screenshot
from tests.utils.webhook_receiver import WebhookReceiver


def test_an_admin_subscribes_an_endpoint_pings_it_and_sends_a_delivery_again(open_console, marker):
    with WebhookReceiver() as receiver:
        page = open_console("admin", path="/integrations/webhooks")
        expect(page.get_by_role("heading", name="Webhooks")).to_be_visible()
        expect(page.get_by_role("button", name="Manage", exact=True)).to_have_attribute("aria-current", "page")
        page.get_by_role("button", name="Add endpoint").click()
        page.get_by_role("button", name="Subscribe").click()
        expect(page.get_by_text("Choose at least one event")).to_be_visible()
        page.get_by_label("URL").fill(receiver.url)
        page.get_by_label("Description").fill(f"Shop {marker}")
        page.get_by_label("deal.won").check()
        page.get_by_label("customer.created").check()
        page.get_by_role("button", name="Subscribe").click()

        expect(page.get_by_text("Copy it now and keep it safe")).to_be_visible()
        secret = page.get_by_label("Secret").inner_text()
        assert secret.startswith("whsec_")
        expect(page.get_by_role("row", name=f"Shop {marker}")).to_contain_text("customer.created, deal.won")
        screenshot(page, "webhooks-list")
        page.get_by_role("button", name="I have stored it").click()
        expect(page.get_by_text("Copy it now and keep it safe")).to_have_count(0)

        page.get_by_role("link", name=f"Shop {marker}").click()
        expect(page.get_by_role("heading", name=f"Shop {marker}")).to_be_visible()
        page.get_by_role("button", name="Send a ping").click()
        expect(page.get_by_text("The ping was delivered.")).to_be_visible()
        assert [request.event_type for request in receiver.requests] == ["ping"]

        deliveries = page.get_by_role("region", name="Deliveries")
        page.get_by_role("button", name="Refresh").click()
        row = deliveries.get_by_role("row").filter(has_text="ping")
        expect(row).to_contain_text("Delivered")
        expect(row).to_contain_text("HTTP 200")
        row.get_by_role("button", name="Details").click()
        expect(deliveries.get_by_label("Body sent")).to_contain_text('"type": "ping"')
        screenshot(page, "webhook-endpoint")
        deliveries.get_by_role("button", name="Send again").click()
        expect(page.get_by_text("Sent again: Delivered")).to_be_visible()
        assert len(receiver.requests) == 2
        assert receiver.requests[0].headers["X-CRM-Event-Id"] == receiver.requests[1].headers["X-CRM-Event-Id"]

        page.get_by_label("Enabled").uncheck()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Disabled", exact=True)).to_be_visible()

        page.get_by_role("button", name="Delete").click()
        page.get_by_role("dialog").get_by_role("button", name="Delete").click()
        expect(page.get_by_role("heading", name="Webhooks")).to_be_visible()
        expect(page.get_by_role("row", name=f"Shop {marker}")).to_have_count(0)


def test_an_admin_makes_a_lead_source_copies_its_form_and_sees_its_first_lead(open_console, stack, marker):
    page = open_console("admin", path="/integrations/lead-sources")
    expect(page.get_by_role("heading", name="Lead sources")).to_be_visible()
    open_manage_menu(page)
    expect(page.get_by_role("link", name="Integrations")).to_have_attribute("aria-current", "page")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Add lead source").click()
    page.get_by_label("Name").fill(f"Site {marker}")
    page.get_by_label("Websites that may post (origins)").fill("https://www.example.com")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_label("Secret")).to_contain_text("lss_")
    page.get_by_role("link", name="Open the lead source").click()

    expect(page.get_by_role("heading", name=f"Site {marker}")).to_be_visible()
    form = page.get_by_label("HTML")
    expect(form).to_have_value(re.compile("data-crm-lead-form"))
    html = form.input_value()
    assert f"{stack.url}/api/hooks/leads/" in html and 'name="_token" value="lst_' in html
    token = html.split('name="_token" value="', 1)[1].split('"', 1)[0]
    hook = html.split('action="', 1)[1].split('"', 1)[0]
    screenshot(page, "lead-source")

    post = urllib.request.Request(hook, method="POST", headers={"Content-Type": "application/json"}, data=json.dumps({
        "name": f"Lead {marker}", "email": f"{marker}@lead.example", "_token": token, "consent_privacy": "yes",
    }).encode())
    with urllib.request.urlopen(post, timeout=30) as answer:
        assert answer.status == 202
    page.reload()
    figures = page.get_by_role("definition")
    expect(figures.first).to_have_text("1")

    page.get_by_label("Tags").fill(f"web, {marker}")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved")).to_be_visible()


def test_only_admins_see_integrations(open_console, stack):
    page = open_console("manager")
    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    open_manage_menu(page)
    expect(page.get_by_role("link", name="Tags")).to_be_visible()
    expect(page.get_by_role("link", name="Integrations")).to_have_count(0)
    page.goto(f"{stack.url}/integrations")
    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    expect(page).to_have_url(f"{stack.url}/customers")
