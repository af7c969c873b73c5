"""Signing in, signing out, and what a user without a role sees."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import USERS, open_account_menu, screenshot


def test_an_admin_signs_in_through_the_form_and_sees_the_customers(open_console):
    page = open_console("admin", sign_in=False)
    expect(page.get_by_role("heading", name="Sign in to the CRM")).to_be_visible()
    screenshot(page, "sign-in")
    page.get_by_label("Email").fill(USERS["admin"].email)
    page.get_by_label("Password").fill(USERS["admin"].password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    expect(page.get_by_role("link", name="New customer")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {USERS['admin'].email} (admin)")).to_be_hidden()
    open_account_menu(page, USERS["admin"].email)
    expect(page.get_by_text(f"Signed in as {USERS['admin'].email} (admin)")).to_be_visible()
    screenshot(page, "account-menu")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()


def test_a_wrong_password_is_refused_with_a_message(open_console):
    page = open_console("admin", sign_in=False)
    page.get_by_label("Email").fill(USERS["admin"].email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The email or password is not right.")
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")


def test_a_user_without_a_role_is_told_to_ask_an_admin(open_console):
    page = open_console("newcomer")
    expect(page.get_by_role("heading", name="No access yet")).to_be_visible()
    expect(page.get_by_text("Ask an admin to give you one")).to_be_visible()
    expect(page.get_by_text(USERS["newcomer"].uid)).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)
    screenshot(page, "no-access")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to the CRM")).to_be_visible()


def test_signing_out_returns_to_the_sign_in_form_and_protects_the_pages(open_console, stack):
    page = open_console("manager")
    open_account_menu(page, USERS["manager"].email)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to the CRM")).to_be_visible()
    page.goto(f"{stack.url}/customers")
    expect(page.get_by_role("heading", name="Sign in to the CRM")).to_be_visible()
    expect(page).to_have_url(f"{stack.url}/signin?next=%2Fcustomers")


def test_the_language_switch_shows_greek_and_formats_money_the_greek_way(open_console, stack, marker):
    stack.api_as("admin").create_customer(name=f"Όλγα {marker}", tags=[marker])
    page = open_console("admin", path=f"/customers?tag={marker}")
    open_account_menu(page, USERS["admin"].email)
    page.get_by_role("combobox", name="Language").select_option("el")
    page.keyboard.press("Escape")
    expect(page.get_by_role("heading", name="Πελάτες")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "el")
    expect(page.get_by_role("row", name=f"Όλγα {marker}")).to_contain_text("0,00 €")
    screenshot(page, "customers-list-greek")
