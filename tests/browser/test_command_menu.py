"""The command menu (Ctrl/Cmd+K) by keyboard alone: go to a screen, find a customer, create something; what it
offers follows the role."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_the_keyboard_goes_to_a_screen_and_to_a_customer(open_console, stack, marker):
    stack.api_as("manager").create_customer(name=f"Kim Keyboard {marker}", organization="Keys & Co")
    page = open_console("manager")
    page.keyboard.press("Control+k")
    menu = page.get_by_role("dialog", name="Command menu")
    expect(menu).to_be_visible()
    box = menu.get_by_role("combobox")
    expect(box).to_be_focused()
    box.press_sequentially("orders", delay=20)
    expect(menu.get_by_role("option", name="Orders", exact=True)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Orders")).to_be_visible()
    expect(menu).to_be_hidden()

    page.keyboard.press("Control+k")
    box.press_sequentially(f"kim {marker}", delay=20)
    customer = menu.get_by_role("option", name=f"Kim Keyboard {marker}")
    expect(customer).to_be_visible()
    screenshot(page, "command-menu")
    page.keyboard.press("End")
    expect(customer).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Kim Keyboard {marker}")).to_be_visible()

    page.keyboard.press("Control+k")
    box.press_sequentially("new activ", delay=20)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="New activity")).to_be_visible()

    page.keyboard.press("Control+k")
    expect(menu).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()


def test_a_viewer_is_offered_no_creating(open_console):
    page = open_console("viewer")
    page.get_by_role("button", name="Search or go to…").click()
    menu = page.get_by_role("dialog", name="Command menu")
    expect(menu.get_by_role("option", name="Customers", exact=True)).to_be_visible()
    expect(menu.get_by_role("option", name="My work")).to_be_visible()
    for name in ("New customer", "New activity", "New order", "API keys", "Deleted customers"):
        expect(menu.get_by_role("option", name=name)).to_have_count(0)
