"""Administration: users' roles (from the real Auth emulator's accounts), API keys with their secret shown once,
currency rates; and no admin screen for anyone else."""

from __future__ import annotations

import json
import re
import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import USERS, open_manage_menu, screenshot


def test_an_admin_gives_a_user_without_a_role_a_role(open_console, stack):
    page = open_console("admin", path="/admin/users")
    expect(page.get_by_role("heading", name="Users and roles")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Rita Rep"))).to_contain_text("rep@browser.example")
    own = page.get_by_role("combobox", name="Role of Ada Admin")
    expect(own).to_be_disabled()
    page.get_by_label("Role", exact=True).select_option("none")
    trainee = page.get_by_role("row", name=re.compile("Tom Trainee"))
    expect(trainee).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Rita Rep"))).to_have_count(0)
    screenshot(page, "admin-users")

    page.get_by_role("combobox", name="Role of Tom Trainee").select_option("rep")
    expect(page.get_by_text("Tom Trainee is now sales rep. It applies when they next sign in.")).to_be_visible()
    expect(trainee).to_have_count(0)  # no longer without a role
    page.get_by_label("Role", exact=True).select_option("rep")
    expect(page.get_by_role("combobox", name="Role of Tom Trainee")).to_have_value("rep")
    status, users = stack.api_as("admin").call("GET", "/users?role=rep&search=trainee")
    assert status == 200 and [u["uid"] for u in users["results"]] == [USERS["trainee"].uid]


def test_an_api_keys_secret_is_shown_once_copied_and_the_key_revoked(open_console, stack, marker):
    page = open_console("admin", path="/admin/api-keys")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_label("Name").fill(f"Webshop {marker}")
    page.get_by_label("Role").select_option("viewer")
    page.get_by_role("button", name="Create key").click()
    secret_box = page.get_by_label("The new key")
    expect(secret_box).to_have_value(re.compile(r"^crm_[0-9a-f]{8}_"))
    secret = secret_box.input_value()
    expect(page.get_by_text("it is shown only this once")).to_be_visible()
    screenshot(page, "admin-api-key-created")
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Key copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    assert _status_with_key(stack.url, secret) == 200

    page.get_by_role("button", name="I have copied it").click()
    expect(page.get_by_label("The new key")).to_have_count(0)
    row = page.get_by_role("row", name=re.compile(f"Webshop {marker}"))
    expect(row).to_contain_text(secret[: len("crm_") + 8])
    expect(row).to_contain_text("viewer")
    page.reload()
    expect(page.get_by_role("row", name=re.compile(f"Webshop {marker}"))).to_be_visible()
    assert secret not in page.content()

    page.get_by_role("button", name=f"Revoke Webshop {marker}").click()
    page.get_by_role("dialog").get_by_role("button", name="Revoke").click()
    expect(page.get_by_role("row", name=re.compile(f"Webshop {marker}"))).to_contain_text("Revoked")


def test_currency_rates_are_edited_with_errors_on_their_row(open_console):
    page = open_console("admin", path="/admin/currency-rates")
    expect(page.get_by_text("the base currency")).to_be_visible()
    page.get_by_role("button", name="Add currency").click()
    codes = page.get_by_label(re.compile(r"^Currency \d+$"))
    last = codes.count() - 1
    codes.nth(last).fill("EUR")
    page.get_by_label("1 EUR in EUR").fill("1")
    page.get_by_role("button", name="Save rates").click()
    expect(page.get_by_text("EUR is the base currency: it needs no rate.")).to_be_visible()
    codes.nth(last).fill("CHF")
    page.get_by_label("1 CHF in EUR").fill("-1")
    page.get_by_role("button", name="Save rates").click()
    expect(page.get_by_text("greater than 0")).to_be_visible()
    expect(page.get_by_label("1 CHF in EUR")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("1 CHF in EUR").fill("1,05")
    page.get_by_role("button", name="Save rates").click()
    expect(page.get_by_text("Currency rates saved.")).to_be_visible()
    expect(page.get_by_label("1 CHF in EUR")).to_have_value("1.05")
    screenshot(page, "admin-currency-rates")


def test_no_one_but_an_admin_finds_the_admin_screens(open_console, stack):
    for role in ("manager", "rep", "viewer"):
        page = open_console(role, path="/admin/users")
        expect(page.get_by_text("Only admins manage users, currency rates and API keys.")).to_be_visible()
        open_manage_menu(page)
        expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Tags")).to_be_visible()
        expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Admin")).to_have_count(0)
        expect(page.get_by_role("table")).to_have_count(0)


def _status_with_key(base: str, secret: str) -> int:
    request = urllib.request.Request(f"{base}/api/crm/customers?page_size=1", headers={"X-API-Key": secret})
    with urllib.request.urlopen(request, timeout=30) as response:
        json.load(response)
        return response.status
